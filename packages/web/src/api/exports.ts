import { fetchFile } from './client.ts';
import { libraryQueryString, type LibraryQuery } from './projects.ts';

/** The .xlsx exports (docs/API.md, "Import and export"): fetched as files so errors can be shown. */

/** 推进台账 with the library's filters and as-of date; paging and sort are the library's own. */
export function exportLedger(query: LibraryQuery) {
  const { page: _page, pageSize: _pageSize, sort: _sort, order: _order, ...filters } = query;
  const text = libraryQueryString(filters);
  return fetchFile(text ? `/api/exports/ledger.xlsx?${text}` : '/api/exports/ledger.xlsx');
}

/** 月度统计表 for a month ('YYYY-MM'), of the tenant shown (own when omitted). */
export function exportMonthly(month: string, tenantId?: string) {
  const params = new URLSearchParams({ month });
  if (tenantId) params.set('tenantId', tenantId);
  return fetchFile(`/api/exports/monthly.xlsx?${params.toString()}`);
}
