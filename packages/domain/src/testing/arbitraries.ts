/**
 * fast-check arbitraries for the domain's value types. Test-only: not exported from
 * index.ts, because fast-check is a development dependency.
 */
import fc from 'fast-check';
import { buildCreditCode, creditCodeAlphabet } from '../credit-code.ts';
import { fromDayNumber, toDayNumber } from '../dates.ts';

const alphabetChar = fc.constantFrom(...creditCodeAlphabet.split(''));

/** A six-digit division code (not necessarily one that exists). */
export const divisionCodeArbitrary = fc.stringMatching(/^\d{6}$/);

/** A valid GB 32100 credit code. */
export const creditCodeArbitrary = fc
  .record({
    authority: alphabetChar,
    entityType: alphabetChar,
    divisionCode: divisionCodeArbitrary,
    organisationBody: fc.array(alphabetChar, { minLength: 8, maxLength: 8 }).map((chars) => chars.join('')),
  })
  .map(buildCreditCode);

/** A non-negative fen amount within Number.MAX_SAFE_INTEGER. */
export const fenArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.maxSafeNat(),
  fc.constantFrom(0, 1, 99, 100, 1_000_000, 10_000_000_000, Number.MAX_SAFE_INTEGER),
);

/** A calendar date 'YYYY-MM-DD' in 1900–2199. */
export const dateArbitrary = fc
  .integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2199-12-31') })
  .map(fromDayNumber);
