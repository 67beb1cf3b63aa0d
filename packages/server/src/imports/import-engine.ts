/**
 * The import run: one streaming pass over the sheet, in chunks of rows. Each row is
 * read (import-rows), matched to an existing project (same name; the investor's credit
 * code decides between namesakes) and planned as new / changed / unchanged with the
 * ledger entries that make the library say, as of the sheet's cut-off date, what the
 * sheet says. A preview stops there; a commit also writes each chunk, all inside the
 * caller's one transaction — any error anywhere and the caller rolls everything back.
 *
 * Memory stays bounded: rows are not kept, only the per-project match index, the
 * first items for display and the (capped) issue lists.
 */
import { sql } from 'kysely';
import { addDays, monthStart, toMonth } from '@landfall/domain/dates';
import { matchFocusIndustry } from '@landfall/domain/focus-industries';
import { activeStages, stageLabels, type ActiveStage, type Stage } from '@landfall/domain/stages';
import {
  MergedDownFiller,
  classifyRow,
  totalScope,
  type Cell,
  normaliseStageLabel,
} from '@landfall/domain/import/index';
import type { Ctx, Tx } from '../context.ts';
import type { ProjectRow } from '../db/schema.ts';
import { interpretRow, sectionLabel, type ImportRecord, type RowIssue } from './import-rows.ts';
import {
  changeLabels,
  fenText,
  ImportConflict,
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
import { fundsPlan } from './import-history.ts';
import { splitBySource } from './import-sources.ts';
import { UsdNotes } from './import-currency.ts';
import { ColumnScale, projectFigureWarnings, rowFigureWarnings } from './import-checks.ts';
import { projectPatch, updateEntries } from './import-plans.ts';
import { ImportReferences } from './import-refs.ts';
import {
  expansionsOf,
  judgeExpansion,
  noteExpansion,
  planExpansion,
  writeExpansion,
  type KnownExpansion,
} from './import-expansion.ts';
import { missingEvidence } from '@landfall/domain/evidence';
import { evidenceFacts } from '../projects/evidence-state.ts';
import { SubtotalChecker, checkSummarySheet, type UnitSheetSums } from './import-totals.ts';
import { ImportRun, capitalOf } from './import-run.ts';
import { matchChunk } from './import-match.ts';
import { planNewProject } from './import-new.ts';
import { emptyWrites, insertEntries, writeChunk } from './import-writes.ts';

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
    const never = new Set(
      sheet.mapping.filter((m) => m.field === 'name' || m.field === 'seq').map((m) => m.column),
    );
    const merged = new MergedDownFiller(sheet.merges, never);
    const totals = new SubtotalChecker({
      mapping: sheet.mapping,
      amountUnit: sheet.amountUnit,
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
      const kind = classifyRow(cells, sheet.mapping, { stageLabels: settings.stageLabels });
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
      checkSummarySheet(s.name, s.layout, s.amountUnit, rows, unitSums, isTotalLabel),
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

async function processChunk(run: ImportRun, records: ImportRecord[]) {
  const { db, sheet, settings, summary, known, refs, expansionIndex, figures, now } = run;
  const { matched, usable, expansions } = matchChunk(run, records);
  const existing = await loadExisting(
    db,
    [...new Set([...matched.values(), ...expansions.map((x) => x.projectId)])],
    sheet.cutOff,
  );

  const writes = emptyWrites();
  const { entries, links } = writes;

  for (const record of usable) {
    const rowRefs = await run.rowRefs(record);
    if (!rowRefs) continue;
    const { unitId, origin, capitalKind, source } = rowRefs;
    const existingId = matched.get(record);
    if (!existingId) {
      await planNewProject(run, record, rowRefs, writes);
      continue;
    }

    // An existing project: what differs from the sheet, as of its cut-off date.
    const state = existing.get(existingId)!;
    const before = state.row;
    // A project grown by expansions: the row states the project's own part (import-expansion.ts).
    const grown = expansionsOf(expansionIndex, existingId);
    const own = grown
      ? {
          ...record,
          agreedFen: record.agreedFen === null ? null : record.agreedFen + grown.agreedFen,
          fixedFen: record.fixedFen === null ? null : record.fixedFen + grown.fixedFen,
        }
      : record;
    const patch = projectPatch(own, before, {
      unitId,
      origin,
      tenantDivision: settings.tenantDivision,
      focusIndustryId: matchFocusIndustry(record.industryCode, known.focus)?.id ?? null,
    });
    const agreedAfter = Number(patch.agreed_investment_fen ?? before.agreed_investment_fen);
    const fixedAfter = Number(patch.fixed_asset_fen ?? before.fixed_asset_fen);
    if (fixedAfter > agreedAfter) {
      run.addIssues(
        [
          run.fieldIssue(
            record.row,
            'fixedAsset',
            String(fenText(fixedAfter)),
            '固定资产投资不能大于协议投资额（库中协议投资额较小）',
          ),
        ],
        'errors',
      );
      continue;
    }
    let enterprise: Awaited<ReturnType<ImportReferences['ensureEnterprise']>> | null = null;
    if (record.investor) {
      enterprise = await refs.ensureEnterprise(record.investor, capitalKind);
      if (enterprise.created) summary.enterprises.created += 1;
      if (enterprise.updated) summary.enterprises.updated += 1;
    }
    const newInvestor = enterprise && !state.investorIds.includes(enterprise.id);
    const stageChanged = record.stage !== null && record.stage !== before.stage;
    const newIndex = activeStages.indexOf(record.stage as ActiveStage);
    const oldIndex = activeStages.indexOf(before.stage as ActiveStage);
    if (stageChanged && newIndex >= 0 && oldIndex >= 0 && newIndex < oldIndex) {
      // Both active and the sheet says an earlier one: likely an old sheet; written, but said.
      run.addIssues(
        [
          run.fieldIssue(
            record.row,
            'stage',
            record.stageLabel ?? record.stage!,
            `项目阶段由「${stageLabels[before.stage]['zh-CN']}」退回「${stageLabels[record.stage!]['zh-CN']}」，请确认台账是否为最新`,
          ),
        ],
        'warnings',
      );
    }
    const progressText = {
      current: record.progress ?? '',
      problems: record.problems ?? '',
      nextSteps: record.nextSteps ?? '',
    };
    const hasProgress = Boolean(record.progress || record.problems || record.nextSteps);
    const progressChanged =
      hasProgress &&
      (!state.lastProgress ||
        state.lastProgress.current !== progressText.current ||
        state.lastProgress.problems !== progressText.problems ||
        state.lastProgress.nextSteps !== progressText.nextSteps);
    const fundsAt = grown ? (d: string) => state.fundsAt(d) - grown.fundsAt(d) : state.fundsAt;
    const plan = fundsPlan(record, sheet.cutOff, fundsAt, false);
    const funds = splitBySource(plan.entries, record.fundsBreakdown, source, capitalKind, false);
    const facts = {
      stage: record.stage ?? before.stage,
      stageBefore: before.stage_before ?? before.stage,
      signedOn: (patch.signed_on as string | undefined) ?? before.signed_on,
      agreedFen: agreedAfter,
    };
    run.addIssues(projectFigureWarnings(record, funds, facts, figures), 'warnings');
    if (plan.monthMismatch) {
      run.addIssues(
        [
          run.fieldIssue(
            record.row,
            'fundsMonth',
            fenText(record.fundsMonthFen ?? 0),
            `本月到位与库中记录不一致（按库中记录本月为 ${fenText(
              (record.fundsCumulativeFen ?? 0) - fundsAt(addDays(monthStart(toMonth(sheet.cutOff)), -1)),
            )}）；已按累计到位调整`,
          ),
        ],
        'warnings',
      );
    }
    const changes = [
      ...Object.keys(patch).filter((k) => changeLabels[k]),
      ...(newInvestor ? ['investor'] : []),
      ...(stageChanged ? ['stage'] : []),
      ...(progressChanged ? ['progress'] : []),
      ...(funds.length ? ['funds'] : []),
    ];
    if (!changes.length) {
      summary.projects.unchanged += 1;
      if (summary.items.length < MAX_ITEMS)
        run.pushItem({ row: record.row, name: record.name, outcome: 'unchanged', changes: [] });
      continue;
    }
    if (before.last_entry_on > sheet.cutOff) {
      run.addIssues(
        [
          run.fieldIssue(
            record.row,
            'name',
            record.name,
            `该项目在截止日期之后（${before.last_entry_on}）已有台账记录，不能用较早的台账更新`,
          ),
        ],
        'errors',
      );
      continue;
    }
    summary.projects.updated += 1;
    summary.fundingRecords += funds.length;
    if (summary.items.length < MAX_ITEMS) {
      run.pushItem({
        row: record.row,
        name: record.name,
        outcome: 'changed',
        changes: changes.map((c) => changeLabels[c]!),
      });
    }
    const fieldChanges = Object.keys(patch).length > 0 || newInvestor;
    const nextStage = stageChanged ? record.stage! : before.stage;
    const update = {
      ...patch,
      ...(stageChanged
        ? {
            stage: nextStage,
            stage_on: sheet.cutOff,
            stage_before:
              nextStage === 'paused' || nextStage === 'dropped'
                ? before.stage === 'paused' || before.stage === 'dropped'
                  ? before.stage_before
                  : before.stage
                : null,
          }
        : {}),
    } as Partial<ProjectRow>;
    // 待补证据: the sheet states the facts as they stand; what the stage still lacks is marked.
    update.evidence_missing = missingEvidence(evidenceFacts({ ...before, ...update }));
    const added = update.evidence_missing.filter((i) => !before.evidence_missing.includes(i));
    if (added.length) run.noteEvidence(record, nextStage, update.evidence_missing);
    if (!settings.commit) continue;
    const after = await db
      .updateTable('project')
      .set({
        ...(update as object),
        funds_in_place_fen: sql`funds_in_place_fen + ${funds.reduce((s, f) => s + f.amount, 0)}`,
        last_entry_on: sql`greatest(last_entry_on, ${sheet.cutOff}::date)`,
        updated_at: now,
        version: sql`version + 1`,
      })
      .where('id', '=', existingId)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst();
    if (!after) throw new ImportConflict(record.name);
    if (newInvestor) links.push({ project_id: existingId, enterprise_id: enterprise!.id });
    entries.push(
      ...updateEntries(record, before, after, patch, funds, {
        fieldChanges: Boolean(fieldChanges),
        stageTo: stageChanged ? nextStage : null,
        progress: progressChanged ? progressText : null,
        ec: { base: run.entryBase, payload: run.importPayload, cutOff: sheet.cutOff },
      }),
    );
  }

  for (const x of expansions) await mergeExpansion(run, x.record, existing.get(x.projectId)!.row, x.known);

  if (!settings.commit) return;
  await writeChunk(db, refs, writes);
}

/** 增资扩产: the row's increment and funds go to the project it grows (import-expansion.ts). */
async function mergeExpansion(
  run: ImportRun,
  record: ImportRecord,
  before: ProjectRow,
  merged: KnownExpansion | undefined,
) {
  const { db, sheet, settings, summary, expansionIndex, now } = run;
  const plan = planExpansion(record, merged, sheet.cutOff);
  const verdict = judgeExpansion(record, before, plan, sheet.cutOff);
  if (verdict.outcome === 'error')
    return run.addIssues(
      [run.fieldIssue(record.row, verdict.field, verdict.value, verdict.message)],
      'errors',
    );
  if (summary.items.length < MAX_ITEMS)
    summary.items.push({
      row: record.row,
      name: record.name,
      outcome: verdict.outcome,
      changes: verdict.changes,
    });
  if (verdict.outcome === 'unchanged') {
    summary.projects.unchanged += 1;
    return;
  }
  summary.projects.updated += 1;
  summary.fundingRecords += plan.funds.length;
  noteExpansion(expansionIndex, record, before.id, plan);
  if (!settings.commit) return;
  const place = record.investor?.place;
  const source = settings.places.fundingSource(place ?? { kind: 'empty' }, settings.tenantDivision);
  const ec = { base: run.entryBase, payload: run.importPayload, cutOff: sheet.cutOff, source, now };
  const written = await writeExpansion(db, record, before, plan, {
    ...ec,
    capitalKind: capitalOf(record, place),
  });
  // Written now, with the chunk's other entries (its project row already exists).
  await insertEntries(db, written);
}
