/**
 * Text normalisation shared by the code and amount parsers. Input pasted from
 * Word, WPS or Chinese input methods often carries full-width forms (全角):
 * '９１３５…', '１，２３４．５', an ideographic space.
 */

/** Maps full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space (U+3000) to ASCII. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    if (point >= 0xff01 && point <= 0xff5e) out += String.fromCodePoint(point - 0xfee0);
    else if (point === 0x3000) out += ' ';
    else out += char;
  }
  return out;
}
