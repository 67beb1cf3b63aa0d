import { hash, verify } from '@node-rs/argon2';
import { checkPassword, describePasswordProblems, type PasswordPolicy } from '@landfall/domain';
import { AppError } from '../http/app-error.ts';
import type { Locale } from '@landfall/domain';

// @node-rs/argon2 defaults to Argon2id with the OWASP-recommended cost (19 MiB, t=2, p=1).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A hash to verify against when the username is unknown, so both paths take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash('landfall-dummy-password');
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Throws password_policy (400) with a field error when the password breaks the policy, is a commonly
 * used one or contains the login name; the message says what is wrong.
 */
export function assertPasswordPolicy(
  password: string,
  policy: PasswordPolicy,
  field: string,
  locale: Locale,
  username?: string,
) {
  const problems = checkPassword(password, policy, username);
  if (problems.length) {
    throw new AppError('password_policy', undefined, {
      fields: [{ path: [field], message: describePasswordProblems(problems, policy, locale) }],
      problems,
    });
  }
}
