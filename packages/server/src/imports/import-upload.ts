/** Upload: the file sniffed and kept, its first rows read, the layout detected and a mapping proposed (a saved one reused). */
import { createHash } from 'node:crypto';
import {
  classifyRow,
  detectLayout,
  detectSummaryLayout,
  cellText,
  isSummaryName,
  withoutControls,
  readMeta,
  type Cell,
  type DetectedLayout,
  type ImportField,
} from '@landfall/domain/import/index';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { FormatError, sniffFormat, type SheetFormat } from './file-format.ts';
import { openWorkbook, type WorkbookSheet } from './sheet-reader.ts';
import { normaliseName } from './import-index.ts';
import { columnLetter } from './import-rows.ts';
import {
  fileProblem,
  getImport,
  signatureOf,
  type SheetUnitSource,
  type StoredLayout,
  type StoredSheet,
} from './import-batch.ts';

const LAYOUT_ROWS = 40;

async function readHead(sheet: WorkbookSheet) {
  const rows: Cell[][] = [];
  const stream = sheet.rows();
  for await (const r of stream) {
    if (r.row > LAYOUT_ROWS + 10) break;
    while (rows.length < r.row - 1) rows.push([]);
    rows[r.row - 1] = r.cells;
  }
  await stream.return(undefined);
  return rows;
}

/** A sheet name that names nothing (Sheet1, 工作表2, 汇总, 说明): never taken as a unit. */
function isGenericSheetName(name: string | null): boolean {
  const text = unitFromSheetName((name ?? '').replace(/\s+/g, ''));
  // A sheet of a month, a year, an old copy or a draft (6月旧表, 2016年, 副本) names no unit.
  if (/\d|[年月日]|旧|副本|备份|草稿|copy|old|bak/i.test(text)) return true;
  return (
    text === '' ||
    /^(?:sheet|工作表|表|页|wps)\d*$/i.test(text) ||
    isSummaryName(text) ||
    /^(?:说明|填表说明|封面|目录|附件\d*|备注|模板|字典|参数|下拉|数据源)$/.test(text)
  );
}

/** '1.经开区' / '经开区（12个）' → '经开区'. */
function unitFromSheetName(name: string): string {
  return name
    .replace(/^\s*(?:\d{1,3}|[一二三四五六七八九十]+)[、.．\s-]+/, '')
    .replace(/[（(]\s*\d+\s*个?\s*[)）]\s*$/, '')
    .trim();
}

type Head = { sheet: WorkbookSheet; rows: Cell[][]; merges: Awaited<ReturnType<WorkbookSheet['merges']>> };

function projectSheet(
  head: Head,
  date1904: boolean,
  saved: Map<string, Record<string, ImportField | null>>,
): { layout: DetectedLayout; signature: string; savedMapping: boolean } | null {
  const rows = head.rows.slice(0, LAYOUT_ROWS);
  const first = detectLayout(rows, { date1904, merges: head.merges });
  if (!first) return null;
  const signature = signatureOf(first.headers);
  const columns = saved.get(signature);
  const layout = columns
    ? (detectLayout(rows, { date1904, merges: head.merges, saved: columns }) ?? first)
    : first;
  return { layout, signature, savedMapping: Boolean(columns) };
}

/** Every sheet of the workbook: its kind, header, meta, mapping and the unit its rows default to. */
async function readWorkbookLayout(ctx: Ctx, tenantId: string, bytes: Buffer, format: SheetFormat) {
  const book = await openWorkbook(bytes, format);
  const heads: Head[] = [];
  for (const sheet of book.sheets) {
    heads.push({ sheet, rows: await readHead(sheet), merges: await sheet.merges() });
  }
  const mappings = await ctx.db
    .selectFrom('import_mapping')
    .select(['signature', 'columns'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const saved = new Map(mappings.map((m) => [m.signature, m.columns as Record<string, ImportField | null>]));
  const units = await ctx.db.selectFrom('unit').select('name').where('tenant_id', '=', tenantId).execute();
  const knownUnits = new Set(units.map((u) => normaliseName(u.name)));

  const detected = heads.map((head) => ({ head, project: projectSheet(head, book.date1904, saved) }));
  const projectSheets = detected.filter((d) => d.project && !d.head.sheet.hidden).length;
  const sheets: StoredSheet[] = detected.map(({ head, project }) => {
    const { sheet, rows } = head;
    const base = {
      index: sheet.index,
      name: sheet.name,
      hidden: sheet.hidden,
      mergedDown: head.merges.filter((m) => m.r2 > m.r1).length,
    };
    if (!project) {
      const meta = detectMeta(rows, book.date1904);
      const summary = detectSummaryLayout(rows.slice(0, LAYOUT_ROWS), head.merges, meta.amountUnit);
      return {
        ...base,
        kind: summary ? ('summary' as const) : ('other' as const),
        headerRows: summary ? summary.headerRows.map((i) => i + 1) : [],
        dataStart: summary ? summary.dataStart + 1 : 0,
        headers: [],
        meta,
        mapping: [],
        signature: null,
        savedMapping: false,
        unitName: null,
        unitSource: null,
        summary,
        sample: [],
      };
    }
    const { layout } = project;
    let unitName: string | null = null;
    let unitSource: SheetUnitSource | null = null;
    if (!layout.mapping.some((m) => m.field === 'unit')) {
      const reporting = layout.meta.reportingUnit;
      const byName = sheet.name && !isGenericSheetName(sheet.name) ? unitFromSheetName(sheet.name) : '';
      if (reporting && (projectSheets > 1 || knownUnits.has(normaliseName(reporting)))) {
        unitName = reporting;
        unitSource = 'reporting_unit';
      } else if (byName && projectSheets > 1) {
        unitName = byName;
        unitSource = 'sheet_name';
      }
    }
    return {
      ...base,
      kind: 'projects' as const,
      headerRows: layout.headerRows.map((i) => i + 1),
      dataStart: layout.dataStart + 1,
      headers: layout.headers.map((h, column) => ({ column, letter: columnLetter(column), ...h })),
      meta: layout.meta,
      mapping: layout.mapping,
      signature: project.signature,
      savedMapping: project.savedMapping,
      unitName,
      unitSource,
      summary: null,
      // Sample values: the first project rows (not the section, 合计 or note rows between them).
      sample: rows
        .map((cells, i) => ({ row: i + 1, cells }))
        .slice(layout.dataStart)
        .filter((r) => classifyRow(r.cells, layout.mapping).kind === 'project')
        .slice(0, 8)
        .map((r) => ({ row: r.row, cells: r.cells.map(cellText) })),
    };
  });
  return { book, sheets };
}

/** The meta lines of a sheet without a project table (a summary's title, 截止时间, 单位). */
function detectMeta(rows: Cell[][], date1904: boolean) {
  const summary = detectSummaryLayout(rows.slice(0, LAYOUT_ROWS));
  const top = summary ? (summary.headerRows[0] ?? 0) : Math.min(rows.length, 6);
  return readMeta(rows.slice(0, top), summary ? rows.slice(summary.dataStart) : [], { date1904 });
}

/** Analyses an upload and keeps it. */
export async function uploadImport(ctx: Ctx, input: { filename: string; bytes: Buffer; tenantId?: string }) {
  // A name as it may be stored (a NUL in a multipart filename must not reach a text column).
  input = { ...input, filename: withoutControls(input.filename).slice(0, 255) || 'upload' };
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'import.run', { type: 'import', tenantId });
  let format: SheetFormat;
  let read: Awaited<ReturnType<typeof readWorkbookLayout>>;
  try {
    format = sniffFormat(input.bytes, input.filename);
    read = await readWorkbookLayout(ctx, tenantId, input.bytes, format);
  } catch (err) {
    if (err instanceof FormatError) throw fileProblem(ctx, err);
    throw err;
  }
  const primary =
    read.sheets.find((s) => s.kind === 'projects' && !s.hidden) ??
    read.sheets.find((s) => s.kind === 'projects');
  if (!primary || !primary.meta || !primary.signature) {
    const message =
      ctx.locale === 'zh-CN'
        ? '未能在文件任何工作表的前 40 行中找到表头（如“项目名称”“投资方”“责任单位”等列），请确认这是项目台账'
        : 'No header row (项目名称, 投资方, 责任单位…) was found in the first 40 rows of any sheet; is this a project ledger?';
    throw new AppError('validation_failed', message, { fields: [{ path: ['file'], message }] });
  }
  const stored: StoredLayout = {
    sheet: { date1904: read.book.date1904, sheetName: primary.name, encoding: read.book.encoding },
    headerRows: primary.headerRows,
    dataStart: primary.dataStart,
    headers: primary.headers,
    meta: primary.meta,
    mapping: primary.mapping,
    signature: primary.signature,
    savedMapping: primary.savedMapping,
    sample: primary.sample,
    sheets: read.sheets,
  };
  const saved = await ctx.db
    .selectFrom('import_mapping')
    .select('stage_labels')
    .where('tenant_id', '=', tenantId)
    .where('signature', '=', primary.signature)
    .executeTakeFirst();
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
