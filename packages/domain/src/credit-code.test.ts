import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCreditCode,
  computeCreditCodeCheck,
  computeOrganisationCheck,
  creditCodeAlphabet,
  creditCodeMessages,
  creditCodeProblems,
  creditCodeSchema,
  normaliseCreditCode,
  optionalCreditCodeSchema,
  validateCreditCode,
} from './credit-code.ts';
import { creditCodeArbitrary } from './testing/arbitraries.ts';

/** Published codes of real enterprises. */
const realCodes = ['91350100M000100Y43', '91110000600037341L', '91440300708461136T'];

function replaceAt(code: string, index: number, char: string): string {
  return code.slice(0, index) + char + code.slice(index + 1);
}

function swapAt(code: string, index: number): string {
  return code.slice(0, index) + code.charAt(index + 1) + code.charAt(index) + code.slice(index + 2);
}

describe('validateCreditCode', () => {
  it.each(realCodes)('accepts the published code %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it('normalises case, whitespace and full-width characters', () => {
    expect(validateCreditCode('  91350100m000100y43 ')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(validateCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({
      ok: true,
      code: '91350100M000100Y43',
    });
    expect(validateCreditCode('9135 0100\u3000M000 100Y 43').ok).toBe(true);
    expect(normaliseCreditCode('\t91ａb ')).toBe('91AB');
  });

  it.each([
    ['', 'length'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100I43', 'charset'],
    ['91350100M000100O43', 'charset'],
    ['9135010-M000100Y43', 'charset'],
    ['91350100M000100Y統3', 'charset'],
    ['913501A0M000100Y43', 'division'],
    ['91350100M000100Y53', 'organisation_check'],
    ['91350100M000100Y44', 'check_character'],
  ] as const)('rejects %j with %s', (input, problem) => {
    expect(validateCreditCode(input)).toEqual({ ok: false, problem });
  });

  it('rejects every single-character substitution of the real codes', () => {
    for (const code of realCodes) {
      for (let i = 0; i < 18; i++) {
        for (const char of creditCodeAlphabet) {
          if (char === code.charAt(i)) continue;
          expect(validateCreditCode(replaceAt(code, i, char)).ok, `${code} @${i} → ${char}`).toBe(false);
        }
      }
    }
  });

  it('rejects every adjacent transposition of the real codes', () => {
    for (const code of realCodes) {
      for (let i = 0; i < 17; i++) {
        if (code.charAt(i) === code.charAt(i + 1)) continue;
        expect(validateCreditCode(swapAt(code, i)).ok, `${code} swap ${i}`).toBe(false);
      }
    }
  });

  it('has a message in both languages for every problem', () => {
    for (const problem of creditCodeProblems) {
      expect(creditCodeMessages[problem]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(creditCodeMessages[problem]['en-US']).toMatch(/^[A-Z]/);
    }
    expect(creditCodeMessages.length['zh-CN']).toBe('统一社会信用代码应为 18 位');
  });
});

describe('check characters', () => {
  it('computes the GB 11714 organisation check, including X and 0', () => {
    expect(computeOrganisationCheck('M000100Y')).toBe('4');
    expect(computeOrganisationCheck('60003734')).toBe('1');
    // weighted sum ≡ 0 (mod 11) gives 11 → '0'; ≡ 1 gives 10 → 'X'
    expect(computeOrganisationCheck('00000000')).toBe('0');
    expect(computeOrganisationCheck('00000001')).toBe('9');
    expect(computeOrganisationCheck('00001000')).toBe('6');
    expect(computeOrganisationCheck('01000000')).toBe('4');
    expect(computeOrganisationCheck('00000006')).toBe('X');
    expect(() => computeOrganisationCheck('M000100')).toThrow(RangeError);
  });

  it('computes the GB 32100 check character', () => {
    expect(computeCreditCodeCheck('91350100M000100Y4')).toBe('3');
    expect(computeCreditCodeCheck('91110000600037341')).toBe('L');
    expect(computeCreditCodeCheck('91440300708461136')).toBe('T');
    expect(() => computeCreditCodeCheck('9135')).toThrow(RangeError);
    expect(() => computeCreditCodeCheck('91350100M000100I4')).toThrow(RangeError);
  });
});

describe('buildCreditCode', () => {
  it('rebuilds the real codes from their parts', () => {
    expect(
      buildCreditCode({
        authority: '9',
        entityType: '1',
        divisionCode: '350100',
        organisationBody: 'M000100Y',
      }),
    ).toBe('91350100M000100Y43');
  });

  it('rejects bad parts', () => {
    const good = { authority: '9', entityType: '1', divisionCode: '350100', organisationBody: 'M000100Y' };
    expect(() => buildCreditCode({ ...good, authority: 'I' })).toThrow(RangeError);
    expect(() => buildCreditCode({ ...good, entityType: '12' })).toThrow(RangeError);
    expect(() => buildCreditCode({ ...good, divisionCode: '35010A' })).toThrow(RangeError);
    expect(() => buildCreditCode({ ...good, organisationBody: 'M000100' })).toThrow(RangeError);
  });

  it('always builds codes that validate', () => {
    fc.assert(fc.property(creditCodeArbitrary, (code) => validateCreditCode(code).ok));
  });

  it('detects every single substitution and adjacent transposition in positions 1–17', () => {
    fc.assert(
      fc.property(
        creditCodeArbitrary,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 30 }),
        (code, index, shift) => {
          const value = creditCodeAlphabet.indexOf(code.charAt(index));
          const mutated = replaceAt(code, index, creditCodeAlphabet.charAt((value + shift) % 31));
          return !validateCreditCode(mutated).ok;
        },
      ),
    );
    fc.assert(
      fc.property(creditCodeArbitrary, fc.integer({ min: 0, max: 15 }), (code, index) => {
        fc.pre(code.charAt(index) !== code.charAt(index + 1));
        return !validateCreditCode(swapAt(code, index)).ok;
      }),
    );
  });
});

describe('creditCodeSchema', () => {
  it('outputs the normalised code', () => {
    expect(creditCodeSchema.parse(' 91350100m000100y43')).toBe('91350100M000100Y43');
  });

  it('fails with the Chinese message', () => {
    const result = creditCodeSchema.safeParse('91350100M000100Y44');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('第 18 位校验码不正确，请核对代码是否抄错');
    expect(creditCodeSchema.safeParse(undefined).success).toBe(false);
  });

  it('optional variant turns blank into null and still validates', () => {
    expect(optionalCreditCodeSchema.parse(undefined)).toBeNull();
    expect(optionalCreditCodeSchema.parse(null)).toBeNull();
    expect(optionalCreditCodeSchema.parse('  ')).toBeNull();
    expect(optionalCreditCodeSchema.parse('91110000600037341l')).toBe('91110000600037341L');
    expect(optionalCreditCodeSchema.safeParse('123').error?.issues[0]?.message).toBe(
      '统一社会信用代码应为 18 位',
    );
  });
});
