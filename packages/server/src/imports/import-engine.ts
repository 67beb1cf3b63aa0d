/**
 * The import run: one streaming pass over the sheets, in chunks of rows. Each row is
 * read (import-rows), matched to an existing project (import-match: same name; the
 * investor's credit code decides between namesakes) and planned as new (import-new) or
 * changed / unchanged (import-update) with the ledger entries that make the library say,
 * as of the sheet's cut-off date, what the sheet says. A preview stops there; a commit
 * also writes each chunk (import-writes), all inside the caller's one transaction — any
 * error anywhere and the caller rolls everything back. The run's state is an ImportRun
 * (import-run).
 *
 * This file holds the sheet loop (rows classified, merged cells filled down, subtotals
 * checked, each sheet's outcome), the summary sheets' check, and a chunk's pass.
 *
 * Memory stays bounded: rows are not kept, only the per-project match index, the
 * first items for display and the (capped) issue lists.
 */
import type { Stage } from '@landfall/domain/stages';
import {
  MergedDownFiller,
  neverFilledColumns,
  classifyRow,
  totalScope,
  type Cell,
  normaliseStageLabel,
} from '@landfall/domain/import/index';
import type { Ctx, Tx } from '../context.ts';
import { interpretRow, sectionLabel, type ImportRecord, type RowIssue } from './import-rows.ts';
import {
  ImportHasErrors,
  MAX_ITEMS,
  CHUNK_ROWS,
  type ImportSummary,
  type RunSettings,
  type SheetOutcome,
  type SheetRun,
  type SummaryRun,
} from './import-types.ts';
import { loadExisting } from './import-index.ts';
import { UsdNotes } from './import-currency.ts';
import { ColumnScale, rowFigureWarnings } from './import-checks.ts';
import { SubtotalChecker, checkSummarySheet, type UnitSheetSums } from './import-totals.ts';
import { ImportRun } from './import-run.ts';
import { matchChunk } from './import-match.ts';
import { planNewProject } from './import-new.ts';
import { mergeExpansion, updateProject } from './import-update.ts';
import { emptyWrites, writeChunk } from './import-writes.ts';
import { placeImportEntries } from './import-closing.ts';

const isTotalLabel = (text: string) => totalScope(text) === 'all';

export type { ImportSummary } from './import-types.ts';
export { ImportConflict, ImportHasErrors } from './import-types.ts';

/**
 * Runs the import over the project sheets, one after another, then checks the summary sheets
 * against them; with `settings.commit` it writes through `db` (a transaction).
 */
export async function runImport(
  ctx: Ctx,
  db: Tx,
  sheets: readonly SheetRun[],
  settings: RunSettings,
  summaries: readonly SummaryRun[] = [],
): Promise<ImportSummary> {
  const run = await ImportRun.open(ctx, db, sheets, settings);
  const { summary, multiSheet, unknownStages, industryCode } = run;
  let chunk: ImportRecord[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    const records = chunk;
    chunk = [];
    await processChunk(run, records);
    settings.onProgress?.(summary.rows);
  };

  const unitSums: UnitSheetSums[] = [];
  const usd = new UsdNotes();
  for (const current of sheets) {
    await flush();
    run.useSheet(current);
    const sheet = current;
    const figures = run.figures;
    const scale = new ColumnScale(figures);
    let sectionStage: Stage | null = null;
    let sectionTitle: string | null = null;
    const never = neverFilledColumns(sheet.mapping);
    const merged = new MergedDownFiller(sheet.merges, never);
    const totals = new SubtotalChecker({
      mapping: sheet.mapping,
      amountUnit: sheet.amountUnit,
      usdRate: settings.usdRate ?? null,
      ...(multiSheet && sheet.name ? { sheet: sheet.name } : {}),
    });
    const outcome: SheetOutcome = {
      index: sheet.index,
      name: sheet.name,
      cutOff: sheet.cutOff,
      cutOffNote: sheet.cutOffNote,
      amountUnit: sheet.amountUnit,
      unitName: sheet.unitName,
      defaultStage: sheet.defaultStage,
      rows: 0,
      skipped: 0,
    };
    summary.sheets!.push(outcome);
    for await (const { row, cells: raw } of sheet.rows) {
      if (row < sheet.dataStart) continue;
      const cells = merged.empty ? raw : merged.fill(row, raw);
      // A blank row stays blank, even inside a column merged over its rows.
      const kind =
        cells !== raw &&
        classifyRow(raw, sheet.mapping, { stageLabels: settings.stageLabels }).kind === 'blank'
          ? ({ kind: 'blank' } as const)
          : classifyRow(cells, sheet.mapping, { stageLabels: settings.stageLabels });
      if (kind.kind === 'blank') {
        summary.blankRows += 1;
        continue;
      }
      if (kind.kind !== 'project') {
        const skippedText =
          kind.kind === 'section'
            ? kind.title
            : kind.kind === 'total'
              ? kind.label
              : kind.kind === 'note'
                ? kind.text
                : '表头';
        summary.skipped += 1;
        outcome.skipped += 1;
        if (summary.skippedRows.length < MAX_ITEMS)
          summary.skippedRows.push({
            row,
            kind: kind.kind,
            text: skippedText,
            ...(multiSheet && sheet.name ? { sheet: sheet.name } : {}),
          });
        if (kind.kind === 'section') {
          sectionStage = kind.stage;
          sectionTitle = kind.title;
          run.addIssues(totals.heading(), 'warnings');
        }
        if (kind.kind === 'total')
          run.addIssues(totals.total(row, kind.label, kind.scope, cells), 'warnings');
        continue;
      }
      summary.rows += 1;
      outcome.rows += 1;
      if (summary.rows > 200_000) throw new Error('too many rows');
      const { record, errors, warnings } = interpretRow(row, cells, {
        mapping: sheet.mapping,
        amountUnit: sheet.amountUnit,
        stageLabels: settings.stageLabels,
        sectionStage,
        sectionTitle,
        cutOff: sheet.cutOff,
        date1904: sheet.date1904,
        places: settings.places,
        industryCode,
        titleStage: sheet.defaultStage,
        usdRate: settings.usdRate ?? null,
      });
      if (record && !record.unitName && sheet.unitName) record.unitName = sheet.unitName;
      run.addIssues(errors, 'errors');
      run.addIssues(warnings, 'warnings');
      if (record)
        run.addIssues(
          [...rowFigureWarnings(record, sheet.cutOff, figures), ...scale.observe(record)],
          'warnings',
        );
      for (const e of errors) {
        if (e.message.startsWith('无法识别的项目阶段'))
          unknownStages.add(normaliseStageLabel(sectionLabel(e.value)));
      }
      if (record) {
        chunk.push(record);
        totals.project(record);
        usd.observe(record, sheet.mapping, multiSheet ? sheet.name : null);
      }
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    await flush();
    run.addIssues(scale.finish(), 'warnings');
    run.addIssues(totals.finish(), 'warnings');
    unitSums.push({
      sheet: sheet.name ?? '',
      names: [sheet.unitName, sheet.name].filter((n): n is string => Boolean(n)),
      sums: totals.all,
    });
  }
  for (const s of summaries) {
    const rows: { row: number; cells: Cell[] }[] = [];
    for await (const r of s.rows) {
      if (rows.length > 2000) break;
      rows.push(r);
    }
    run.addIssues(
      checkSummarySheet(
        s.name,
        s.layout,
        s.amountUnit,
        rows,
        unitSums,
        isTotalLabel,
        settings.usdRate ?? null,
      ),
      'warnings',
    );
  }
  const usdNote = usd.note(settings.usdRate);
  summary.warnings.unshift(...usdNote);
  summary.warningCount += usdNote.length;
  summary.unknownStages = [...unknownStages];
  const order = new Map(
    [...sheets.map((s) => s.name), ...summaries.map((s) => s.name)].map((name, i) => [name ?? '', i]),
  );
  const byPlace = (a: RowIssue, b: RowIssue) =>
    (order.get(a.sheet ?? '') ?? -1) - (order.get(b.sheet ?? '') ?? -1) || a.row - b.row;
  summary.errors.sort(byPlace);
  summary.warnings.sort(byPlace);
  if (settings.commit && summary.errorCount > 0) throw new ImportHasErrors(summary);
  return summary;
}

/**
 * One chunk of records: matched (import-match.ts), each planned as a new project (import-new.ts)
 * or an update of an existing one (import-update.ts), the expansions merged, then on commit the
 * chunk written in bulk (import-writes.ts).
 */
async function processChunk(run: ImportRun, records: ImportRecord[]) {
  const { db, sheet, settings, refs } = run;
  const { matched, usable, expansions } = matchChunk(run, records);
  const existing = await loadExisting(
    db,
    [...new Set([...matched.values(), ...expansions.map((x) => x.projectId)])],
    sheet.cutOff,
  );
  const writes = emptyWrites();
  for (const record of usable) {
    const rowRefs = await run.rowRefs(record);
    if (!rowRefs) continue;
    const existingId = matched.get(record);
    if (existingId) await updateProject(run, record, existingId, existing.get(existingId)!, rowRefs, writes);
    else await planNewProject(run, record, rowRefs, writes);
  }
  for (const x of expansions) await mergeExpansion(run, x.record, existing.get(x.projectId)!.row, x.known);
  // 封账: entries dated in a closed month are row errors, or 补录 in the next open month.
  await placeImportEntries(run, writes.entries);
  if (!settings.commit) return;
  await writeChunk(db, refs, writes);
}
