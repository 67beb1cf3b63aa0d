/**
 * The files a stage move's evidence names, checked against what they are: the attachment is the
 * project's own, of a type that can be that evidence, and a site photo's stated date against the
 * photo's EXIF DateTimeOriginal (domain/photo-evidence.ts). A photo whose date cannot be verified
 * is kept, marked 未核验 (`photoCheck.verified = false`), when the user gives the reason.
 */
import exifr from 'exifr';
import { sql } from 'kysely';
import {
  checkPhotoDate,
  exifCalendarDate,
  photoProblemText,
  type PhotoCheck,
} from '@landfall/domain/photo-evidence';
import type { Ctx, Tx } from '../context.ts';
import { invalidField } from '../http/app-error.ts';
import { findAttachment, readAttachmentContent } from '../attachments/attachment.repo.ts';

/** The kinds of file a piece of evidence may be. */
export type EvidenceFileKind = 'any' | 'imageOrPdf' | 'image';

const kindPattern: Record<EvidenceFileKind, RegExp> = {
  any: /./,
  imageOrPdf: /^(image\/|application\/pdf$)/,
  image: /^image\//,
};

const kindMessage: Record<Exclude<EvidenceFileKind, 'any'>, { zh: string; en: string }> = {
  imageOrPdf: { zh: '请上传 PDF 或图片格式的证明文件', en: 'Upload the document as a PDF or an image' },
  image: { zh: '现场照片应为 JPG 或 PNG 图片', en: 'A site photo is a JPG or PNG image' },
};

/** The attachment belongs to the project and is of a type that can serve as the evidence. */
export async function assertAttachmentOf(
  ctx: Ctx,
  db: Tx,
  attachmentId: string,
  projectId: string,
  field: string | string[],
  kind: EvidenceFileKind = 'any',
) {
  const attachment = await findAttachment(db, attachmentId);
  if (!attachment || attachment.project_id !== projectId) {
    throw invalidField(ctx, field, { zh: '附件不存在', en: 'No such attachment' });
  }
  if (kind !== 'any' && !kindPattern[kind].test(attachment.media_type)) {
    throw invalidField(ctx, field, kindMessage[kind]);
  }
}

/** The day a photo was taken by its EXIF DateTimeOriginal, or null when it carries none (or cannot be read). */
export async function readPhotoDate(content: Uint8Array): Promise<string | null> {
  try {
    const tags = (await exifr.parse(Buffer.from(content), {
      pick: ['DateTimeOriginal'],
      reviveValues: false,
    })) as { DateTimeOriginal?: unknown } | undefined;
    return exifCalendarDate(tags?.DateTimeOriginal);
  } catch {
    return null;
  }
}

/**
 * Checks a site photo's stated date (`photoTakenOn`) against its EXIF date. Verified: the check is
 * returned. Not verified: the check is returned when a reason is given, else a 400 on
 * `evidence.unverifiedReason` saying what is wrong.
 */
export async function checkSitePhoto(
  ctx: Ctx,
  db: Tx,
  attachmentId: string,
  statedOn: string,
  unverifiedReason: string | undefined,
): Promise<PhotoCheck> {
  const content = await readAttachmentContent(db, attachmentId);
  const check = checkPhotoDate(content ? await readPhotoDate(content.content) : null, statedOn);
  if (!check.verified && !unverifiedReason) {
    throw invalidField(ctx, ['evidence', 'unverifiedReason'], {
      zh: `${photoProblemText(check, statedOn, 'zh-CN')}；照片将标为未核验，请说明原因`,
      en: `${photoProblemText(check, statedOn, 'en-US')}; it will be marked unverified: give the reason`,
    });
  }
  return check;
}

/**
 * Whether the project's signing has its agreement on record: a signing move with the agreement file
 * or the reason there is none, or a 补录证据 that gave one. An imported signing carries neither.
 */
export async function hasAgreementOnRecord(db: Tx, projectId: string): Promise<boolean> {
  const rows = await sql<{ id: number }>`
    select id from ledger_entry
    where project_id = ${projectId} and (
      (kind = 'stage_move' and stage_to = 'signed' and payload->>'kind' = 'advance'
        and (attachment_id is not null or payload->'evidence' ? 'noAgreementReason'))
      or (kind = 'field_change' and payload ? 'agreement'))
    limit 1`.execute(db);
  return rows.rows.length > 0;
}
