import { fetchFile } from './client.ts';
import { libraryQueryString, type LibraryQuery } from './projects.ts';

/** The .xlsx exports (docs/API.md, "Import and export"): fetched as files so errors can be shown. */

/** 推进台账 with the library's filters, 数据截至 and 统计时点; paging and sort are the library's own. */
export function exportLedger(query: LibraryQuery) {
  const { page: _page, pageSize: _pageSize, sort: _sort, order: _order, ...filters } = query;
  const text = libraryQueryString(filters);
  return fetchFile(text ? `/api/exports/ledger.xlsx?${text}` : '/api/exports/ledger.xlsx');
}

/** 月度统计表 for a month ('YYYY-MM'), of the tenant shown (own when omitted), as known on 统计时点 when given. */
export function exportMonthly(month: string, tenantId?: string, knownOn?: string) {
  const params = new URLSearchParams({ month });
  if (tenantId) params.set('tenantId', tenantId);
  if (knownOn) params.set('knownOn', knownOn);
  return fetchFile(`/api/exports/monthly.xlsx?${params.toString()}`);
}
