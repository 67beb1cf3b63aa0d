import { z } from 'zod';

/** Password rules; configurable per installation by the security administrator. */
export const passwordPolicySchema = z.object({
  minLength: z.number().int().min(8).max(128),
  /** How many of the four classes (lower, upper, digit, symbol) a password must use. */
  minClasses: z.number().int().min(1).max(4),
});

export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 8, minClasses: 3 };

export type PasswordProblem = 'too_short' | 'too_few_classes' | 'too_long';

export function countCharacterClasses(password: string): number {
  let classes = 0;
  if (/[a-z]/.test(password)) classes++;
  if (/[A-Z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^a-zA-Z0-9]/.test(password)) classes++;
  return classes;
}

/** Returns the problems a password has under a policy; empty when it passes. */
export function checkPassword(password: string, policy: PasswordPolicy): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < policy.minLength) problems.push('too_short');
  if (password.length > 256) problems.push('too_long');
  if (countCharacterClasses(password) < policy.minClasses) problems.push('too_few_classes');
  return problems;
}

export function describePasswordPolicy(policy: PasswordPolicy, locale: 'zh-CN' | 'en-US'): string {
  return locale === 'zh-CN'
    ? `至少 ${policy.minLength} 位，且包含小写字母、大写字母、数字、符号中的至少 ${policy.minClasses} 类`
    : `At least ${policy.minLength} characters, using at least ${policy.minClasses} of: lowercase, uppercase, digits, symbols`;
}
