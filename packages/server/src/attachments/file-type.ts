/**
 * The attachment types Landfall accepts (contracts, licences, site photos),
 * recognised by their first bytes, never by the name or the declared type.
 */
export interface AcceptedType {
  mediaType: string;
  extensions: string[];
}

const signatures: { bytes: number[]; offset?: number; type: AcceptedType }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { mediaType: 'application/pdf', extensions: ['pdf'] } },
  { bytes: [0xff, 0xd8, 0xff], type: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] } },
  {
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    type: { mediaType: 'image/png', extensions: ['png'] },
  },
  // OOXML (.docx, .xlsx) are zip files; the extension tells which.
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    type: {
      mediaType: 'application/zip',
      extensions: ['docx', 'xlsx', 'pptx'],
    },
  },
  // Legacy Office (.doc, .xls): OLE compound file.
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    type: { mediaType: 'application/x-ole-storage', extensions: ['doc', 'xls'] },
  },
];

const ooxml: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

/** The media type to store, or undefined when the content is not an accepted kind (or does not match its extension). */
export function detectMediaType(head: Uint8Array, filename: string): string | undefined {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  for (const signature of signatures) {
    const offset = signature.offset ?? 0;
    if (signature.bytes.every((b, i) => head[offset + i] === b)) {
      if (!signature.type.extensions.includes(extension)) return undefined;
      return ooxml[extension] ?? signature.type.mediaType;
    }
  }
  return undefined;
}

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
