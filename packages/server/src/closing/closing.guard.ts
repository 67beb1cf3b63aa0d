/**
 * The one guard every dated ledger write passes: an entry effective in a closed month (or one
 * awaiting sign-off) is refused, or — when the tenant allows late entries (补录) — recorded on the
 * first day of the next open month with the date it was for kept beside it (`lateFor`).
 */
import { addMonths, monthStart, toMonth } from '@landfall/domain/dates';
import type { Ctx, Tx } from '../context.ts';
import { AppError } from '../http/app-error.ts';
import { listShutMonthsFrom, lockMonthsForEntry } from './closing.repo.ts';
import { readClosingSetting } from './closing.settings.ts';

export interface PlacedDate {
  /** The date to record the entry on. */
  date: string;
  /** The date it was for, when it was moved out of a closed month (补录). */
  lateFor?: string;
}

/** What a closed month's entry becomes: the date to record, or the reason it is refused. */
export type Placement = { ok: true; placed: PlacedDate } | { ok: false; message: string };

/** Where an entry dated `date` goes in the tenant's ledger (no throw; the import turns a refusal into a row error). */
export async function placeEntryDate(
  ctx: Pick<Ctx, 'locale'>,
  db: Tx,
  tenantId: string,
  date: string,
): Promise<Placement> {
  const month = toMonth(date);
  await lockMonthsForEntry(db, tenantId);
  const shut = await listShutMonthsFrom(db, tenantId, month);
  if (shut[0] !== month) return { ok: true, placed: { date } };
  if (!(await readClosingSetting(db, tenantId)).lateEntries) {
    const [y, m] = month.split('-');
    return {
      ok: false,
      message:
        ctx.locale === 'zh-CN'
          ? `该月已封账（${Number(y)}年${Number(m)}月），不能登记日期为 ${date} 的记录；请综合协调组重新开账，或开启“允许补录”后记入下一个未封账月份`
          : `${month} is closed: an entry dated ${date} cannot be recorded; reopen the month, or allow late entries`,
    };
  }
  const taken = new Set(shut);
  let next = addMonths(month, 1);
  while (taken.has(next)) next = addMonths(next, 1);
  return { ok: true, placed: { date: monthStart(next), lateFor: date } };
}

/** The guard for a service's write: the date to record (and lateFor), or 409 in the caller's language. */
export async function resolveEntryDate(
  ctx: Pick<Ctx, 'locale'>,
  db: Tx,
  tenantId: string,
  date: string,
): Promise<PlacedDate> {
  const placement = await placeEntryDate(ctx, db, tenantId, date);
  if (!placement.ok) throw new AppError('conflict', placement.message);
  return placement.placed;
}

/** The payload fields of a placed entry: `{ lateFor }` for 补录, nothing otherwise. */
export function lateMark(placed: PlacedDate): { lateFor?: string } {
  return placed.lateFor ? { lateFor: placed.lateFor } : {};
}
