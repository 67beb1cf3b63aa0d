/**
 * Masking personal data for display (脱敏), e.g. a contact's phone number in lists and
 * exports seen by people who do not need it.
 */
import { toHalfWidth } from './text.ts';

const mask = (length: number): string => '*'.repeat(Math.max(length, 0));

/**
 * Masks a phone number, keeping its shape:
 *   mobile    '13812345678'    → '138****5678' (also with +86 and spaces or hyphens)
 *   landline  '023-58123456'   → '023-****3456', '(023)58123456-801' keeps the extension
 *   other     all but the last 4 characters masked; 6 characters or fewer fully masked
 */
export function maskPhone(phone: string | null | undefined): string {
  const text = toHalfWidth(phone ?? '').trim();
  if (text === '') return '';

  const mobile = /^(\+?86[ -]?)?(1\d{2})([ -]?)(\d{4})([ -]?)(\d{4})$/.exec(text);
  if (mobile) {
    const [, prefix = '', head, sep1, , sep2, tail] = mobile;
    return `${prefix}${head}${sep1}****${sep2}${tail}`;
  }

  // without a separator the area code is ambiguous; the shorter reading masks more
  const landline = /^(\(?0\d{2,3}?\)?[ -]?)(\d{7,8})((?:[ -]|转|#|ext\.?)\d{1,6})?$/i.exec(text);
  if (landline) {
    const [, area = '', number = '', extension = ''] = landline;
    return `${area}${mask(number.length - 4)}${number.slice(-4)}${extension}`;
  }

  const characters = [...text];
  if (characters.length <= 6) return mask(characters.length);
  return mask(characters.length - 4) + characters.slice(-4).join('');
}
