/**
 * `landfall import FILE` and `landfall export ledger|monthly`: the Excel door from a
 * terminal, through the same API as the web (upload, preview or commit, progress polled
 * while the server works; downloads written to --out).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Env } from '../env.ts';
import { CliError, expectOk, type Connection } from './connection.ts';
import { findTenantId, withConnection } from './commands.ts';
import { importProgress } from '../imports/import.service.ts';
import type { StoredLayout } from '../imports/import-batch.ts';
import type { SheetOutcome } from '../imports/import-types.ts';
import type { ImportOptionsInput } from '@landfall/domain/schemas/import';
import {
  columnsFor,
  includedSheets,
  layoutSheets,
  parseAmountUnit,
  parseStage,
  parseStageLabels,
  parseUsdRate,
  readMappingFile,
  sheetChoices,
  type MappingInput,
} from './import-options.ts';
import { describeLayout, layoutText } from './import-layout.ts';

interface Issue {
  row: number;
  column: string;
  cell: string;
  value: string;
  message: string;
  sheet?: string;
}
interface Summary {
  entries?: 'baseline' | 'late';
  newDistricts?: string[];
  districts?: unknown[];
  cutOff: string;
  rows: number;
  skipped: number;
  skippedRows: { row: number; kind: string; text: string }[];
  projects: { created: number; updated: number; unchanged: number };
  enterprises: { created: number; updated: number };
  fundingRecords: number;
  newUnits: string[];
  unknownStages: string[];
  errorCount: number;
  errors: Issue[];
  warningCount: number;
  warnings: Issue[];
  items: { row: number; name: string; outcome: string; changes: string[]; sheet?: string }[];
  sheets?: SheetOutcome[];
}
interface Progress {
  phase: string;
  rows: number;
  fraction: number;
  totalRows: number | null;
}

function progressLine(p: Progress) {
  const percent = Math.round(
    100 * (p.totalRows ? Math.min(1, p.rows / p.totalRows) : Math.min(1, p.fraction)),
  );
  return `${p.phase === 'commit' ? '导入' : '检查'}中 / ${p.phase}: ${p.rows} 行 rows, ${percent}%`;
}

/**
 * Runs a preview or commit and shows its progress on stderr: over HTTP from the NDJSON
 * stream the server sends; in-process from the import's progress in this process.
 */
async function runWithProgress(c: Connection, id: string, path: string, body: unknown, quiet: boolean) {
  const tty = process.stderr.isTTY;
  const show = (p: Progress) => {
    if (!quiet) process.stderr.write(tty ? `\r${progressLine(p)}   ` : `${progressLine(p)}\n`);
  };
  let outcome: { status: number; body: unknown } | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (c.mode === 'local') {
    let last = '';
    timer = setInterval(() => {
      const p = importProgress(id);
      const line = p ? progressLine(p) : '';
      if (p && line !== last) show(p);
      last = line;
    }, 1000);
  }
  try {
    await c.stream(path, body, (line) => {
      const l = line as { progress?: Progress; status?: number; body?: unknown };
      if (l.progress) {
        if (c.mode === 'remote') show(l.progress);
      } else if (typeof l.status === 'number') outcome = { status: l.status, body: l.body };
    });
  } finally {
    if (timer) clearInterval(timer);
    if (tty && !quiet) process.stderr.write('\n');
  }
  if (!outcome) throw new CliError('服务器未返回结果 / the server gave no answer');
  return outcome;
}

function report(summary: Summary) {
  // Each issue by its place: the sheet (in a workbook of several), the row, the cell.
  const issue = (e: Summary['errors'][number]) => ({
    ...(e.sheet ? { sheet: e.sheet } : {}),
    row: e.row,
    cell: e.cell,
    column: e.column,
    value: e.value,
    message: e.message,
  });
  return {
    rows: summary.rows,
    skipped: summary.skipped,
    projects: summary.projects,
    fundingRecords: summary.fundingRecords,
    errors: summary.errors.map(issue),
    errorCount: summary.errorCount,
    cutOff: summary.cutOff,
    /** 基线 (known on the file's dates) or 补录 (known now). */
    entries: summary.entries ?? null,
    enterprises: summary.enterprises,
    newUnits: summary.newUnits,
    ...(summary.newDistricts ? { newDistricts: summary.newDistricts, districts: summary.districts } : {}),
    unknownStages: summary.unknownStages,
    skippedRows: summary.skippedRows,
    warnings: summary.warnings.map(issue),
    warningCount: summary.warningCount,
    items: summary.items,
  };
}

function text(summary: Summary, committed: boolean, dryRun: boolean) {
  const lines = [
    `截止日期 cut-off ${summary.cutOff}；项目行 rows ${summary.rows}，跳过 skipped ${summary.skipped}`,
    `项目 projects: 新增 created ${summary.projects.created}，更新 updated ${summary.projects.updated}，未变 unchanged ${summary.projects.unchanged}；到位资金记录 funding records ${summary.fundingRecords}`,
  ];
  if (summary.entries === 'baseline')
    lines.push('登记方式：基线，按台账中的日期计入 / baseline: entries known on their own dates');
  if (summary.entries === 'late')
    lines.push('登记方式：补录，按导入时登记，下期简报列为补录 / late: entries known now');
  if (summary.newUnits.length) lines.push(`新责任单位 new units: ${summary.newUnits.join('、')}`);
  for (const e of summary.errors.slice(0, 50)) {
    lines.push(
      `  第 ${e.row} 行 row ${e.row}${e.cell ? ` (${e.cell})` : ''} ${e.column}「${e.value}」: ${e.message}`,
    );
  }
  if (summary.errorCount > 50)
    lines.push(`  …共 ${summary.errorCount} 处错误 / ${summary.errorCount} errors in all`);
  if (summary.warningCount) lines.push(`提示 warnings: ${summary.warningCount}`);
  if (committed) lines.push('已导入 / committed.');
  else if (dryRun)
    lines.push(
      summary.errorCount ? '有错误，未导入 / errors found' : '检查通过，未写入 / dry run: nothing written',
    );
  else lines.push('有错误，未导入任何数据 / errors stopped the import: nothing was written');
  return lines.join('\n');
}

export interface ImportCommandOptions {
  dryRun: boolean;
  json: boolean;
  createUnits: boolean;
  cutOff?: string;
  tenant?: string;
  quiet?: boolean;
  sheets?: string[];
  unit?: string;
  stage?: string;
  stageLabels?: string[];
  mapping?: string;
  amountUnit?: string;
  usdRate?: string;
  /** --baseline / --late: how the file's entries are known (default: the server's). */
  entries?: 'baseline' | 'late';
}

/** The unit named by --unit, among the tenant's; an unknown name is refused with the ones there are. */
async function findUnit(c: Connection, tenantId: string, name: string) {
  const units = expectOk(await c.request('GET', `/api/units?tenantId=${tenantId}`)) as {
    id: string;
    name: string;
  }[];
  const unit =
    units.find((u) => u.name === name) ??
    units.find((u) => u.name.replace(/\s+/g, '') === name.replace(/\s+/g, ''));
  if (unit) return unit;
  const known = units.length ? units.map((u) => u.name).join('、') : '（尚无责任单位 / none yet）';
  throw new CliError(
    `责任单位「${name}」不存在，现有：${known}。--unit 只接受已有的单位（文件中的新单位可用 --create-units 创建）/ no such unit: ${name}`,
  );
}

/** --mapping applies to the sheets sharing the first project sheet's header (as the web's mapping screen). */
function mappedColumns(layout: StoredLayout, sheets: ImportOptionsInput['sheets'], mapping: MappingInput) {
  const primary = layoutSheets(layout).find((s) => s.kind === 'projects' && s.signature === layout.signature);
  const included = includedSheets(layout, sheets);
  if (!primary || !included.some((s) => s.signature === layout.signature)) {
    const name = primary?.name ?? '';
    throw new CliError(
      `--mapping 按第一个项目表「${name}」的表头解释，所选工作表都不是这种表头 / --mapping follows the header of sheet ${name}; no chosen sheet has it`,
    );
  }
  const others = included.filter((s) => s.signature !== layout.signature);
  if (others.length)
    process.stderr.write(
      `提示：工作表 ${others.map((s) => `「${s.name ?? ''}」`).join('、')} 表头不同，按自动识别的映射导入 / these sheets keep their own mapping\n`,
    );
  return columnsFor(primary, mapping);
}

export async function importCommand(env: Env, file: string, opts: ImportCommandOptions) {
  // What needs no file is checked before the upload.
  const defaultStage = opts.stage ? parseStage(opts.stage, '--stage') : undefined;
  const stageLabels = opts.stageLabels?.length ? parseStageLabels(opts.stageLabels) : undefined;
  const amountUnit = opts.amountUnit ? parseAmountUnit(opts.amountUnit) : undefined;
  const usdRate = opts.usdRate ? parseUsdRate(opts.usdRate) : undefined;
  const mapping = opts.mapping ? await readMappingFile(opts.mapping) : undefined;
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new CliError(`无法读取文件 / cannot read ${file}`);
  }
  await withConnection(env, async (c) => {
    const tenantId = await findTenantId(c, opts.tenant);
    const unit = opts.unit ? await findUnit(c, tenantId, opts.unit) : undefined;
    const query = new URLSearchParams({ filename: basename(file), tenantId });
    const batch = expectOk(await c.upload(`/api/imports?${query}`, bytes)) as {
      id: string;
      layout: StoredLayout;
    };
    const sheets = sheetChoices(batch.layout, opts.sheets ?? []);
    const columns = mapping ? mappedColumns(batch.layout, sheets, mapping) : undefined;
    const body = {
      createUnits: opts.createUnits,
      ...(opts.cutOff ? { cutOff: opts.cutOff } : {}),
      ...(amountUnit ? { amountUnit } : {}),
      ...(stageLabels ? { stageLabels } : {}),
      ...(defaultStage ? { defaultStage } : {}),
      ...(unit ? { defaultUnitId: unit.id } : {}),
      ...(sheets ? { sheets } : {}),
      ...(columns ? { columns } : {}),
      ...(usdRate ? { usdRate } : {}),
      ...(opts.entries ? { entries: opts.entries } : {}),
    };
    const path = `/api/imports/${batch.id}/${opts.dryRun ? 'preview' : 'commit'}`;
    const res = await runWithProgress(c, batch.id, path, body, !!opts.quiet);
    const details = (res.body as { error?: { details?: { summary?: Summary } } })?.error?.details;
    if (res.status >= 400 && !details?.summary) expectOk(res);
    const summary = (details?.summary ?? (res.body as { summary: Summary }).summary) as Summary;
    if (!opts.quiet) {
      const phase = opts.dryRun ? 'preview' : 'commit';
      process.stderr.write(
        `${progressLine({ phase, rows: summary.rows, fraction: 1, totalRows: summary.rows })}\n`,
      );
    }
    const committed = !opts.dryRun && res.status < 300;
    const layout = opts.dryRun
      ? describeLayout(
          batch.layout,
          {
            sheets,
            columns,
            cutOff: opts.cutOff,
            amountUnit,
            defaultStage,
            defaultUnit: unit && { id: unit.id, name: unit.name },
            stageLabels,
            usdRate,
          },
          summary.sheets,
        )
      : undefined;
    const out = { id: batch.id, committed, ...(layout ? { layout } : {}), ...report(summary) };
    const shown = opts.json
      ? JSON.stringify(out, null, 2)
      : [...(layout ? [layoutText(layout)] : []), text(summary, committed, opts.dryRun)].join('\n');
    console.log(shown);
    if (summary.errorCount > 0) process.exitCode = 1;
  });
}

async function save(c: Connection, url: string, out: string) {
  const res = await c.download(url);
  if (res.status >= 300) expectOk({ status: res.status, body: res.body });
  await writeFile(out, res.bytes);
  return res.bytes.length;
}

export async function exportLedgerCommand(
  env: Env,
  opts: { out: string; asOf?: string; knownOn?: string; tenant?: string; json: boolean },
) {
  await withConnection(env, async (c) => {
    process.stderr.write('正在导出推进台账… / exporting the ledger…\n');
    const params = new URLSearchParams();
    if (opts.asOf) params.set('asOf', opts.asOf);
    if (opts.knownOn) params.set('knownOn', opts.knownOn);
    if (opts.tenant) params.set('tenantId', await findTenantId(c, opts.tenant));
    const bytes = await save(c, `/api/exports/ledger.xlsx?${params}`, opts.out);
    const data = { out: opts.out, bytes };
    console.log(opts.json ? JSON.stringify(data) : `已写入 / written: ${opts.out} (${bytes} bytes)`);
  });
}

export async function exportMonthlyCommand(
  env: Env,
  opts: { out: string; month: string; knownOn?: string; tenant?: string; json: boolean },
) {
  await withConnection(env, async (c) => {
    process.stderr.write('正在导出月度统计表… / exporting the monthly statistics…\n');
    const params = new URLSearchParams({ month: opts.month });
    if (opts.knownOn) params.set('knownOn', opts.knownOn);
    if (opts.tenant) params.set('tenantId', await findTenantId(c, opts.tenant));
    const bytes = await save(c, `/api/exports/monthly.xlsx?${params}`, opts.out);
    const data = { out: opts.out, bytes };
    console.log(opts.json ? JSON.stringify(data) : `已写入 / written: ${opts.out} (${bytes} bytes)`);
  });
}
