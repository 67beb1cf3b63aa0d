/**
 * Funds by source (到位资金来源) from a sheet's 其中 columns: which period figure they break down,
 * and the sources they name. The rule, in full:
 *
 * - The breakdown's period is the one its header path names (本月到位/其中：省外 → 本月), else the
 *   period column nearest to the left of the first breakdown column (累计到位 | 其中：省外), else the
 *   nearest to its right; a sheet with breakdown columns and no period column at all breaks down the
 *   cumulative figure, which is then their sum.
 * - 其中：省外 → outside the province; 其中：境外 / 外资 → abroad (foreign capital); 其中：市外省内 →
 *   outside the city, inside the province; 其中：国内市外 / 市外 holds 省外 and 市外省内 (as the words
 *   say): what it holds beyond them is domestic money from outside the city, of the investor's own
 *   source when that is domestic and outside the city, else counted as outside the province.
 * - 我方 (the local side: a local platform's or government's share) is recorded as inside the city,
 *   outside the 市外 口径; 合作方 (the partner, i.e. the investor) is the investor's own money: it
 *   counts, with the investor's source, and only checks that 我方 + 合作方 do not exceed the total.
 * - What the breakdown does not name (total − 我方 − the sources) is the investor's, from its
 *   place (as without a breakdown).
 * - Parts larger than their total are a warning on the cell; that row's funds are then not split.
 */
import type { FundingSource } from '../regions.ts';
import {
  fundsSourceFields,
  rankHeader,
  type ColumnMapping,
  type FundsSourceField,
  type ImportField,
} from './fields.ts';

export type FundsPeriod = 'fundsMonth' | 'fundsYear' | 'fundsCumulative';
const periods: readonly string[] = ['fundsMonth', 'fundsYear', 'fundsCumulative'];
const sourceFieldSet: ReadonlySet<string> = new Set(fundsSourceFields);

export function isFundsSourceField(field: ImportField | null): field is FundsSourceField {
  return field !== null && sourceFieldSet.has(field);
}

/** Which period figure the sheet's breakdown columns split; null when it has none. */
export function breakdownPeriod(mapping: readonly ColumnMapping[]): FundsPeriod | null {
  const columns = [...mapping].sort((a, b) => a.column - b.column);
  const first = columns.find((m) => isFundsSourceField(m.field));
  if (!first) return null;
  const segments = first.header.split('/').slice(0, -1).reverse();
  for (const segment of segments) {
    const field = rankHeader(segment)?.field ?? null;
    if (field && periods.includes(field)) return field as FundsPeriod;
  }
  const isPeriod = (m: ColumnMapping) => m.field !== null && periods.includes(m.field);
  const left = columns.filter((m) => m.column < first.column && isPeriod(m)).at(-1);
  const right = columns.find((m) => m.column > first.column && isPeriod(m));
  return ((left ?? right)?.field as FundsPeriod | undefined) ?? 'fundsCumulative';
}

/** A source as the breakdown names it: 'outside_city' is domestic, outside the city, the province unknown. */
export type BreakdownSource = FundingSource | 'outside_city';

export interface FundsBreakdown {
  period: FundsPeriod;
  /** The period's figure the parts are of (fen). */
  total: number;
  /** The named parts, 我方 first; the rest of the total is the investor's. */
  parts: { source: BreakdownSource; amount: number; party?: 'ours' }[];
  /** The sheet has a 合作方 column: the investor's funds are marked as the partner's. */
  partner: boolean;
}

export type BreakdownProblem =
  | { kind: 'parts_exceed_total'; field: FundsSourceField; parts: number; total: number }
  | { kind: 'nested_exceeds'; field: FundsSourceField; parts: number; total: number }
  | { kind: 'no_total'; field: FundsSourceField };

export type BreakdownResult =
  { ok: true; breakdown: FundsBreakdown | null } | { ok: false; problem: BreakdownProblem };

/**
 * The row's breakdown from its 其中 values (fen; null = empty cell). `total` is the period's figure
 * (null when its cell is empty); `totalColumn` whether the sheet has a column for it.
 */
export function resolveBreakdown(
  period: FundsPeriod,
  total: number | null,
  totalColumn: boolean,
  values: Partial<Record<FundsSourceField, number | null>>,
): BreakdownResult {
  const given = fundsSourceFields.filter((f) => values[f] !== null && values[f] !== undefined);
  if (!given.some((f) => values[f]! > 0)) return { ok: true, breakdown: null };
  const v = (f: FundsSourceField) => values[f] ?? 0;
  const last = given.at(-1)!;
  const parts: FundsBreakdown['parts'] = [];
  if (v('fundsOurSide') > 0) parts.push({ source: 'inside_city', amount: v('fundsOurSide'), party: 'ours' });
  const named = v('fundsOutsideProvince') + v('fundsOutsideCityInProvince');
  if (
    values.fundsOutsideCity !== null &&
    values.fundsOutsideCity !== undefined &&
    named > v('fundsOutsideCity')
  ) {
    const field = v('fundsOutsideProvince') > 0 ? 'fundsOutsideProvince' : 'fundsOutsideCityInProvince';
    return {
      ok: false,
      problem: { kind: 'nested_exceeds', field, parts: named, total: v('fundsOutsideCity') },
    };
  }
  const add = (source: BreakdownSource, amount: number) => {
    if (amount > 0) parts.push({ source, amount });
  };
  add('outside_province', v('fundsOutsideProvince'));
  add('outside_city_in_province', v('fundsOutsideCityInProvince'));
  add('outside_city', v('fundsOutsideCity') - named);
  add('abroad', v('fundsAbroad'));
  const sum = parts.reduce((s, p) => s + p.amount, 0);
  const ours = v('fundsOurSide');
  const partner = values.fundsPartner !== null && values.fundsPartner !== undefined;
  let figure = total;
  if (figure === null) {
    if (totalColumn) return { ok: false, problem: { kind: 'no_total', field: last } };
    figure = Math.max(sum, ours + v('fundsPartner'));
  }
  if (sum > figure)
    return { ok: false, problem: { kind: 'parts_exceed_total', field: last, parts: sum, total: figure } };
  if (partner && ours + v('fundsPartner') > figure) {
    return {
      ok: false,
      problem: {
        kind: 'parts_exceed_total',
        field: 'fundsPartner',
        parts: ours + v('fundsPartner'),
        total: figure,
      },
    };
  }
  return { ok: true, breakdown: { period, total: figure, parts, partner } };
}
