/** Upload: the file sniffed and kept, its first rows read, the layout detected and a mapping proposed (a saved one reused). */
import { createHash } from 'node:crypto';
import {
  classifyRow,
  detectLayout,
  cellText,
  type Cell,
  type ImportField,
} from '@landfall/domain/import/index';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { FormatError, sniffFormat, type SheetFormat } from './file-format.ts';
import { openSheet } from './sheet-reader.ts';
import { columnLetter } from './import-rows.ts';
import { fileProblem, getImport, signatureOf, type StoredLayout } from './import-batch.ts';

const LAYOUT_ROWS = 40;

async function readHead(bytes: Buffer, format: SheetFormat) {
  const sheet = await openSheet(bytes, format);
  const rows: Cell[][] = [];
  for await (const r of sheet.rows) {
    if (r.row > LAYOUT_ROWS + 10) break;
    while (rows.length < r.row - 1) rows.push([]);
    rows[r.row - 1] = r.cells;
  }
  await sheet.rows.return(undefined);
  return { rows, info: sheet.info };
}

/** Analyses an upload and keeps it. */
export async function uploadImport(ctx: Ctx, input: { filename: string; bytes: Buffer; tenantId?: string }) {
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'import.run', { type: 'import', tenantId });
  let format: SheetFormat;
  let head: Awaited<ReturnType<typeof readHead>>;
  try {
    format = sniffFormat(input.bytes, input.filename);
    head = await readHead(input.bytes, format);
  } catch (err) {
    if (err instanceof FormatError) throw fileProblem(ctx, err);
    throw err;
  }
  const firstGuess = detectLayout(head.rows.slice(0, LAYOUT_ROWS), { date1904: head.info.date1904 });
  if (!firstGuess) {
    const message =
      ctx.locale === 'zh-CN'
        ? '未能在文件前 40 行中找到表头（如“项目名称”“投资方”“责任单位”等列），请确认这是项目台账'
        : 'No header row (项目名称, 投资方, 责任单位…) was found in the first 40 rows; is this a project ledger?';
    throw new AppError('validation_failed', message, { fields: [{ path: ['file'], message }] });
  }
  const signature = signatureOf(firstGuess.headers);
  const saved = await ctx.db
    .selectFrom('import_mapping')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('signature', '=', signature)
    .executeTakeFirst();
  const layout = saved
    ? (detectLayout(head.rows.slice(0, LAYOUT_ROWS), {
        date1904: head.info.date1904,
        saved: saved.columns as Record<string, ImportField | null>,
      }) ?? firstGuess)
    : firstGuess;
  const stored: StoredLayout = {
    sheet: head.info,
    headerRows: layout.headerRows.map((i) => i + 1),
    dataStart: layout.dataStart + 1,
    headers: layout.headers.map((h, column) => ({ column, letter: columnLetter(column), ...h })),
    meta: layout.meta,
    mapping: layout.mapping,
    signature,
    savedMapping: Boolean(saved),
    // Sample values: the first project rows (not the section, 合计 or note rows between them).
    sample: head.rows
      .map((cells, i) => ({ row: i + 1, cells }))
      .slice(layout.dataStart)
      .filter((r) => classifyRow(r.cells, layout.mapping).kind === 'project')
      .slice(0, 8)
      .map((r) => ({ row: r.row, cells: r.cells.map(cellText) })),
  };
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('import_batch')
      .values({
        tenant_id: tenantId,
        filename: input.filename.slice(0, 255),
        format,
        size_bytes: input.bytes.length,
        sha256,
        content: input.bytes,
        layout: JSON.stringify(stored),
        options: JSON.stringify({ stageLabels: saved?.stage_labels ?? {} }),
        created_by: ctx.actor?.id ?? null,
        created_by_name: ctx.actor?.username ?? 'system',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'import.upload',
      recordType: 'import_batch',
      recordId: row.id,
      tenantId,
      after: { filename: input.filename, format, sizeBytes: input.bytes.length, sha256 },
    });
    return getImport(ctx, row.id, trx);
  });
}
