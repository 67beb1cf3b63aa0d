/**
 * Amounts in imported sheets: the unit a sheet, note or header declares (单位：万元, （亿元）),
 * and cell values read exactly into integer fen. The arithmetic is money.ts's parseAmount
 * (string and BigInt only); this module adds what spreadsheets bring: numeric cells, the words
 * offices write for "nothing" (无, 暂无, -), 约, and accountants' (5) for a negative.
 */
import {
  MAX_AMOUNT_FEN,
  parseAmount,
  type AmountProblem,
  type AmountUnit,
  type ParseAmountOptions,
} from '../money.ts';
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
  // One investment's figure: at most 1 万亿元 (see MAX_AMOUNT_FEN).
  if (result.fen > MAX_AMOUNT_FEN) return fail('too_large');
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

// ── Foreign currency (美元) ─────────────────────────────────────────────────────────

export type Currency = 'CNY' | 'USD';

/** 美元 in a text, with the scale before it: 万美元 → wan, 亿美元 → yi, 美元/美金/USD/US$ → yuan (dollars). */
const usdWords = /(亿|万)?\s*(?:美元|美金)|\bUSD\b|US\$/i;

/**
 * The currency a header declares when it is not 人民币: '协议投资额（万美元）' → USD in 万 (wan),
 * '到位资金(亿美元)' → USD in 亿, '金额（美元）' or 'USD' → USD in dollars. '万元' or no currency → null.
 */
export function detectCurrency(text: string): { currency: 'USD'; unit: AmountUnit } | null {
  const match = usdWords.exec(toHalfWidth(text));
  if (!match) return null;
  const scale = match[1];
  return { currency: 'USD', unit: scale === '亿' ? 'yi' : scale === '万' ? 'wan' : 'yuan' };
}

const ratePattern = /^(\d{1,6})(?:\.(\d{1,8}))?$/;

/**
 * A USD → CNY rate as the user types it (元人民币 per 1 美元): a positive decimal such as '7.1' or
 * '7.1884', at most 8 decimals; anything else (0, '-7', '7,1', '1e1') is null.
 */
export function parseUsdRate(text: string): { units: bigint; scale: number } | null {
  const match = ratePattern.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  const units = BigInt(match[1]! + fraction);
  if (units === 0n) return null;
  return { units, scale: fraction.length };
}

/**
 * US cents → fen at `rate` (元 per 美元), exact: cents × rate in BigInt, rounded half up to the fen
 * only when the rate's decimals make the product finer than a fen ('7.1' never does).
 */
export function usdCentsToFen(cents: bigint, rate: string): bigint {
  const parsed = parseUsdRate(rate);
  if (!parsed) throw new RangeError(`not a USD rate: ${rate}`);
  const product = cents * parsed.units;
  const divisor = 10n ** BigInt(parsed.scale);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs * 2n + divisor) / (divisor * 2n);
  return negative ? -rounded : rounded;
}

/** Dollars as decimal text from cents: 500000000 → '5000000', 123456 → '1234.56'. */
export function usdText(cents: bigint): string {
  const whole = cents / 100n;
  const fraction = (cents % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** A USD figure as the record keeps it: the dollars the sheet gave and the rate they were converted at. */
export interface OriginalAmount {
  currency: 'USD';
  /** 美元, decimal text: '5000000' for 500万美元. */
  amount: string;
  /** 元 per 美元, as the user gave it: '7.1'. */
  rate: string;
}

export type SheetMoneyResult =
  | { ok: true; fen: number | null; original: OriginalAmount | null }
  | { ok: false; problem: SheetAmountProblem | 'usd_rate_missing' };

/** A cell that names 美元 itself ('500万美元', '$120', 'USD 80'): its text without the currency, and the scale. */
function usdCell(text: string): { rest: string; unit: AmountUnit | null } | null {
  const half = toHalfWidth(text).replace(/[\s\u200b\ufeff]+/g, '');
  const match = /^(?:US\$|USD|\$)?(.*?)(?:(亿|万)?(?:美元|美金)|USD)?$/i.exec(half);
  if (!match) return null;
  const named = /美元|美金|USD|\$/i.test(half);
  if (!named) return null;
  const scale = match[2];
  // '120美元' is dollars; '$120' or 'USD 120' take the column's scale.
  const unit = scale === '亿' ? 'yi' : scale === '万' ? 'wan' : /美元|美金/.test(half) ? 'yuan' : null;
  return { rest: match[1] ?? '', unit };
}

/**
 * An amount cell in a column of `currency` (a 万美元 column is USD in wan). A cell may name its own
 * currency: '500万美元' is USD in any column, '3550万元' is 人民币 even in a USD column. USD is
 * converted at `usdRate` (元 per 美元) exactly into fen; without a rate a USD amount is the problem
 * 'usd_rate_missing', never read as 人民币. Empty cells and the empty words give fen null.
 */
export function parseSheetMoney(
  value: Cell | undefined,
  unit: AmountUnit,
  currency: Currency,
  usdRate: string | null,
): SheetMoneyResult {
  let cellUnit = unit;
  let isUsd = currency === 'USD';
  let input: Cell | undefined = value;
  if (typeof value === 'string') {
    const usd = usdCell(value);
    if (usd) {
      isUsd = true;
      input = usd.rest;
      if (usd.unit) cellUnit = usd.unit;
    } else if (isUsd && /(?<!美)元$/.test(toHalfWidth(value).trim())) {
      isUsd = false; // '3550万元' in a 万美元 column: 人民币 as written
    }
  }
  if (!isUsd) {
    const parsed = parseSheetAmount(input, cellUnit);
    return parsed.ok ? { ok: true, fen: parsed.fen, original: null } : parsed;
  }
  // In dollars: the cents are the 'fen' of the parse.
  const parsed = parseSheetAmount(input, cellUnit);
  if (!parsed.ok) return parsed;
  if (parsed.fen === null) return { ok: true, fen: null, original: null };
  if (usdRate === null || !parseUsdRate(usdRate)) return { ok: false, problem: 'usd_rate_missing' };
  const cents = BigInt(parsed.fen);
  const fen = usdCentsToFen(cents, usdRate);
  if (fen > BigInt(MAX_AMOUNT_FEN)) return { ok: false, problem: 'too_large' };
  return { ok: true, fen: Number(fen), original: { currency: 'USD', amount: usdText(cents), rate: usdRate } };
}
