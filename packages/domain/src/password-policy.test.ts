import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPassword, countCharacterClasses, defaultPasswordPolicy } from './password-policy.ts';

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
});
