/**
 * The import flow: upload (the file is kept, its layout detected and a mapping
 * proposed, a mapping remembered for the same source reused), preview (a dry run:
 * every row's outcome, per-row errors and warnings, nothing written), commit (the
 * same run inside one transaction: everything or nothing, the batch marked committed
 * and one audit row, all in that transaction). Progress of a running preview or
 * commit is kept in memory for the web's progress bar and the CLI.
 */
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { FormatError } from './file-format.ts';
import { openWorkbook, type OpenedWorkbook } from './sheet-reader.ts';
import type { SheetRun, SummaryRun } from './import-types.ts';
import { ImportConflict, ImportHasErrors, runImport, type ImportSummary } from './import-engine.ts';
import { PlaceResolver } from './places.ts';
import {
  duplicateOf,
  fileProblem,
  fileOf,
  getImport,
  loadBatch,
  running,
  type ImportOptions,
  type ImportProgress,
} from './import-batch.ts';
import { saveMapping, settingsFor, withFileNotes } from './import-settings.ts';

export { getImport, importProgress, listImports } from './import-batch.ts';
export { uploadImport } from './import-upload.ts';
export type { ImportOptions, ImportProgress } from './import-batch.ts';

async function run(ctx: Ctx, id: string, options: ImportOptions, commit: boolean) {
  const batch = await loadBatch(ctx, id);
  await authorize(ctx, 'import.run', { type: 'import', id, tenantId: batch.tenant_id });
  // Claimed before anything else is awaited, so one process never runs the same batch twice at once.
  if (running.has(id)) {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN'
        ? '该文件正在处理中，请稍候'
        : 'This file is being processed; wait for it to finish',
    );
  }
  const prior = batch.summary as ImportSummary | null;
  const progress: ImportProgress = {
    phase: commit ? 'commit' : 'preview',
    rows: 0,
    fraction: 0,
    totalRows: prior?.rows ?? null,
    startedAt: ctx.clock.now().toISOString(),
  };
  running.set(id, progress);
  try {
    return await runClaimed(ctx, batch, options, commit, progress);
  } finally {
    running.delete(id);
  }
}

async function runClaimed(
  ctx: Ctx,
  batch: Awaited<ReturnType<typeof loadBatch>>,
  options: ImportOptions,
  commit: boolean,
  progress: ImportProgress,
) {
  const id = batch.id;
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
  const places = await PlaceResolver.load(ctx.db);
  const storedOptions = JSON.stringify({ ...options, stageLabels: s.stageLabels });
  try {
    const book = await openWorkbook(await fileOf(ctx, id), batch.format);
    const { sheets, summaries } = await sheetRuns(book, s, (f) => {
      progress.fraction = f;
    });
    const settings = {
      tenantId: batch.tenant_id,
      tenantDivision: s.tenantDivision,
      stageLabels: s.stageLabels,
      createUnits: options.createUnits,
      defaultUnitId: options.defaultUnitId ?? null,
      importId: id,
      places,
      usdRate: options.usdRate ?? null,
      onProgress: (rows: number) => {
        progress.rows = rows;
      },
    };
    if (!commit) {
      const summary = withFileNotes(
        await runImport(ctx, ctx.db, sheets, { ...settings, commit: false }, summaries),
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
        // Another server of the same database may be committing this batch: the row lock decides.
        const locked = await trx
          .selectFrom('import_batch')
          .select('status')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (locked.status === 'committed') {
          throw new AppError(
            'duplicate',
            ctx.locale === 'zh-CN' ? '该文件已导入' : 'This file has been imported',
          );
        }
        const result = withFileNotes(
          await runImport(ctx, trx, sheets, { ...settings, commit: true }, summaries),
          s,
        );
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
  }
}

/**
 * The project sheets to run and the summary sheets to check, from the opened workbook and the
 * confirmed settings; progress runs over the sheets in proportion to their size.
 */
async function sheetRuns(
  book: OpenedWorkbook,
  s: Awaited<ReturnType<typeof settingsFor>>,
  onFraction: (fraction: number) => void,
): Promise<{ sheets: SheetRun[]; summaries: SummaryRun[] }> {
  const chosen = s.sheets.flatMap((settings) => {
    const sheet = book.sheets.find((b) => b.index === settings.index);
    return sheet ? [{ settings, sheet }] : [];
  });
  const total = chosen.reduce((n, c) => n + c.sheet.size, 0) || 1;
  let done = 0;
  const sheets: SheetRun[] = [];
  for (const { settings, sheet } of chosen) {
    const before = done;
    done += sheet.size;
    sheets.push({
      ...settings,
      date1904: book.date1904,
      merges: await sheet.merges(),
      rows: sheet.rows((f) => onFraction(Math.min(1, (before + f * sheet.size) / total))),
    });
  }
  const summaries: SummaryRun[] = s.summaries.flatMap((stored) => {
    const sheet = book.sheets.find((b) => b.index === stored.index);
    if (!sheet || !stored.summary) return [];
    return [
      {
        name: stored.name ?? '',
        layout: stored.summary,
        amountUnit: stored.meta?.amountUnit ?? s.amountUnit,
        rows: sheet.rows(),
      },
    ];
  });
  return { sheets, summaries };
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
