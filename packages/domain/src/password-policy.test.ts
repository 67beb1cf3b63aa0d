import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkPassword,
  containsUsername,
  countCharacterClasses,
  defaultPasswordPolicy,
  isCommonPassword,
  looserRules,
  strictestPolicy,
} from './password-policy.ts';
import { commonPasswordList } from './common-passwords.ts';

describe('password policy', () => {
  it('accepts 8 characters of 3 classes and refuses what falls short', () => {
    expect(checkPassword('Abcdef#1', defaultPasswordPolicy)).toEqual([]);
    expect(checkPassword('abcdef#1', defaultPasswordPolicy)).toEqual([]);
    expect(checkPassword('Abc#1', defaultPasswordPolicy)).toEqual(['too_short']);
    expect(checkPassword('abcdefgh1', defaultPasswordPolicy)).toEqual(['too_few_classes']);
    expect(checkPassword('密码密码密码密码Aa', defaultPasswordPolicy)).toEqual([]);
  });

  it('counts classes as a number from 0 to 4 that only grows when characters are added', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const n = countCharacterClasses(a);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(4);
        expect(countCharacterClasses(a + b)).toBeGreaterThanOrEqual(n);
      }),
    );
  });

  it('never passes a password shorter than the minimum', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 7 }), (p) => {
        expect(checkPassword(p, defaultPasswordPolicy)).toContain('too_short');
      }),
    );
  });

  it('refuses commonly used passwords in any case and through simple substitutions', () => {
    expect(commonPasswordList.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(1000);
    for (const p of [
      'Aa123456',
      'Admin@123',
      'P@ssw0rd',
      'Password1',
      'qwe123!@#',
      '1qaz@WSX',
      'zhang123',
      'ADMIN@123',
      'p4ssw0rd',
      'Pa$$word1',
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    for (const p of ['Landfall#2026', 'Jingxin#2026', 'Wanzhou#2026', 'Brand#New2026']) {
      expect(isCommonPassword(p), p).toBe(false);
    }
    expect(checkPassword('Admin@123', defaultPasswordPolicy)).toEqual(['common']);
  });

  it('refuses a password containing the username', () => {
    expect(containsUsername('Zhangwei#2026', 'zhangwei')).toBe(true);
    expect(containsUsername('Zh4ngw3i#2026', 'zhangwei')).toBe(true);
    expect(containsUsername('Landfall#2026', 'zhangwei')).toBe(false);
    expect(checkPassword('Zhangwei#2026', defaultPasswordPolicy, 'zhangwei')).toEqual(['contains_username']);
  });

  it('combines a tenant’s rules with its parent’s: only ever stricter', () => {
    const city = { minLength: 10, minClasses: 3, idleDays: 60 };
    const district = { minLength: 8, minClasses: 4, idleDays: 90 };
    expect(strictestPolicy(city, district)).toEqual({ minLength: 10, minClasses: 4, idleDays: 60 });
    expect(looserRules(district, city)).toEqual(['minLength', 'idleDays']);
    expect(looserRules(strictestPolicy(city, district), city)).toEqual([]);
  });
});
