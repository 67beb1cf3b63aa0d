/**
 * A snapshot becomes a history (pure): the dated stage entries of a new project from the
 * milestones its row dates, and the funds entries that make its cumulative funds equal the
 * sheet's figures as of the cut-off date.
 */
import { addDays, monthStart, toMonth } from '@landfall/domain/dates';
import { activeStages, type ActiveStage, type Stage } from '@landfall/domain/stages';
import type { ImportRecord } from './import-rows.ts';

/**
 * Funds entries that bring the project's cumulative funds to the sheet's figures. A new
 * project's 本月到位 is dated at the cut-off and the rest at the end of the month before;
 * an existing project's earlier months are already in the ledger and are not rewritten:
 * one entry at the cut-off brings the cumulative figure to the sheet's, and a 本月到位 that
 * disagrees with the ledger is reported as a warning.
 */
export function fundsPlan(
  record: ImportRecord,
  cutOff: string,
  enteredOn: string,
  current: (date: string) => number,
  isNew: boolean,
): { entries: { date: string; amount: number }[]; monthMismatch: boolean } {
  const prevMonthEnd = addDays(monthStart(toMonth(cutOff)), -1);
  const prevYearEnd = `${Number(cutOff.slice(0, 4)) - 1}-12-31`;
  let cumulative: number | null = null;
  if (record.fundsCumulativeFen !== null) cumulative = record.fundsCumulativeFen;
  else if (record.fundsYearFen !== null) cumulative = current(prevYearEnd) + record.fundsYearFen;
  if (cumulative === null) return { entries: [], monthMismatch: false };
  const entries: { date: string; amount: number }[] = [];
  if (isNew) {
    // Buckets: before this year, this year before this month, this month — as far as the sheet tells.
    const year = record.fundsYearFen;
    const month = record.fundsMonthFen;
    const bounds: { date: string; upTo: number | null }[] = [
      { date: prevYearEnd, upTo: year !== null ? cumulative - year : null },
      { date: prevMonthEnd, upTo: month !== null ? cumulative - month : null },
    ];
    let placed = 0;
    for (const b of bounds) {
      if (b.upTo === null || b.upTo - placed <= 0) continue;
      // Never before the project entered the library.
      const date = b.date < enteredOn ? enteredOn : b.date;
      if (date > cutOff) continue;
      entries.push({ date, amount: b.upTo - placed });
      placed = b.upTo;
    }
  }
  const atCutOff = current(cutOff) + entries.reduce((s, e) => s + e.amount, 0);
  if (cumulative !== atCutOff) entries.push({ date: cutOff, amount: cumulative - atCutOff });
  const monthMismatch =
    !isNew && record.fundsMonthFen !== null && cumulative - current(prevMonthEnd) !== record.fundsMonthFen;
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
  let last = record.enteredOn ?? reached[0]?.on ?? cutOff;
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
