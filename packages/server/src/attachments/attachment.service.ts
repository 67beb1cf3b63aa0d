import { createHash } from 'node:crypto';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit, recordExport } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { loadProject } from '../projects/project.service.ts';
import { findProject } from '../projects/project.repo.ts';
import { detectMediaType } from './file-type.ts';
import { checkOfficePackage, packageProblemMessages, type OfficeKind } from './office-package.ts';
import { findAttachment, insertAttachment, readAttachmentContent } from './attachment.repo.ts';

const officeKinds: OfficeKind[] = ['xlsx', 'docx', 'pptx'];

/** Stores one file on a project (in the database, so every instance serves it). */
export async function uploadAttachment(
  ctx: Ctx,
  projectId: string,
  file: { filename: string; content: Buffer },
) {
  const project = await loadProject(ctx, ctx.db, projectId, 'attachment.upload');
  // Path separators and control characters never reach a stored name.
  const filename =
    [...file.filename]
      .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 ? '_' : c))
      .join('')
      .slice(0, 200) || 'file';
  const mediaType = detectMediaType(file.content.subarray(0, 16), filename);
  if (!mediaType) {
    throw new AppError(
      'unsupported_media_type',
      ctx.locale === 'zh-CN'
        ? '只能上传 PDF、JPG、PNG、Word 或 Excel 文件，且扩展名须与内容一致'
        : 'Only PDF, JPG, PNG, Word or Excel files whose extension matches their content',
    );
  }
  const office = officeKinds.find((kind) => filename.toLowerCase().endsWith(`.${kind}`));
  if (office) {
    const problem = await checkOfficePackage(file.content, office);
    if (problem) {
      const message = packageProblemMessages[problem];
      throw new AppError('unsupported_media_type', ctx.locale === 'zh-CN' ? message.zh : message.en);
    }
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertAttachment(trx, {
      tenant_id: project.tenant_id,
      project_id: projectId,
      filename,
      media_type: mediaType,
      size_bytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      uploaded_by: ctx.actor?.id ?? null,
      created_at: ctx.clock.now(),
    });
    const meta = {
      id: row.id,
      filename: row.filename,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      createdAt: new Date(row.created_at).toISOString(),
    };
    await recordAudit(trx, ctx, {
      action: 'attachment.upload',
      recordType: 'attachment',
      recordId: row.id,
      tenantId: project.tenant_id,
      after: meta,
    });
    return meta;
  });
}

/** The file, for those who may read its project. */
export async function downloadAttachment(ctx: Ctx, id: string) {
  const meta = await findAttachment(ctx.db, id);
  if (!meta) throw new AppError('not_found');
  const project = await findProject(ctx.db, meta.project_id);
  if (!project) throw new AppError('not_found');
  await authorize(ctx, 'attachment.read', {
    type: 'attachment',
    id,
    tenantId: project.tenant_id,
    unitId: project.unit_id,
    sensitive: project.sensitivity === 'sensitive',
  });
  const content = (await readAttachmentContent(ctx.db, id))?.content ?? Buffer.alloc(0);
  await recordExport(ctx, {
    action: 'attachment.download',
    filename: meta.filename,
    bytes: content,
    recordType: 'attachment',
    recordId: id,
    tenantId: project.tenant_id,
  });
  return { meta, content };
}
