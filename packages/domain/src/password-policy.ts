import { z } from 'zod';
import { commonPasswordList } from './common-passwords.ts';

/**
 * Password and account rules of a tenant, set by its security administrator. A tenant below another
 * inherits its parent's rules and may only tighten them (server: settings/password-policy.service.ts).
 */
export const passwordPolicySchema = z.object({
  minLength: z.number().int().min(8).max(128),
  /** How many of the four classes (lower, upper, digit, symbol) a password must use. */
  minClasses: z.number().int().min(1).max(4),
  /** An account unused for this many days is disabled at its next login (等保: 及时清理不再使用的账户). */
  idleDays: z.number().int().min(7).max(3650),
});

export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 8, minClasses: 3, idleDays: 90 };

/** The stricter of two policies, rule by rule (a longer minimum, more classes, fewer idle days). */
export function strictestPolicy(a: PasswordPolicy, b: PasswordPolicy): PasswordPolicy {
  return {
    minLength: Math.max(a.minLength, b.minLength),
    minClasses: Math.max(a.minClasses, b.minClasses),
    idleDays: Math.min(a.idleDays, b.idleDays),
  };
}

/** The rules of `policy` that are looser than `floor` (a district's against its city's). */
export function looserRules(policy: PasswordPolicy, floor: PasswordPolicy): (keyof PasswordPolicy)[] {
  const looser: (keyof PasswordPolicy)[] = [];
  if (policy.minLength < floor.minLength) looser.push('minLength');
  if (policy.minClasses < floor.minClasses) looser.push('minClasses');
  if (policy.idleDays > floor.idleDays) looser.push('idleDays');
  return looser;
}

export type PasswordProblem = 'too_short' | 'too_few_classes' | 'too_long' | 'common' | 'contains_username';

export function countCharacterClasses(password: string): number {
  let classes = 0;
  if (/[a-z]/.test(password)) classes++;
  if (/[A-Z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^a-zA-Z0-9]/.test(password)) classes++;
  return classes;
}

const leet: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '|': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
  '2': 'z',
};

/** Lower case with simple substitutions undone (P@ssw0rd → password), so variants of one word compare equal. */
export function normalisePassword(password: string): string {
  return [...password.toLowerCase()].map((c) => leet[c] ?? c).join('');
}

let commonSet: Set<string> | undefined;

/** Whether the password is (a simple variant of) a commonly used one. */
export function isCommonPassword(password: string): boolean {
  commonSet ??= new Set(
    commonPasswordList
      .split('\n')
      .filter(Boolean)
      .map((p) => normalisePassword(p)),
  );
  return commonSet.has(normalisePassword(password));
}

/** Whether the password contains the login name (in any case, through simple substitutions). */
export function containsUsername(password: string, username: string | undefined): boolean {
  if (!username || username.length < 3) return false;
  return (
    password.toLowerCase().includes(username.toLowerCase()) ||
    normalisePassword(password).includes(normalisePassword(username))
  );
}

/** Returns the problems a password has under a policy (and for a login name); empty when it passes. */
export function checkPassword(
  password: string,
  policy: PasswordPolicy,
  username?: string,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < policy.minLength) problems.push('too_short');
  if (password.length > 256) problems.push('too_long');
  if (countCharacterClasses(password) < policy.minClasses) problems.push('too_few_classes');
  if (isCommonPassword(password)) problems.push('common');
  if (containsUsername(password, username)) problems.push('contains_username');
  return problems;
}

export function describePasswordPolicy(policy: PasswordPolicy, locale: 'zh-CN' | 'en-US'): string {
  return locale === 'zh-CN'
    ? `至少 ${policy.minLength} 位，且包含小写字母、大写字母、数字、符号中的至少 ${policy.minClasses} 类；不能是常用密码，不能包含用户名`
    : `At least ${policy.minLength} characters, using at least ${policy.minClasses} of: lowercase, uppercase, digits, symbols; not a commonly used password, not containing the username`;
}

/** What is wrong with a password, problem by problem, in the user's language. */
export function describePasswordProblems(
  problems: PasswordProblem[],
  policy: PasswordPolicy,
  locale: 'zh-CN' | 'en-US',
): string {
  const zh = locale === 'zh-CN';
  const says: Record<PasswordProblem, string> = {
    too_short: zh ? `长度至少 ${policy.minLength} 位` : `at least ${policy.minLength} characters`,
    too_long: zh ? '长度不能超过 256 位' : 'at most 256 characters',
    too_few_classes: zh
      ? `需包含小写字母、大写字母、数字、符号中的至少 ${policy.minClasses} 类`
      : `at least ${policy.minClasses} of: lowercase, uppercase, digits, symbols`,
    common: zh ? '这是常用密码，容易被猜中，请换一个' : 'this is a commonly used password; choose another',
    contains_username: zh ? '密码不能包含用户名' : 'the password must not contain the username',
  };
  return problems.map((p) => says[p]).join(zh ? '；' : '; ');
}
