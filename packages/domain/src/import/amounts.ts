/**
 * Amounts in imported sheets: the unit a sheet, note or header declares (单位：万元, （亿元）),
 * and cell values read exactly into integer fen. The arithmetic is money.ts's parseAmount
 * (string and BigInt only); this module adds what spreadsheets bring: numeric cells, the words
 * offices write for "nothing" (无, 暂无, -), 约, and accountants' (5) for a negative.
 */
import { parseAmount, type AmountProblem, type AmountUnit, type ParseAmountOptions } from '../money.ts';
import { toHalfWidth } from '../text.ts';
import type { Cell } from './cells.ts';

const unitWords: Record<string, AmountUnit> = {
  亿元: 'yi',
  亿: 'yi',
  万元: 'wan',
  万: 'wan',
  元: 'yuan',
};

/** A unit word that ends where it should: '万' in '万州区' or '万美元' is not a unit. */
const labelledUnit = /单位(?:为|是)?\s*:?\s*(?:人民币)?\s*(亿元|万元|元|亿|万)(?=$|[\s\p{P}]|人民币)/u;
const bracketedUnit = /[([【〔]\s*(?:人民币|金额)?\s*:?\s*(亿元|万元|元)\s*(?:人民币)?\s*[)\]】〕]/;

/**
 * The money unit a text declares: '单位：万元', '金额单位：亿元', '单位:万', '（万元）', '(元)',
 * '本表金额单位为万元'. '万元' is never read as 元, and '万州区' or '万美元' are not units.
 * Falls back to a bare 亿元 or 万元 anywhere in the text when exactly one of them occurs.
 */
export function detectAmountUnit(text: string): AmountUnit | null {
  const halfWidth = toHalfWidth(text);
  const match = labelledUnit.exec(halfWidth) ?? bracketedUnit.exec(halfWidth);
  if (match?.[1]) return unitWords[match[1]] ?? null;
  const hasYi = /亿\s*元/.test(halfWidth);
  const hasWan = /万\s*元/.test(halfWidth);
  if (hasYi !== hasWan) return hasYi ? 'yi' : 'wan';
  return null;
}

export type SheetAmountProblem = Exclude<AmountProblem, 'empty'>;
export type SheetAmountResult = { ok: true; fen: number | null } | { ok: false; problem: SheetAmountProblem };

/** What offices write in an amount cell to mean "no figure". */
export const emptyAmountWords: readonly string[] = [
  '',
  '-',
  '--',
  '---',
  '—',
  '——',
  '–',
  '/',
  '\\',
  '无',
  '暂无',
  '待定',
  '未定',
  '不详',
  '空',
  '…',
  '……',
];
const emptyWordSet = new Set(emptyAmountWords);

function fail(problem: SheetAmountProblem): SheetAmountResult {
  return { ok: false, problem };
}

function fromParse(result: ReturnType<typeof parseAmount>, negative: boolean): SheetAmountResult {
  if (!result.ok) return fail(result.problem === 'empty' ? 'not_a_number' : result.problem);
  if (negative && result.fen > 0) return fail('negative');
  return { ok: true, fen: result.fen };
}

/**
 * Reads an amount cell into exact fen in `unit` (the column's or sheet's unit).
 * - null, blank and the empty words (无, 暂无, 待定, -, —, /) → fen null; 0 → fen 0.
 * - Numbers go through their shortest decimal string (what JS prints, which is what Excel
 *   stored): 1234.56 万元 = 1 234 560 000 fen; 1.5e21 → too_large; a float whose digits go
 *   past the fen (0.30000000000000004 元) → too_precise unless `roundToFen`.
 * - Strings: thousands separators ('1,234.56', '1，234.56'), spaces, full-width digits, a
 *   leading 约/￥/¥, a trailing unit ('120亿', '3000万元', '500元') that overrides `unit`.
 * - Negatives ('-5', '－5', '(5)') → negative; '5万左右', '1.2.3', booleans, dates → not_a_number.
 */
export function parseSheetAmount(
  value: Cell | undefined,
  unit: AmountUnit,
  options: ParseAmountOptions = {},
): SheetAmountResult {
  if (value === null || value === undefined) return { ok: true, fen: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('not_a_number');
    return fromParse(parseAmount(String(value), unit, options), false);
  }
  if (typeof value !== 'string') return fail('not_a_number');
  let text = toHalfWidth(value).replace(/[\s\u200b\ufeff]+/g, '');
  if (emptyWordSet.has(text)) return { ok: true, fen: null };
  text = text.replace(/^(?:大约|约)/, '');
  const bracketed = /^\((.+)\)$/.exec(text);
  if (bracketed?.[1] !== undefined) {
    if (/^[-−–]/.test(bracketed[1])) return fail('not_a_number');
    return fromParse(parseAmount(bracketed[1], unit, options), true);
  }
  return fromParse(parseAmount(text, unit, options), false);
}
