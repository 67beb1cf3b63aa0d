import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone } from './masking.ts';

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138 **** 5678'],
    ['138-1234-5678', '138-****-5678'],
    ['+8613812345678', '+86138****5678'],
    ['+86 138 1234 5678', '+86 138 **** 5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['023-58123456', '023-****3456'],
    ['02358123456', '023****3456'],
    ['0755-1234567', '0755-***4567'],
    ['07551234567', '075****4567'],
    ['(023)58123456', '(023)****3456'],
    ['023-58123456-801', '023-****3456-801'],
    ['023-58123456转801', '023-****3456转801'],
    ['58123456', '****3456'],
    ['95588', '*****'],
    ['123456', '******'],
    ['12', '**'],
    ['', ''],
    ['  ', ''],
  ])('masks %j as %j', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('accepts a missing number', () => {
    expect(maskPhone(null)).toBe('');
    expect(maskPhone(undefined)).toBe('');
  });

  it('never shows more than the last four digits of the local number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{10}$/), (mobile) => {
        const masked = maskPhone(mobile);
        return masked === `${mobile.slice(0, 3)}****${mobile.slice(7)}` && masked.length === 11;
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const masked = maskPhone(text);
        const digitsShown = masked.replace(/[^0-9]/g, '').length;
        return [...masked].length <= [...text].length && digitsShown <= Math.max(0, [...text].length - 4);
      }),
    );
  });
});
