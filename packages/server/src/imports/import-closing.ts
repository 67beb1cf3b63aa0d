/**
 * 封账 for the import: an entry a row plans in a closed month is the row's error (the commit is
 * refused), or — when the tenant allows late entries — moves to the first day of the next open month
 * with `lateFor` in its payload and a warning on the row. The rule itself is closing/closing.guard.ts.
 */
import { toMonth } from '@landfall/domain/dates';
import { placeEntryDate, type Placement } from '../closing/closing.guard.ts';
import type { ImportRun } from './import-run.ts';
import type { EntryRow } from './import-writes.ts';

/** Places every entry of `entries` in place (effective_on, payload), reporting on the run; returns them. */
export async function placeImportEntries(run: ImportRun, entries: EntryRow[]): Promise<EntryRow[]> {
  const openMonths = new Set<string>();
  const placements = new Map<string, Placement>();
  const reported = new Set<string>();
  for (const entry of entries) {
    const date = String(entry.effective_on);
    const key = `${entry.tenant_id}:${date}`;
    if (openMonths.has(`${entry.tenant_id}:${toMonth(date)}`)) continue;
    let placement = placements.get(key);
    if (!placement) {
      placement = await placeEntryDate({ locale: 'zh-CN' }, run.db, entry.tenant_id, date);
      placements.set(key, placement);
      if (placement.ok && !placement.placed.lateFor) openMonths.add(`${entry.tenant_id}:${toMonth(date)}`);
    }
    if (placement.ok && !placement.placed.lateFor) continue;
    const payload = JSON.parse(String(entry.payload)) as { row?: number; [key: string]: unknown };
    const row = payload.row ?? 0;
    // One error per row (its first date in a closed month); one warning per row and date moved.
    const once = placement.ok ? `${row}:${date}` : `${row}`;
    const first = !reported.has(once);
    reported.add(once);
    if (!placement.ok) {
      if (first)
        run.addIssues([{ row, column: '日期', cell: '', value: date, message: placement.message }], 'errors');
      continue;
    }
    entry.effective_on = placement.placed.date;
    entry.payload = JSON.stringify({ ...payload, lateFor: date });
    if (first) {
      run.addIssues(
        [
          {
            row,
            column: '日期',
            cell: '',
            value: date,
            message: `${date} 所在月份已封账，按补录记入 ${placement.placed.date}`,
          },
        ],
        'warnings',
      );
    }
  }
  return entries;
}
