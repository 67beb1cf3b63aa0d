/**
 * A dated site photo (带日期的现场照片) as evidence: the date the user states is checked against the
 * camera's EXIF DateTimeOriginal. Within the tolerance the photo is verified; without an EXIF date,
 * or off by more, the evidence is kept but marked 未核验 and needs the user's reason.
 */
import { daysBetween, isValidDate } from './dates.ts';
import type { Locale } from './errors.ts';

/** How far (calendar days, either way) the EXIF date may be from the stated date. */
export const PHOTO_DATE_TOLERANCE_DAYS = 7;

/**
 * EXIF DateTimeOriginal ('2026:03:01 10:15:00', the camera's local time, no zone) → '2026-03-01';
 * null for anything else (blank, '0000:00:00 00:00:00', an impossible day).
 */
export function exifCalendarDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return isValidDate(date) ? date : null;
}

export type PhotoCheck =
  | { verified: true; exifOn: string }
  | { verified: false; exifOn: string | null; problem: 'no_exif_date' | 'date_off' };

/** Compares the photo's EXIF date (or null) with the stated date. */
export function checkPhotoDate(exifOn: string | null, statedOn: string): PhotoCheck {
  if (!exifOn) return { verified: false, exifOn: null, problem: 'no_exif_date' };
  if (Math.abs(daysBetween(exifOn, statedOn)) <= PHOTO_DATE_TOLERANCE_DAYS) return { verified: true, exifOn };
  return { verified: false, exifOn, problem: 'date_off' };
}

/** Why a photo is 未核验, as the form and the timeline say it. */
export function photoProblemText(check: PhotoCheck, statedOn: string, locale: Locale = 'zh-CN'): string {
  if (check.verified) return '';
  if (check.problem === 'no_exif_date') {
    return locale === 'zh-CN'
      ? '照片中没有拍摄时间（EXIF）信息，无法核验拍摄日期'
      : 'The photo carries no EXIF date; its date cannot be verified';
  }
  return locale === 'zh-CN'
    ? `照片拍摄时间（EXIF）为 ${check.exifOn}，与所填拍摄日期 ${statedOn} 相差超过 ${PHOTO_DATE_TOLERANCE_DAYS} 天`
    : `The photo's EXIF date ${check.exifOn} is more than ${PHOTO_DATE_TOLERANCE_DAYS} days from the stated ${statedOn}`;
}
