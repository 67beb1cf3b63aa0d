/** Import batches as the API shows them, and the progress of a running preview or commit (in memory). */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  mappingKey,
  type ColumnMapping,
  type DetectedLayout,
  type SummaryLayout,
} from '@landfall/domain/import/index';
import type { importOptionsSchema } from '@landfall/domain/schemas/import';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { AppError } from '../http/app-error.ts';
import { FormatError, formatProblemMessages } from './file-format.ts';
import type { SheetInfo } from './sheet-reader.ts';
import type { ImportSummary } from './import-types.ts';

export type ImportOptions = z.output<typeof importOptionsSchema>;

export interface ImportProgress {
  phase: 'preview' | 'commit';
  rows: number;
  /** Share of the file read, 0…1. */
  fraction: number;
  /** Data rows in the file when a preview has counted them. */
  totalRows: number | null;
  startedAt: string;
}

export const running = new Map<string, ImportProgress>();

export function importProgress(id: string): ImportProgress | null {
  return running.get(id) ?? null;
}

export interface StoredHeader {
  column: number;
  letter: string;
  text: string;
  parent: string | null;
}

/** Where a sheet's responsible unit comes from when it has no 责任单位 column. */
export type SheetUnitSource = 'reporting_unit' | 'sheet_name';

/** One sheet of the upload as the layout detection read it (Excel row numbers, 1-based). */
export interface StoredSheet {
  index: number;
  name: string | null;
  hidden: boolean;
  /** projects: a ledger table; summary: a 汇总 of the others; other: neither (说明, 封面, empty). */
  kind: 'projects' | 'summary' | 'other';
  headerRows: number[];
  dataStart: number;
  headers: StoredHeader[];
  meta: DetectedLayout['meta'] | null;
  mapping: ColumnMapping[];
  signature: string | null;
  savedMapping: boolean;
  /** The unit for rows without a 责任单位 (the sheet's 填报单位 or its name), and where it came from. */
  unitName: string | null;
  unitSource: SheetUnitSource | null;
  /** Columns merged down over their rows (区县, 类别): filled into every row of the merge. */
  mergedDown: number;
  summary: SummaryLayout | null;
  sample: { row: number; cells: string[] }[];
}

/**
 * The layout of an upload. The top-level fields are those of its first project sheet (the one
 * the mapping screen shows); `sheets` lists every sheet (absent on batches uploaded before
 * workbooks were read whole: then the one sheet is the top level).
 */
export interface StoredLayout {
  sheet: SheetInfo;
  /** Excel row numbers (1-based). */
  headerRows: number[];
  dataStart: number;
  headers: StoredHeader[];
  meta: DetectedLayout['meta'];
  mapping: ColumnMapping[];
  signature: string;
  savedMapping: boolean;
  sample: { row: number; cells: string[] }[];
  sheets?: StoredSheet[];
}

/** A batch stored before workbooks were read whole: its one sheet, from the top level. */
export function sheetsOf(layout: StoredLayout): StoredSheet[] {
  if (layout.sheets) return layout.sheets;
  return [
    {
      index: 0,
      name: layout.sheet.sheetName,
      hidden: false,
      kind: 'projects',
      headerRows: layout.headerRows,
      dataStart: layout.dataStart,
      headers: layout.headers,
      meta: layout.meta,
      mapping: layout.mapping,
      signature: layout.signature,
      savedMapping: layout.savedMapping,
      unitName: null,
      unitSource: null,
      mergedDown: 0,
      summary: null,
      sample: layout.sample,
    },
  ];
}

export function fileProblem(ctx: Ctx, err: FormatError): AppError {
  const m = formatProblemMessages[err.problem];
  const message = ctx.locale === 'zh-CN' ? m.zh : m.en;
  if (err.problem === 'too_large') return new AppError('payload_too_large', message);
  return new AppError('validation_failed', message, { fields: [{ path: ['file'], message }] });
}

export function headerKey(h: { text: string; parent: string | null }) {
  return mappingKey(h.text, h.parent);
}

export function signatureOf(headers: { text: string; parent: string | null }[]) {
  return createHash('sha256').update(headers.map(headerKey).join('|')).digest('hex').slice(0, 32);
}

/** A batch the actor may read, without the file's bytes (those are read only to run it). */
export async function loadBatch(ctx: Ctx, id: string, db = ctx.db) {
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

export async function fileOf(ctx: Ctx, id: string): Promise<Buffer> {
  const row = await ctx.db
    .selectFrom('import_batch')
    .select('content')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.content;
}

export async function duplicateOf(
  ctx: Ctx,
  batch: { id: string; tenant_id: string; sha256: string },
  db = ctx.db,
) {
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
