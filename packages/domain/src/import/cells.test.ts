import { describe, expect, it } from 'vitest';
import { cellText, isEmptyCell, withoutControls } from './cells.ts';

describe('cellText', () => {
  it('shows each kind of cell as text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText('  项目名称 ')).toBe('项目名称');
    expect(cellText(1234.5)).toBe('1234.5');
    expect(cellText(true)).toBe('true');
    expect(cellText(new Date(Date.UTC(2017, 8, 30)))).toBe('2017-09-30');
    expect(cellText(new Date(Number.NaN))).toBe('');
  });
});

describe('isEmptyCell', () => {
  it.each([null, undefined, '', ' ', '\u3000', '\u00a0', '\u200b', '\n\t'])('%j is empty', (cell) => {
    expect(isEmptyCell(cell)).toBe(true);
  });

  it.each([0, false, '0', '-', new Date(Date.UTC(2017, 0, 1))])('%j is not', (cell) => {
    expect(isEmptyCell(cell)).toBe(false);
  });
});

describe('withoutControls', () => {
  it('takes out NUL and other control characters, keeps tab and line breaks, every time', () => {
    for (let i = 0; i < 3; i++) {
      expect(withoutControls('a\u0000b\u0007c\td\ne\r\u007f')).toBe('abc\td\ne\r');
      expect(withoutControls('龙都街道')).toBe('龙都街道');
    }
  });
});
