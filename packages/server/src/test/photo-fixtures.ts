/**
 * JPEG bytes with or without an EXIF DateTimeOriginal, built byte by byte as a camera writes them:
 * SOI, an APP1 "Exif" segment holding a little-endian TIFF (IFD0 → Exif IFD → tag 0x9003), a
 * minimal baseline frame and EOI. Real enough for any EXIF reader, small enough for a test.
 */
function u16(n: number) {
  return [n & 0xff, (n >> 8) & 0xff];
}
function u32(n: number) {
  return [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
}

/** The TIFF block: IFD0 with one entry (ExifIFDPointer), the Exif IFD with DateTimeOriginal. */
function tiffWithDate(dateTimeOriginal: string): number[] {
  const text = [...Buffer.from(`${dateTimeOriginal}\0`, 'latin1')];
  const ifd0 = 8; // after the 8-byte header
  const exifIfd = ifd0 + 2 + 12 + 4;
  const textAt = exifIfd + 2 + 12 + 4;
  return [
    ...[0x49, 0x49, 0x2a, 0x00],
    ...u32(ifd0),
    ...u16(1),
    ...u16(0x8769), // ExifIFDPointer
    ...u16(4), // LONG
    ...u32(1),
    ...u32(exifIfd),
    ...u32(0), // no next IFD
    ...u16(1),
    ...u16(0x9003), // DateTimeOriginal
    ...u16(2), // ASCII
    ...u32(text.length),
    ...u32(textAt),
    ...u32(0),
    ...text,
  ];
}

/** A 1×1 grey baseline JPEG body (DQT, SOF0, DHT, SOS, one block) after the APP segments. */
const frame = [
  // DQT: one table of ones
  0xff,
  0xdb,
  0x00,
  0x43,
  0x00,
  ...new Array<number>(64).fill(1),
  // SOF0: 8-bit, 1×1, one component
  0xff,
  0xc0,
  0x00,
  0x0b,
  0x08,
  0x00,
  0x01,
  0x00,
  0x01,
  0x01,
  0x01,
  0x11,
  0x00,
  // DHT DC table 0: one code of length 1 for category 0
  0xff,
  0xc4,
  0x00,
  0x14,
  0x00,
  0x01,
  ...new Array<number>(15).fill(0),
  0x00,
  // DHT AC table 0: one code of length 1 for EOB
  0xff,
  0xc4,
  0x00,
  0x14,
  0x10,
  0x01,
  ...new Array<number>(15).fill(0),
  0x00,
  // SOS and one block's bits (DC 0, EOB), padded with ones
  0xff,
  0xda,
  0x00,
  0x08,
  0x01,
  0x01,
  0x00,
  0x00,
  0x3f,
  0x00,
  0x3f,
];

/** A JPEG photo; with `dateTimeOriginal` ('2026:03:01 10:15:00') it carries that EXIF date. */
export function jpegPhoto(dateTimeOriginal?: string): Buffer {
  const app1: number[] = [];
  if (dateTimeOriginal) {
    const body = [...Buffer.from('Exif\0\0', 'latin1'), ...tiffWithDate(dateTimeOriginal)];
    app1.push(0xff, 0xe1, ...[(body.length + 2) >> 8, (body.length + 2) & 0xff], ...body);
  }
  return Buffer.from([0xff, 0xd8, ...app1, ...frame, 0xff, 0xd9]);
}
