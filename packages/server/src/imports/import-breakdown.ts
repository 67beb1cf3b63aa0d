/**
 * A row's funds by source (其中：省外, 其中：境外, 我方 …): the 其中 cells read and checked against
 * the figure they break down (the rule is domain/import/funds-breakdown.ts). A breakdown larger
 * than its total is a warning on the cell, and the row's funds are then not split.
 */
import {
  breakdownPeriod,
  importFieldLabels,
  isFundsSourceField,
  resolveBreakdown,
  type ColumnMapping,
  type FundsBreakdown,
  type FundsPeriod,
  type FundsSourceField,
  type ImportField,
} from '@landfall/domain/import/index';
import { fenText } from './import-types.ts';

const periodOf = new WeakMap<readonly ColumnMapping[], FundsPeriod | null>();

function cachedPeriod(mapping: readonly ColumnMapping[]): FundsPeriod | null {
  if (!periodOf.has(mapping)) periodOf.set(mapping, breakdownPeriod(mapping));
  return periodOf.get(mapping)!;
}

const notSplit = '；本行资金来源未拆分，按投资方所在地计';

export function readBreakdown(
  mapping: readonly ColumnMapping[],
  figures: Record<FundsPeriod, number | null>,
  amount: (field: ImportField) => number | null,
  warn: (field: ImportField, message: string) => void,
): { breakdown: FundsBreakdown | null; cumulative: number | null } {
  const period = cachedPeriod(mapping);
  if (period === null) return { breakdown: null, cumulative: null };
  const columns = mapping.filter((m) => isFundsSourceField(m.field));
  const values: Partial<Record<FundsSourceField, number | null>> = {};
  for (const m of columns) values[m.field as FundsSourceField] = amount(m.field!);
  const totalColumn = mapping.some((m) => m.field === period);
  const result = resolveBreakdown(period, figures[period], totalColumn, values);
  if (result.ok) {
    const b = result.breakdown;
    return { breakdown: b, cumulative: b && !totalColumn ? b.total : null };
  }
  const p = result.problem;
  const label = mapping.find((m) => m.field === period)?.header ?? importFieldLabels[period]['zh-CN'];
  if (p.kind === 'no_total') {
    warn(p.field, `${label}为空，其中各项未计入`);
  } else if (p.kind === 'nested_exceeds') {
    const outer = mapping.find((m) => m.field === 'fundsOutsideCity')?.header ?? '国内市外';
    warn(p.field, `其中省外、市外省内合计 ${fenText(p.parts)} 大于${outer} ${fenText(p.total)}${notSplit}`);
  } else {
    // The rightmost breakdown cell that has a value names the excess.
    const named =
      p.field === 'fundsPartner'
        ? p.field
        : ([...columns]
            .sort((a, b) => b.column - a.column)
            .find((m) => (values[m.field as FundsSourceField] ?? 0) > 0 && m.field !== 'fundsPartner')
            ?.field ?? p.field);
    warn(named, `其中各项合计 ${fenText(p.parts)} 大于${label} ${fenText(p.total)}${notSplit}`);
  }
  return { breakdown: null, cumulative: null };
}
