import type { Insertable } from 'kysely';
import type { Tx } from '../context.ts';
import type { AttachmentTable } from '../db/schema.ts';

export async function insertAttachment(db: Tx, row: Insertable<AttachmentTable>) {
  return db
    .insertInto('attachment')
    .values(row)
    .returning(['id', 'project_id', 'filename', 'media_type', 'size_bytes', 'sha256', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Metadata only. */
export async function findAttachment(db: Tx, id: string) {
  return db
    .selectFrom('attachment')
    .select(['id', 'tenant_id', 'project_id', 'filename', 'media_type', 'size_bytes', 'sha256', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function readAttachmentContent(db: Tx, id: string) {
  return db.selectFrom('attachment').select(['content']).where('id', '=', id).executeTakeFirst();
}

export async function listProjectAttachments(db: Tx, projectId: string) {
  const rows = await db
    .selectFrom('attachment')
    .select(['id', 'filename', 'media_type', 'size_bytes', 'created_at'])
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
