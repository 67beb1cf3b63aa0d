/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 *   position 1      登记管理部门代码 registration authority
 *   position 2      机构类别代码 entity type
 *   positions 3–8   登记管理机关行政区划码 GB/T 2260 division code (6 digits)
 *   positions 9–17  主体标识码 = 组织机构代码 GB 11714 (8 body characters + 1 check character)
 *   position 18     校验码 check character over positions 1–17
 *
 * Positions 1 and 2 are not checked against the published authority/type tables:
 * those tables grow over time and a wrong value there is caught by the check character
 * only if it was mistyped, which is what this module is for.
 */
import { z } from 'zod';
import type { Locale } from './errors.ts';
import { toHalfWidth } from './text.ts';

/** The 31 characters of GB 32100: digits and capital letters except I, O, Z, S, V. */
export const creditCodeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const codeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export const creditCodeProblems = [
  'length',
  'charset',
  'division',
  'organisation_check',
  'check_character',
] as const;
export type CreditCodeProblem = (typeof creditCodeProblems)[number];

export type CreditCodeResult = { ok: true; code: string } | { ok: false; problem: CreditCodeProblem };

export const creditCodeMessages: Record<CreditCodeProblem, Record<Locale, string>> = {
  length: {
    'zh-CN': '统一社会信用代码应为 18 位',
    'en-US': 'A unified social credit code has 18 characters',
  },
  charset: {
    'zh-CN': '统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）',
    'en-US': 'A unified social credit code uses only digits and capital letters other than I, O, Z, S, V',
  },
  division: {
    'zh-CN': '第 3–8 位应为 6 位数字的行政区划代码',
    'en-US': 'Characters 3–8 must be a six-digit administrative division code',
  },
  organisation_check: {
    'zh-CN': '第 9–17 位组织机构代码的校验码不正确，请核对',
    'en-US': 'The organisation code (characters 9–17) fails its check; please check it',
  },
  check_character: {
    'zh-CN': '第 18 位校验码不正确，请核对代码是否抄错',
    'en-US': 'The check character (18th) is wrong; please check for a typing mistake',
  },
};

/** Trims, removes inner whitespace, converts full-width characters and upper-cases. */
export function normaliseCreditCode(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
}

/** GB 11714 character value: digits are themselves, A=10 … Z=35. */
function organisationValue(char: string): number {
  const point = char.charCodeAt(0);
  return point <= 57 ? point - 48 : point - 55;
}

/** GB 11714 check character for an 8-character organisation-code body. */
export function computeOrganisationCheck(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body))
    throw new RangeError('organisation code body must be 8 digits or capitals');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += organisationValue(body.charAt(i)) * (organisationWeights[i] ?? 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/** GB 32100 check character (position 18) for the first 17 characters. */
export function computeCreditCodeCheck(first17: string): string {
  if (first17.length !== 17) throw new RangeError('expected the first 17 characters of a credit code');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = creditCodeAlphabet.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`character ${first17.charAt(i)} is not in the GB 32100 alphabet`);
    sum += value * (codeWeights[i] ?? 0);
  }
  return creditCodeAlphabet.charAt((31 - (sum % 31)) % 31);
}

const alphabetPattern = /^[0-9A-HJ-NP-RTUW-Y]+$/;

/** Validates a credit code after normalising it; on success returns the normalised code. */
export function validateCreditCode(input: string): CreditCodeResult {
  const code = normaliseCreditCode(input);
  if ([...code].length !== 18) return { ok: false, problem: 'length' };
  if (!alphabetPattern.test(code)) return { ok: false, problem: 'charset' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, problem: 'division' };
  if (computeOrganisationCheck(code.slice(8, 16)) !== code.charAt(16)) {
    return { ok: false, problem: 'organisation_check' };
  }
  if (computeCreditCodeCheck(code.slice(0, 17)) !== code.charAt(17)) {
    return { ok: false, problem: 'check_character' };
  }
  return { ok: true, code };
}

export function isValidCreditCode(input: string): boolean {
  return validateCreditCode(input).ok;
}

export interface CreditCodeParts {
  /** Position 1, 登记管理部门代码, e.g. '9' for market regulation (工商). */
  authority: string;
  /** Position 2, 机构类别代码, e.g. '1' for an enterprise. */
  entityType: string;
  /** Positions 3–8, GB/T 2260 division code. */
  divisionCode: string;
  /** Positions 9–16, the 8-character organisation-code body; its check character is computed. */
  organisationBody: string;
}

/** Builds a valid code from its parts (test factories and demo data). Throws RangeError on bad parts. */
export function buildCreditCode(parts: CreditCodeParts): string {
  const { authority, entityType, divisionCode, organisationBody } = parts;
  if (!/^[0-9A-HJ-NP-RTUW-Y]$/.test(authority) || !/^[0-9A-HJ-NP-RTUW-Y]$/.test(entityType)) {
    throw new RangeError('authority and entity type are single GB 32100 characters');
  }
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError('division code must be 6 digits');
  if (!/^[0-9A-HJ-NP-RTUW-Y]{8}$/.test(organisationBody)) {
    throw new RangeError('organisation body must be 8 GB 32100 characters');
  }
  const first17 =
    authority + entityType + divisionCode + organisationBody + computeOrganisationCheck(organisationBody);
  return first17 + computeCreditCodeCheck(first17);
}

function checkCreditCode(value: string, ctx: z.RefinementCtx): string {
  const result = validateCreditCode(value);
  if (result.ok) return result.code;
  ctx.addIssue({ code: 'custom', message: creditCodeMessages[result.problem]['zh-CN'] });
  return z.NEVER;
}

/** A required credit code; outputs the normalised code. */
export const creditCodeSchema = z
  .string({ error: '请填写统一社会信用代码' })
  .transform((value, ctx) => checkCreditCode(value, ctx));

/** An optional credit code for forms: missing, null or blank becomes null. */
export const optionalCreditCodeSchema = z
  .string({ error: '统一社会信用代码应为文本' })
  .nullish()
  .transform((value, ctx) =>
    value === null || value === undefined || value.trim() === '' ? null : checkCreditCode(value, ctx),
  );
