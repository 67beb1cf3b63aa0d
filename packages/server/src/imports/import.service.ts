/**
 * The import flow: upload (the file is kept, its layout detected and a mapping
 * proposed, a mapping remembered for the same source reused), preview (a dry run:
 * every row's outcome, per-row errors and warnings, nothing written), commit (the
 * same run inside one transaction: everything or nothing, the batch marked committed
 * and one audit row, all in that transaction). Progress of a running preview or
 * commit is kept in memory for the web's progress bar and the CLI.
 */
import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { FormatError } from './file-format.ts';
import { openWorkbook, type OpenedWorkbook } from './sheet-reader.ts';
import type { RunSettings, SheetRun, SummaryRun } from './import-types.ts';
import { planRollup, runRollup, type RollupPlan, type RollupRun } from './import-rollup.ts';
import { listUnitNames } from './import-index.ts';
import { listDistrictsBelow } from '../tenants/tenant.service.ts';
import { parseSheetDate } from '@landfall/domain/import/index';
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
    const open = () =>
      sheetRuns(book, s, (f) => {
        progress.fraction = f;
      });
    const rollup = await rollupOf(ctx, s, await open());
    const { sheets, summaries } = await open();
    const settings = {
      tenantId: batch.tenant_id,
      tenantDivision: s.tenantDivision,
      stageLabels: s.stageLabels,
      createUnits: options.createUnits,
      defaultUnitId: options.defaultUnitId ?? null,
      importId: id,
      places,
      usdRate: options.usdRate ?? null,
      baseline: s.entries === 'baseline',
      onProgress: (rows: number) => {
        progress.rows = rows;
      },
    };
    if (!commit) {
      const summary = withFileNotes(
        await execute(
          ctx,
          ctx.db,
          { ...settings, commit: false },
          { sheets, summaries, rollup, open, tenant: s.tenant },
        ),
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
          await execute(
            ctx,
            trx,
            { ...settings, commit: true },
            { sheets, summaries, rollup, open, tenant: s.tenant },
          ),
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
        if (s.mappingToSave)
          await saveMapping(trx, batch.tenant_id, s.layout, s.mappingToSave, s.stageLabels, now);
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

type Opened = Awaited<ReturnType<typeof sheetRuns>>;

/** A roll-up table's plan (a city's table by 区县), its districts authorised; null for an ordinary import. */
async function rollupOf(ctx: Ctx, s: Awaited<ReturnType<typeof settingsFor>>, opened: Opened) {
  const plan = await planRollup(
    ctx,
    s.tenant,
    opened.sheets,
    await listDistrictsBelow(ctx.db, s.tenant),
    s.stageLabels,
  );
  if (!plan) return null;
  // Before any transaction: a denial is written in its own (PGlite has one connection).
  await authorize(ctx, 'import.runRollup', { type: 'import', tenantId: s.tenant.id });
  for (const d of plan.districts) {
    if (d.tenantId) await authorize(ctx, 'import.runRollup', { type: 'import', tenantId: d.tenantId });
  }
  return plan;
}

/** The run: per district for a roll-up table, else over the sheets. */
function execute(
  ctx: Ctx,
  db: Tx,
  settings: RunSettings,
  r: {
    sheets: SheetRun[];
    summaries: SummaryRun[];
    rollup: RollupPlan | null;
    open: () => Promise<Opened>;
    tenant: RollupRun['parent'];
  },
) {
  if (!r.rollup) return runImport(ctx, db, r.sheets, settings, r.summaries);
  return runRollup(
    ctx,
    db,
    { plan: r.rollup, parent: r.tenant, open: async () => (await r.open()).sheets, unitsOf: listUnitNames },
    settings,
    (trx, sheets, districtSettings) => runImport(ctx, trx, sheets, districtSettings),
  );
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
  for (const { settings, sheet } of chosen) {
    // No cut-off anywhere, but each row dates its own update: the sheet stands as of the latest one.
    const column = settings.mapping.find((m) => m.field === 'updatedOn')?.column;
    if (settings.cutOffGiven || column === undefined) continue;
    let latest: string | null = null;
    for await (const { row, cells } of sheet.rows()) {
      if (row < settings.dataStart) continue;
      const date = parseSheetDate(cells[column] ?? null, { date1904: book.date1904 });
      if (date.ok && date.date && date.date <= settings.cutOff && (!latest || date.date > latest))
        latest = date.date;
    }
    if (latest) {
      settings.cutOff = latest;
      settings.cutOffGiven = true;
      settings.cutOffNote = `截止时间 ${latest}（文件未写明，取各行更新日期中最晚的一天）`;
    }
  }
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
