/**
 * Exact money. Amounts are integer fen (分, 0.01 yuan) held in a JS number no larger than
 * Number.MAX_SAFE_INTEGER (about 900 亿元 … 90 万亿元: 9.007e15 fen = 90.07 万亿元).
 * Text is parsed and formatted with string and BigInt arithmetic only; the one float
 * is `fenToWanNumber`/`fenToYiNumber`, for chart axes.
 *
 * Ledgers show 万元 (10 000 yuan) and 亿元 (100 000 000 yuan).
 */
import { z } from 'zod';
import type { Locale } from './errors.ts';
import { toHalfWidth } from './text.ts';

export const amountUnits = ['yuan', 'wan', 'yi'] as const;
export type AmountUnit = (typeof amountUnits)[number];

const fenPerUnit: Record<AmountUnit, bigint> = { yuan: 100n, wan: 1_000_000n, yi: 10_000_000_000n };
/** log10 of fenPerUnit. */
const fenPerUnitExponent: Record<AmountUnit, number> = { yuan: 2, wan: 6, yi: 10 };

export const amountUnitLabels: Record<AmountUnit, Record<Locale, string>> = {
  yuan: { 'zh-CN': '元', 'en-US': 'yuan' },
  wan: { 'zh-CN': '万元', 'en-US': '10k yuan' },
  yi: { 'zh-CN': '亿元', 'en-US': '100M yuan' },
};

export const amountProblems = ['empty', 'not_a_number', 'negative', 'too_precise', 'too_large'] as const;
export type AmountProblem = (typeof amountProblems)[number];

export type AmountResult = { ok: true; fen: number } | { ok: false; problem: AmountProblem };

export const amountProblemMessages: Record<AmountProblem, Record<Locale, string>> = {
  empty: { 'zh-CN': '请填写金额', 'en-US': 'Enter an amount' },
  not_a_number: {
    'zh-CN': '金额格式不正确，应如 1,234.56万元、120亿 或 3000000元',
    'en-US': 'Not an amount; write e.g. 1,234.56万元, 120亿 or 3000000元',
  },
  negative: { 'zh-CN': '金额不能为负数', 'en-US': 'The amount cannot be negative' },
  too_precise: {
    'zh-CN': '金额最多精确到分（0.01 元）',
    'en-US': 'Amounts are exact to the fen (0.01 yuan) at most',
  },
  too_large: { 'zh-CN': '金额过大，超出系统可记录的范围', 'en-US': 'The amount is too large to record' },
};

export interface ParseAmountOptions {
  /** Round half up to the fen instead of answering too_precise (for computed Excel cells). */
  roundToFen?: boolean;
}

const maxFen = BigInt(Number.MAX_SAFE_INTEGER);
const unitSuffixes: [string, AmountUnit][] = [
  ['亿元', 'yi'],
  ['亿', 'yi'],
  ['万元', 'wan'],
  ['万', 'wan'],
  ['元', 'yuan'],
];
const currencyPrefix = /^(?:[¥￥]|RMB|CNY|人民币)/i;
const decimalPattern = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:E([+-]?\d{1,6}))?$/i;

function fail(problem: AmountProblem): AmountResult {
  return { ok: false, problem };
}

/**
 * Parses an amount typed by a person or read from a spreadsheet: '120亿', '120 亿元',
 * '1,234.56万元', '1，234.5', '¥3,000', '3000000元', '0.5亿', full-width digits,
 * '1.2E+08'. A unit suffix overrides `defaultUnit`. Thousands separators must sit
 * every three digits ('1,2345' is not an amount). A bare '-' counts as empty.
 */
export function parseAmount(
  text: string,
  defaultUnit: AmountUnit,
  options: ParseAmountOptions = {},
): AmountResult {
  let rest = toHalfWidth(text).replace(/\s+/g, '').replace(/^[−–]/, '-');
  if (rest === '') return fail('empty');
  let negative = false;
  if (rest.startsWith('-')) [negative, rest] = [true, rest.slice(1)];
  rest = rest.replace(currencyPrefix, '');
  if (!negative && rest.startsWith('-')) [negative, rest] = [true, rest.slice(1)];
  let unit = defaultUnit;
  for (const [suffix, suffixUnit] of unitSuffixes) {
    if (rest.endsWith(suffix)) {
      [unit, rest] = [suffixUnit, rest.slice(0, -suffix.length)];
      break;
    }
  }
  if (rest === '') return fail('empty');
  const match = decimalPattern.exec(rest);
  const integerDigits = (match?.[1] ?? '').replaceAll(',', '');
  const fractionDigits = match?.[2] ?? '';
  if (!match || integerDigits + fractionDigits === '') return fail('not_a_number');

  // value in fen = mantissa × 10^power, with no trailing zeros left on the mantissa
  let mantissa = (integerDigits + fractionDigits).replace(/^0+/, '');
  let power = Number(match[3] ?? 0) - fractionDigits.length + fenPerUnitExponent[unit];
  const trimmed = mantissa.replace(/0+$/, '');
  power += mantissa.length - trimmed.length;
  mantissa = trimmed;

  let fen: bigint;
  if (mantissa === '') fen = 0n;
  else if (power >= 0) {
    if (power + mantissa.length > 17) return fail('too_large');
    fen = BigInt(mantissa) * 10n ** BigInt(power);
  } else if (!options.roundToFen) return fail('too_precise');
  else if (-power > mantissa.length) fen = 0n;
  else fen = divideRoundHalfUp(BigInt(mantissa), 10n ** BigInt(-power));

  if (fen > maxFen) return fail('too_large');
  if (negative && fen > 0n) return fail('negative');
  return { ok: true, fen: Number(fen) };
}

function parseOrThrow(value: string | number, unit: AmountUnit): number {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('amount must be finite');
  const result = parseAmount(String(value), unit);
  if (!result.ok) throw new RangeError(`invalid amount ${String(value)}: ${result.problem}`);
  return result.fen;
}

/** Exact fen from a yuan value ('1234.56' or 1234.56); throws RangeError if not exact. */
export function fenFromYuan(yuan: string | number): number {
  return parseOrThrow(yuan, 'yuan');
}

/** Exact fen from a 万元 value: fenFromWan('1234.56') = 1_234_560_000. */
export function fenFromWan(wan: string | number): number {
  return parseOrThrow(wan, 'wan');
}

/** Exact fen from a 亿元 value: fenFromYi(120) = 1_200_000_000_000. */
export function fenFromYi(yi: string | number): number {
  return parseOrThrow(yi, 'yi');
}

/** Adds fen amounts exactly; throws RangeError past Number.MAX_SAFE_INTEGER. */
export function sumFen(amounts: readonly number[]): number {
  let total = 0n;
  for (const fen of amounts) {
    if (!Number.isSafeInteger(fen)) throw new RangeError('fen amounts are safe integers');
    total += BigInt(fen);
  }
  if (total > maxFen || total < -maxFen) throw new RangeError('sum exceeds the safe integer range');
  return Number(total);
}

function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

export interface FormatAmountOptions {
  /** Decimal places, 0–10; default 2. */
  digits?: number;
  /** Thousands separators; default true. */
  grouping?: boolean;
}

/** Rounds |fen| to `digits` places of `unit`, as an integer count of those places. */
function roundToUnit(fen: number, unit: AmountUnit, digits: number): bigint {
  // Past 2^53 a sum of older data is the nearest double: formatted as it is, never a failed page.
  if (!Number.isInteger(fen)) throw new RangeError('fen must be an integer');
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) throw new RangeError('digits must be 0–10');
  return divideRoundHalfUp(BigInt(Math.abs(fen)) * 10n ** BigInt(digits), fenPerUnit[unit]);
}

/** Formats fen in a unit, rounding half away from zero: formatIn(123456000, 'wan') = '123.46'. */
export function formatIn(fen: number, unit: AmountUnit, options: FormatAmountOptions = {}): string {
  const { digits = 2, grouping = true } = options;
  const scaled = roundToUnit(fen, unit, digits)
    .toString()
    .padStart(digits + 1, '0');
  const integer = scaled.slice(0, scaled.length - digits);
  const fraction = scaled.slice(scaled.length - digits);
  const sign = fen < 0 && /[1-9]/.test(scaled) ? '-' : '';
  return `${sign}${grouping ? groupThousands(integer) : integer}${digits > 0 ? `.${fraction}` : ''}`;
}

/** Yuan value string, e.g. '3,000.00'. */
export function formatYuan(fen: number, options?: FormatAmountOptions): string {
  return formatIn(fen, 'yuan', options);
}

/** 万元 value string, e.g. '1,234.56'; digits: 6 is exact. */
export function formatWan(fen: number, options?: FormatAmountOptions): string {
  return formatIn(fen, 'wan', options);
}

/** 亿元 value string, e.g. '120.00'; digits: 10 is exact. */
export function formatYi(fen: number, options?: FormatAmountOptions): string {
  return formatIn(fen, 'yi', options);
}

/** The unit formatAmount picks: 亿元 once the rounded 万元 figure reaches 10 000. */
export function chooseAmountUnit(fen: number, digits = 2): 'wan' | 'yi' {
  return roundToUnit(fen, 'wan', digits) >= 10_000n * 10n ** BigInt(digits) ? 'yi' : 'wan';
}

/**
 * An amount with its unit: '120.00 亿元', '3,456.78 万元'; in English
 * '120.00 × 100M yuan', '3,456.78 × 10k yuan'.
 */
export function formatAmount(
  fen: number,
  locale: Locale = 'zh-CN',
  options: FormatAmountOptions = {},
): string {
  const unit = chooseAmountUnit(fen, options.digits);
  const label = amountUnitLabels[unit][locale];
  return `${formatIn(fen, unit, options)} ${locale === 'zh-CN' ? label : `× ${label}`}`;
}

/** 万元 as a float, for chart axes only. */
export function fenToWanNumber(fen: number): number {
  return fen / 1_000_000;
}

/** 亿元 as a float, for chart axes only. */
export function fenToYiNumber(fen: number): number {
  return fen / 10_000_000_000;
}

/**
 * The largest amount one investment can state: 1 万亿元 (10^14 fen). The largest single projects
 * in China (a refinery base, a hydropower station) are some 2 000 亿元, a province's whole yearly
 * fixed-asset investment a few 万亿元, so a larger figure is a typing error or an attack. Sums stay
 * exact: 90 such amounts still fit Number.MAX_SAFE_INTEGER (90.07 万亿元), more than the
 * country's yearly fixed-asset investment; the database sums as NUMERIC, which never overflows.
 */
export const MAX_AMOUNT_FEN = 100_000_000_000_000;
export const amountTooLargeMessage = '金额不能超过 1 万亿元';

/** A stored amount: non-negative integer fen, at most MAX_AMOUNT_FEN. */
export const fenSchema = z
  .number({ error: '金额应为数字' })
  .int('金额应为整数分')
  .min(0, '金额不能为负数')
  .max(MAX_AMOUNT_FEN, amountTooLargeMessage);

/** A stored amount that must be more than zero. */
export const positiveFenSchema = z
  .number({ error: '金额应为数字' })
  .int('金额应为整数分')
  .min(1, '金额应大于 0')
  .max(MAX_AMOUNT_FEN, amountTooLargeMessage);

/** Amount text from a form field, in `defaultUnit` unless it carries its own; outputs fen. */
export function amountTextSchema(defaultUnit: AmountUnit) {
  return z.string({ error: '请填写金额' }).transform((text, ctx) => {
    const result = parseAmount(text, defaultUnit);
    if (result.ok) return result.fen;
    ctx.addIssue({ code: 'custom', message: amountProblemMessages[result.problem]['zh-CN'] });
    return z.NEVER;
  });
}
