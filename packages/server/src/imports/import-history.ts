/**
 * A snapshot becomes a history (pure): the dated stage entries of a new project from the
 * milestones its row dates, and the funds entries that make its cumulative funds equal the
 * sheet's figures as of the cut-off date.
 */
import { addDays, monthStart, toMonth } from '@landfall/domain/dates';
import { activeStages, type ActiveStage, type Stage } from '@landfall/domain/stages';
import type { ImportRecord } from './import-rows.ts';

/** Which figure of the sheet a funds entry stands for: its cell is the one a warning names. */
export type FundsPart = 'fundsCumulative' | 'fundsYear' | 'fundsMonth';

export interface PlannedFunds {
  date: string;
  amount: number;
  /** The sheet's figure this entry is the part of (for warnings). */
  part: FundsPart;
  /**
   * The entry's date stands in for a date the sheet does not give: the funds arrived before
   * `arrivedBefore` (exclusive), their exact day (and, before a year, their month) unknown.
   */
  undated?: { arrivedBefore: string };
}

/** The day a new project's funds of unknown date are put on: the day before the cut-off's year, or its signing. */
function undatedOn(record: ImportRecord, cutOff: string): string {
  const prevYearEnd = `${Number(cutOff.slice(0, 4)) - 1}-12-31`;
  const dated = [record.registeredOn, record.actualStartOn, record.productionOn].filter(
    (d): d is string => d !== null,
  );
  const since = record.signedOn ?? record.enteredOn ?? dated.sort()[0] ?? null;
  // A project that existed before this year (or of unknown age): before the year began.
  if (since === null || since <= prevYearEnd) return prevYearEnd;
  return since > cutOff ? cutOff : since;
}

/**
 * Funds entries that bring the project's cumulative funds to the sheet's figures.
 *
 * A new project's figures are honoured exactly, each part on a date that keeps it in its
 * period: 本月到位 at the cut-off; the rest of 本年到位 on the last day of the month before
 * (1 January when the cut-off is in January); the rest of 累计到位 on 31 December of the
 * year before — even when the project was signed this year (a plausibility warning says so).
 * A figure whose period the sheet does not give (累计 without 本年, 本年 without 本月) is
 * marked `undated`; 累计 with no 本年 column at all goes on the day before the year began when
 * the project existed then, else on its signing (or entry) date — never into this month or
 * year unless the project itself is that young. Inconsistent figures (本年 above 累计, 本月
 * above 本年) are capped by the larger period's figure: the cumulative figure stands.
 *
 * An existing project's earlier months are already in the ledger and are not rewritten:
 * one entry at the cut-off brings the cumulative figure to the sheet's, and a 本月到位 that
 * disagrees with the ledger is reported as a warning.
 */
export function fundsPlan(
  record: ImportRecord,
  cutOff: string,
  current: (date: string) => number,
  isNew: boolean,
): { entries: PlannedFunds[]; monthMismatch: boolean } {
  const yearStart = `${cutOff.slice(0, 4)}-01-01`;
  const thisMonth = monthStart(toMonth(cutOff));
  const prevMonthEnd = addDays(thisMonth, -1);
  const prevYearEnd = addDays(yearStart, -1);
  const { fundsCumulativeFen: c, fundsYearFen: y, fundsMonthFen: m } = record;
  let cumulative: number | null = null;
  if (c !== null) cumulative = c;
  else if (y !== null) cumulative = current(prevYearEnd) + y;
  else if (m !== null) cumulative = current(prevMonthEnd) + m;
  if (cumulative === null) return { entries: [], monthMismatch: false };
  const entries: PlannedFunds[] = [];
  if (isNew) {
    const year = y === null ? null : Math.min(y, cumulative);
    const month = m === null ? null : Math.min(m, year ?? cumulative);
    const add = (e: PlannedFunds) => {
      if (e.amount > 0) entries.push(e);
    };
    if (year !== null) {
      add({
        date: prevYearEnd,
        amount: cumulative - year,
        part: 'fundsCumulative',
        undated: { arrivedBefore: yearStart },
      });
      // In January the month is the year (a difference is a warning); else "this year, before
      // this month" — or, with no 本月 figure, "this year, by the cut-off".
      const january = thisMonth === yearStart;
      add({
        date: january ? yearStart : prevMonthEnd,
        amount: year - (month ?? 0),
        part: 'fundsYear',
        ...(month === null
          ? { undated: { arrivedBefore: addDays(cutOff, 1) } }
          : january
            ? {}
            : { undated: { arrivedBefore: thisMonth } }),
      });
    } else {
      add({
        date: undatedOn(record, cutOff),
        amount: cumulative - (month ?? 0),
        part: 'fundsCumulative',
        undated: { arrivedBefore: month === null ? addDays(cutOff, 1) : thisMonth },
      });
    }
    if (month !== null) add({ date: cutOff, amount: month, part: 'fundsMonth' });
  }
  const atCutOff = current(cutOff) + entries.reduce((s, e) => s + e.amount, 0);
  if (cumulative !== atCutOff)
    entries.push({ date: cutOff, amount: cumulative - atCutOff, part: 'fundsCumulative' });
  const monthMismatch = !isNew && m !== null && cumulative - current(prevMonthEnd) !== m;
  return { entries, monthMismatch };
}

/** The stage chain of a new project: its milestones in order, then the sheet's stage at the cut-off. */
export function stageChain(
  record: ImportRecord,
  cutOff: string,
): { enteredOn: string; steps: { stage: Stage; on: string }[] } {
  const stage = record.stage!;
  const milestones: { stage: ActiveStage; on: string | null }[] = [
    { stage: 'signed', on: record.signedOn },
    { stage: 'settled', on: record.registeredOn },
    { stage: 'construction', on: record.actualStartOn },
    { stage: 'production', on: record.productionOn },
  ];
  const reached =
    stage === 'paused' || stage === 'dropped'
      ? milestones.filter((m) => m.on)
      : milestones.filter((m) => m.on && activeStages.indexOf(m.stage) <= activeStages.indexOf(stage));
  const steps: { stage: Stage; on: string }[] = [];
  // A row with no dated milestone was known by its own 更新日期 at the latest, else by the cut-off.
  const updated = record.updatedOn && record.updatedOn < cutOff ? record.updatedOn : cutOff;
  let last = record.enteredOn ?? reached[0]?.on ?? updated;
  const enteredOn = last;
  if (!reached.length || (record.enteredOn && record.enteredOn < reached[0]!.on!)) {
    const first: Stage =
      stage === 'paused' || stage === 'dropped' || activeStages.indexOf(stage) >= 2
        ? reached.length
          ? 'negotiating'
          : stage
        : stage;
    steps.push({ stage: first, on: last });
  }
  for (const m of reached) {
    const on = m.on! < last ? last : m.on!;
    steps.push({ stage: m.stage, on });
    last = on;
  }
  if (steps.at(-1)!.stage !== stage) steps.push({ stage, on: cutOff < last ? last : cutOff });
  return { enteredOn, steps };
}
