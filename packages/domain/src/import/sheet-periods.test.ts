import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDayDate, findPeriod, findYear, momentEnd } from './sheet-periods.ts';

const chineseDigits = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Test-side: 1–12 in Chinese (九, 十, 十一, 十二). */
const chineseMonth = (n: number) =>
  n < 10 ? chineseDigits[n] : `十${n === 10 ? '' : chineseDigits[n - 10]}`;
const lastDay = (year: number, month: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;

describe('findPeriod', () => {
  it('ends every month range on the last day of its last month, however it is written (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 11 }),
        fc.constantFrom('-', '—', '至', '～', '月至', '月-'),
        fc.boolean(),
        (year, from, span, dash, chinese) => {
          const to = Math.min(12, from + span);
          const write = (n: number) => (chinese ? chineseMonth(n) : String(n));
          const text = `XX区${year}年${write(from)}${dash}${write(to)}月招商引资项目台账`;
          const period = findPeriod(text);
          expect(period?.year).toBe(year);
          expect(period && momentEnd(period, year)).toBe(lastDay(year, to));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends every quarter on its last day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), fc.integer({ min: 1, max: 4 }), (year, quarter) => {
        for (const text of [
          `${year}年第${chineseDigits[quarter]}季度`,
          `${year}年${quarter}季度`,
          `${year}Q${quarter}`,
        ]) {
          const period = findPeriod(text);
          expect(period && momentEnd(period, year)).toBe(lastDay(year, quarter * 3));
        }
      }),
    );
  });

  it('keeps the words as written and where they start', () => {
    expect(findPeriod('万州区招商台账（２０１７年１－９月）')).toMatchObject({
      text: '２０１７年１－９月',
      index: 8,
      year: 2017,
      month: 9,
      day: null,
    });
    expect(findPeriod('（上半年）')).toMatchObject({ text: '上半年', year: null, month: 6 });
  });

  it.each([
    '2017年招商引资项目',
    '2017年度计划',
    '全年目标任务',
    '十三五',
    '第一批项目',
    '2017年9月30日',
    '',
  ])('finds none in %j', (text) => {
    expect(findPeriod(text)).toBeNull();
  });
});

describe('findDayDate, findYear, momentEnd', () => {
  it('reads full dates and years in Arabic or Chinese numerals', () => {
    expect(findDayDate('台账（二〇一七年九月三十日）')).toMatchObject({ year: 2017, month: 9, day: 30 });
    expect(findDayDate('台账 2017.9.30')).toMatchObject({ year: 2017, month: 9, day: 30 });
    expect(findDayDate('2017年2月30日')).toBeNull();
    expect(findYear('二〇一七年招商台账')).toBe(2017);
    expect(findYear('第1年')).toBeNull();
    expect(momentEnd({ month: 2, day: null }, 2016)).toBe('2016-02-29');
    expect(momentEnd({ month: 2, day: 29 }, 2017)).toBeNull();
  });
});
