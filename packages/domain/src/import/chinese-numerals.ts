/**
 * Chinese numerals as offices type them in dates: years digit by digit (二〇一七, 二零一七, 二O一七,
 * 二○一七), months and days with 十/廿/卅 (九, 十, 十二, 二十, 廿一, 三十一), and 两 for 2 (前两季度).
 * Input is expected half-width already (toHalfWidth turns the full-width Ｏ into O).
 */

const digitValues: Record<string, number> = {
  〇: 0,
  零: 0,
  '○': 0,
  '◯': 0,
  O: 0,
  o: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const tensValues: Record<string, number> = { 十: 10, 廿: 20, 卅: 30 };

/** The characters of a digit-by-digit year (ASCII digits allowed among them: 二0一七). */
export const yearNumeralClass = '[0-9〇零○◯Oo一二三四五六七八九]';
/** The characters of a month or day number. */
export const smallNumeralClass = '[0-9一二三四五六七八九十廿卅两]';
const chineseChar = /[〇零○◯一二三四五六七八九十廿卅两]/;

/**
 * The value of a numeral: ASCII digits; Chinese digit by digit (二〇一七 → 2017, 九 → 9); or with
 * tens (十 10, 十二 12, 二十 20, 二十一 21, 廿一 21, 三十一 31, 卅 30). Null for anything else
 * (十三五, 二十十, empty), so callers leave such text alone.
 */
export function numeralValue(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '' || !chineseChar.test(text)) return null;
  const chars = [...text];
  const tensAt = chars.findIndex((char) => char in tensValues);
  if (tensAt < 0) {
    let value = 0;
    for (const char of chars) {
      const digit = /\d/.test(char) ? Number(char) : digitValues[char];
      if (digit === undefined) return null;
      value = value * 10 + digit;
    }
    return value;
  }
  const tensChar = chars[tensAt] ?? '';
  const before = chars.slice(0, tensAt);
  const after = chars.slice(tensAt + 1);
  if (before.length > 1 || after.length > 1) return null;
  const unit = (char: string | undefined): number | null => {
    if (char === undefined) return 0;
    const digit = digitValues[char];
    return digit === undefined || digit === 0 || char === 'O' || char === 'o' ? null : digit;
  };
  const ones = unit(after[0]);
  if (ones === null) return null;
  if (tensChar === '十') {
    const tens = before.length === 0 ? 1 : unit(before[0]);
    return tens === null || tens === 0 ? null : tens * 10 + ones;
  }
  return before.length === 0 ? (tensValues[tensChar] ?? 0) + ones : null;
}

const numeralRun = /[0-9〇零○◯Oo一二三四五六七八九十廿卅两]+/g;

/**
 * Text with every run of Chinese numerals that has a value replaced by its digits:
 * '二〇一七年九月十二日' → '2017年9月12日'; '元月' (January) → '1月'. Runs without a Chinese
 * numeral (2017, 'Oo') and runs without a value (十三五) stay as they are.
 */
export function chineseNumeralsToDigits(text: string): string {
  return text.replace(/(^|年|\s)元月/g, '$11月').replace(numeralRun, (run) => {
    if (!chineseChar.test(run)) return run;
    const value = numeralValue(run);
    if (value === null) return run;
    // keep a year's leading zeros out of the way: digit-by-digit runs keep their width
    return /[十廿卅]/.test(run) ? String(value) : String(value).padStart([...run].length, '0');
  });
}
