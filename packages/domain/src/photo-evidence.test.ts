import { describe, expect, it } from 'vitest';
import {
  checkPhotoDate,
  exifCalendarDate,
  photoProblemText,
  PHOTO_DATE_TOLERANCE_DAYS,
} from './photo-evidence.ts';

describe('a site photo’s date', () => {
  it('reads EXIF DateTimeOriginal as the camera’s calendar day, nothing else', () => {
    expect(exifCalendarDate('2026:03:01 23:59:59')).toBe('2026-03-01');
    expect(exifCalendarDate('0000:00:00 00:00:00')).toBeNull();
    expect(exifCalendarDate('2026:02:30 10:00:00')).toBeNull();
    expect(exifCalendarDate('')).toBeNull();
    expect(exifCalendarDate(undefined)).toBeNull();
  });

  it('is verified within 7 days either way, not on the 8th, and unverifiable without EXIF', () => {
    expect(PHOTO_DATE_TOLERANCE_DAYS).toBe(7);
    expect(checkPhotoDate('2026-06-08', '2026-06-01')).toEqual({ verified: true, exifOn: '2026-06-08' });
    expect(checkPhotoDate('2026-05-25', '2026-06-01')).toEqual({ verified: true, exifOn: '2026-05-25' });
    const off = checkPhotoDate('2026-06-09', '2026-06-01');
    expect(off).toEqual({ verified: false, exifOn: '2026-06-09', problem: 'date_off' });
    expect(photoProblemText(off, '2026-06-01')).toBe(
      '照片拍摄时间（EXIF）为 2026-06-09，与所填拍摄日期 2026-06-01 相差超过 7 天',
    );
    const none = checkPhotoDate(null, '2026-06-01');
    expect(none).toEqual({ verified: false, exifOn: null, problem: 'no_exif_date' });
    expect(photoProblemText(none, '2026-06-01', 'en-US')).toContain('no EXIF date');
  });
});
