/**
 * The import flow: upload (the file is kept, its layout detected and a mapping
 * proposed, a mapping remembered for the same source reused), preview (a dry run:
 * every row's outcome, per-row errors and warnings, nothing written), commit (the
 * same run inside one transaction: everything or nothing, the batch marked committed
 * and one audit row, all in that transaction). Progress of a running preview or
 * commit is kept in memory for the web's progress bar and the CLI.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { shanghaiToday } from '@landfall/domain/dates';
import type { AmountUnit } from '@landfall/domain/money';
import type { Stage } from '@landfall/domain/stages';
import {
  classifyRow,
  detectLayout,
  mappingKey,
  normaliseStageLabel,
  cellText,
  type Cell,
  type ColumnMapping,
  type DetectedLayout,
  type ImportField,
} from '@landfall/domain/import/index';
import type { importOptionsSchema } from '@landfall/domain/schemas/import';
import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { getTenant } from '../tenants/tenant.repo.ts';
import { FormatError, formatProblemMessages, sniffFormat, type SheetFormat } from './file-format.ts';
import { openSheet, type SheetInfo } from './sheet-reader.ts';
import { ImportConflict, ImportHasErrors, runImport, type ImportSummary } from './import-engine.ts';
import { PlaceResolver } from './places.ts';
import { columnLetter } from './import-rows.ts';

export type ImportOptions = z.output<typeof importOptionsSchema>;

const LAYOUT_ROWS = 40;

export interface ImportProgress {
  phase: 'preview' | 'commit';
  rows: number;
  /** Share of the file read, 0…1. */
  fraction: number;
  /** Data rows in the file when a preview has counted them. */
  totalRows: number | null;
  startedAt: string;
}

const running = new Map<string, ImportProgress>();

export function importProgress(id: string): ImportProgress | null {
  return running.get(id) ?? null;
}

interface StoredLayout {
  sheet: SheetInfo;
  /** Excel row numbers (1-based). */
  headerRows: number[];
  dataStart: number;
  headers: { column: number; letter: string; text: string; parent: string | null }[];
  meta: DetectedLayout['meta'];
  mapping: ColumnMapping[];
  signature: string;
  savedMapping: boolean;
  sample: { row: number; cells: string[] }[];
}

function fileProblem(ctx: Ctx, err: FormatError): AppError {
  const m = formatProblemMessages[err.problem];
  const message = ctx.locale === 'zh-CN' ? m.zh : m.en;
  if (err.problem === 'too_large') return new AppError('payload_too_large', message);
  return new AppError('validation_failed', message, { fields: [{ path: ['file'], message }] });
}

function headerKey(h: { text: string; parent: string | null }) {
  return mappingKey(h.text, h.parent);
}

function signatureOf(headers: { text: string; parent: string | null }[]) {
  return createHash('sha256').update(headers.map(headerKey).join('|')).digest('hex').slice(0, 32);
}

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

/** A batch the actor may read, without the file's bytes (those are read only to run it). */
async function loadBatch(ctx: Ctx, id: string, db = ctx.db) {
  const batch = await db
    .selectFrom('import_batch')
    .select([
      'id',
      'tenant_id',
      'filename',
      'format',
      'size_bytes',
      'sha256',
      'status',
      'layout',
      'options',
      'summary',
      'created_by_name',
      'created_at',
      'committed_at',
      'committed_by_name',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!batch) throw new AppError('not_found');
  await authorize(ctx, 'import.read', { type: 'import', id, tenantId: batch.tenant_id });
  return batch;
}

async function fileOf(ctx: Ctx, id: string): Promise<Buffer> {
  const row = await ctx.db
    .selectFrom('import_batch')
    .select('content')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.content;
}

async function duplicateOf(ctx: Ctx, batch: { id: string; tenant_id: string; sha256: string }, db = ctx.db) {
  const earlier = await db
    .selectFrom('import_batch')
    .select(['id', 'filename', 'committed_at', 'committed_by_name'])
    .where('tenant_id', '=', batch.tenant_id)
    .where('sha256', '=', batch.sha256)
    .where('status', '=', 'committed')
    .where('id', '!=', batch.id)
    .executeTakeFirst();
  return earlier
    ? {
        id: earlier.id,
        filename: earlier.filename,
        committedAt: earlier.committed_at ? new Date(earlier.committed_at).toISOString() : null,
        committedBy: earlier.committed_by_name,
      }
    : null;
}

export async function getImport(ctx: Ctx, id: string, db = ctx.db) {
  const batch = await loadBatch(ctx, id, db);
  return {
    id: batch.id,
    tenantId: batch.tenant_id,
    filename: batch.filename,
    format: batch.format,
    sizeBytes: batch.size_bytes,
    sha256: batch.sha256,
    status: batch.status,
    createdAt: new Date(batch.created_at).toISOString(),
    createdBy: batch.created_by_name,
    committedAt: batch.committed_at ? new Date(batch.committed_at).toISOString() : null,
    committedBy: batch.committed_by_name,
    layout: batch.layout as StoredLayout,
    options: batch.options as Partial<ImportOptions>,
    summary: (batch.summary as ImportSummary | null) ?? null,
    duplicateOf: await duplicateOf(ctx, batch, db),
    progress: importProgress(batch.id),
  };
}

export async function listImports(ctx: Ctx) {
  const actor = await authorize(ctx, 'import.read');
  let q = ctx.db
    .selectFrom('import_batch')
    .select([
      'id',
      'tenant_id',
      'filename',
      'format',
      'size_bytes',
      'status',
      'created_at',
      'created_by_name',
      'committed_at',
      'summary',
    ])
    .orderBy('created_at', 'desc')
    .limit(100);
  if (actor.role !== 'operator') q = q.where('tenant_id', '=', actor.tenantId ?? '');
  const rows = await q.execute();
  return rows.map((r) => {
    const s = r.summary as ImportSummary | null;
    return {
      id: r.id,
      tenantId: r.tenant_id,
      filename: r.filename,
      format: r.format,
      sizeBytes: r.size_bytes,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by_name,
      committedAt: r.committed_at ? new Date(r.committed_at).toISOString() : null,
      rows: s?.rows ?? null,
      errorCount: s?.errorCount ?? null,
      projects: s?.projects ?? null,
    };
  });
}

/** The run settings from the stored layout and the options a person confirmed. */
async function settingsFor(ctx: Ctx, batch: Awaited<ReturnType<typeof loadBatch>>, options: ImportOptions) {
  const layout = batch.layout as StoredLayout;
  const mapping: ColumnMapping[] = options.columns
    ? layout.headers.map((h) => {
        const chosen = options.columns!.find((c) => c.column === h.column);
        const proposed = layout.mapping.find((m) => m.column === h.column);
        return {
          column: h.column,
          header: proposed?.header ?? h.text,
          field: chosen ? chosen.field : (proposed?.field ?? null),
          unit: chosen ? (chosen.unit ?? null) : (proposed?.unit ?? null),
        };
      })
    : layout.mapping;
  const fields = mapping.map((m) => m.field).filter(Boolean);
  if (!fields.includes('name')) {
    const message =
      ctx.locale === 'zh-CN' ? '请指定“项目名称”对应的列' : 'Choose the column holding 项目名称';
    throw new AppError('validation_failed', message, { fields: [{ path: ['columns'], message }] });
  }
  const duplicates = fields.filter((f, i) => fields.indexOf(f) !== i);
  if (duplicates.length) {
    const message =
      ctx.locale === 'zh-CN' ? '同一字段只能对应一列' : 'A field can be mapped to one column only';
    throw new AppError('validation_failed', message, { fields: [{ path: ['columns'], message }] });
  }
  const today = shanghaiToday(ctx.clock.now());
  const cutOff = options.cutOff ?? layout.meta.cutOff ?? today;
  if (cutOff > today) {
    const message =
      ctx.locale === 'zh-CN' ? `截止日期 ${cutOff} 晚于今天` : `The cut-off ${cutOff} is in the future`;
    throw new AppError('validation_failed', message, { fields: [{ path: ['cutOff'], message }] });
  }
  const amountUnit: AmountUnit = options.amountUnit ?? layout.meta.amountUnit ?? 'wan';
  const stored = (batch.options as Partial<ImportOptions>).stageLabels ?? {};
  const stageLabels: Record<string, Stage> = {};
  for (const [label, stage] of Object.entries({ ...stored, ...(options.stageLabels ?? {}) })) {
    stageLabels[normaliseStageLabel(label)] = stage as Stage;
  }
  if (options.defaultUnitId) {
    const unit = await ctx.db
      .selectFrom('unit')
      .select('id')
      .where('id', '=', options.defaultUnitId)
      .where('tenant_id', '=', batch.tenant_id)
      .executeTakeFirst();
    if (!unit) {
      const message = ctx.locale === 'zh-CN' ? '默认责任单位不存在' : 'No such unit';
      throw new AppError('validation_failed', message, { fields: [{ path: ['defaultUnitId'], message }] });
    }
  }
  const tenant = await getTenant(ctx.db, batch.tenant_id);
  return {
    layout,
    mapping,
    cutOff,
    cutOffGiven: Boolean(options.cutOff ?? layout.meta.cutOff),
    amountUnit,
    amountUnitGiven: Boolean(options.amountUnit ?? layout.meta.amountUnit) || mapping.some((m) => m.unit),
    stageLabels,
    tenantDivision: tenant.division_code,
  };
}

function withFileNotes(summary: ImportSummary, s: Awaited<ReturnType<typeof settingsFor>>) {
  const notes = [];
  if (!s.cutOffGiven) {
    notes.push({
      row: 0,
      column: '截止日期',
      cell: '',
      value: '',
      message: `文件未写明截止日期，按 ${s.cutOff} 处理`,
    });
  }
  if (!s.amountUnitGiven) {
    notes.push({
      row: 0,
      column: '金额单位',
      cell: '',
      value: '',
      message: '文件未写明金额单位，按万元处理',
    });
  }
  summary.warnings.unshift(...notes);
  summary.warningCount += notes.length;
  return summary;
}

async function run(ctx: Ctx, id: string, options: ImportOptions, commit: boolean) {
  const batch = await loadBatch(ctx, id);
  await authorize(ctx, 'import.run', { type: 'import', id, tenantId: batch.tenant_id });
  if (running.has(id)) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN'
        ? '该文件正在处理中，请稍候'
        : 'This file is being processed; wait for it to finish',
    );
  }
  if (batch.status === 'committed') {
    throw new AppError('duplicate', ctx.locale === 'zh-CN' ? '该文件已导入' : 'This file has been imported');
  }
  const earlier = await duplicateOf(ctx, batch);
  if (commit && earlier) {
    throw new AppError(
      'duplicate',
      ctx.locale === 'zh-CN'
        ? `同一文件已于 ${earlier.committedAt?.slice(0, 10)} 由 ${earlier.committedBy} 导入（${earlier.filename}），不再重复导入`
        : `The same file was imported on ${earlier.committedAt?.slice(0, 10)} by ${earlier.committedBy}`,
      { duplicateOf: earlier },
    );
  }
  const s = await settingsFor(ctx, batch, options);
  const prior = batch.summary as ImportSummary | null;
  const progress: ImportProgress = {
    phase: commit ? 'commit' : 'preview',
    rows: 0,
    fraction: 0,
    totalRows: prior?.rows ?? null,
    startedAt: ctx.clock.now().toISOString(),
  };
  running.set(id, progress);
  const places = await PlaceResolver.load(ctx.db);
  const storedOptions = JSON.stringify({ ...options, stageLabels: s.stageLabels });
  try {
    const sheet = await openSheet(await fileOf(ctx, id), batch.format, (f) => {
      progress.fraction = f;
    });
    const settings = {
      tenantId: batch.tenant_id,
      tenantDivision: s.tenantDivision,
      mapping: s.mapping,
      dataStart: s.layout.dataStart,
      amountUnit: s.amountUnit,
      stageLabels: s.stageLabels,
      cutOff: s.cutOff,
      date1904: sheet.info.date1904,
      createUnits: options.createUnits,
      defaultUnitId: options.defaultUnitId ?? null,
      importId: id,
      places,
      onProgress: (rows: number) => {
        progress.rows = rows;
      },
    };
    if (!commit) {
      const summary = withFileNotes(
        await runImport(ctx, ctx.db, sheet.rows, { ...settings, commit: false }),
        s,
      );
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('import_batch')
          .set({
            status: 'previewed',
            summary: JSON.stringify(summary),
            options: storedOptions,
            version: (eb) => eb('version', '+', 1),
          })
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, ctx, {
          action: 'import.preview',
          recordType: 'import_batch',
          recordId: id,
          tenantId: batch.tenant_id,
          after: counts(summary),
        });
      });
      return { ...(await getImport(ctx, id)), summary };
    }
    try {
      const summary = await ctx.db.transaction().execute(async (trx) => {
        const result = withFileNotes(await runImport(ctx, trx, sheet.rows, { ...settings, commit: true }), s);
        const now = ctx.clock.now();
        await trx
          .updateTable('import_batch')
          .set({
            status: 'committed',
            summary: JSON.stringify(result),
            options: storedOptions,
            committed_at: now,
            committed_by_name: ctx.actor?.username ?? 'system',
            version: (eb) => eb('version', '+', 1),
          })
          .where('id', '=', id)
          .execute();
        await saveMapping(trx, batch.tenant_id, s.layout, s.mapping, s.stageLabels, now);
        await recordAudit(trx, ctx, {
          action: 'import.commit',
          recordType: 'import_batch',
          recordId: id,
          tenantId: batch.tenant_id,
          after: counts(result),
        });
        return result;
      });
      return { ...(await getImport(ctx, id)), summary };
    } catch (err) {
      if (err instanceof ImportHasErrors) {
        const summary = withFileNotes(err.summary, s);
        await ctx.db
          .updateTable('import_batch')
          .set({ status: 'previewed', summary: JSON.stringify(summary), options: storedOptions })
          .where('id', '=', id)
          .execute();
        throw new AppError(
          'validation_failed',
          ctx.locale === 'zh-CN'
            ? `文件中有 ${summary.errorCount} 处错误，未导入任何数据；请下载错误报告修改后重新上传`
            : `${summary.errorCount} errors in the file; nothing was imported`,
          { summary },
        );
      }
      if (err instanceof ImportConflict) {
        throw new AppError(
          'stale_version',
          ctx.locale === 'zh-CN'
            ? `导入期间项目「${err.projectName}」被他人修改，未导入任何数据；请重新预览后再导入`
            : `Project ${err.projectName} changed during the import; nothing was imported`,
        );
      }
      throw err;
    }
  } catch (err) {
    if (err instanceof FormatError) throw fileProblem(ctx, err);
    throw err;
  } finally {
    running.delete(id);
  }
}

function counts(summary: ImportSummary) {
  return {
    rows: summary.rows,
    skipped: summary.skipped,
    projects: summary.projects,
    enterprises: summary.enterprises,
    fundingRecords: summary.fundingRecords,
    newUnits: summary.newUnits,
    errorCount: summary.errorCount,
    cutOff: summary.cutOff,
  };
}

async function saveMapping(
  db: Tx,
  tenantId: string,
  layout: StoredLayout,
  mapping: ColumnMapping[],
  stageLabels: Record<string, Stage>,
  now: Date,
) {
  const columns: Record<string, ImportField | null> = {};
  for (const m of mapping) {
    const h = layout.headers[m.column];
    if (h) columns[headerKey(h)] = m.field;
  }
  await db
    .insertInto('import_mapping')
    .values({
      tenant_id: tenantId,
      signature: layout.signature,
      columns: JSON.stringify(columns),
      stage_labels: JSON.stringify(stageLabels),
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'signature']).doUpdateSet({
        columns: JSON.stringify(columns),
        stage_labels: JSON.stringify(stageLabels),
        updated_at: now,
      }),
    )
    .execute();
}

export function previewImport(ctx: Ctx, id: string, options: ImportOptions) {
  return run(ctx, id, options, false);
}

export function commitImport(ctx: Ctx, id: string, options: ImportOptions) {
  return run(ctx, id, options, true);
}

/** The summary's errors (and warnings) as an .xlsx a person can fix the file from. */
export async function importErrorReport(ctx: Ctx, id: string) {
  const batch = await loadBatch(ctx, id);
  const summary = batch.summary as ImportSummary | null;
  return { filename: batch.filename, summary };
}
