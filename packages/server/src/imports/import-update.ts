/**
 * A row that matches an EXISTING project: what differs from the sheet as of its cut-off date
 * (fields, investor, stage, progress, funds not yet in the ledger) planned as changed or
 * unchanged and, on commit, written — the project updated at its version (else ImportConflict)
 * and its entries handed to the chunk's bulk writes. Also 增资扩产 rows merged into the project
 * they grow (import-expansion.ts), written at once.
 */
import { sql } from 'kysely';
import { addDays, monthStart, toMonth } from '@landfall/domain/dates';
import { matchFocusIndustry } from '@landfall/domain/focus-industries';
import { activeStages, stageLabels, type ActiveStage } from '@landfall/domain/stages';
import { missingEvidence } from '@landfall/domain/evidence';
import type { ProjectRow } from '../db/schema.ts';
import { evidenceFacts } from '../projects/evidence-state.ts';
import type { ImportRecord } from './import-rows.ts';
import { changeLabels, fenText, ImportConflict, MAX_ITEMS } from './import-types.ts';
import type { ExistingState } from './import-index.ts';
import { fundsPlan } from './import-history.ts';
import { splitBySource } from './import-sources.ts';
import { capitalSourceWarning, fundsBeforeSigningErrors, projectFigureWarnings } from './import-checks.ts';
import { projectPatch, updateEntries } from './import-plans.ts';
import type { ImportReferences } from './import-refs.ts';
import {
  expansionsOf,
  judgeExpansion,
  noteExpansion,
  planExpansion,
  writeExpansion,
  type KnownExpansion,
} from './import-expansion.ts';
import { capitalOf, type ImportRun, type RowRefs } from './import-run.ts';
import { insertEntries, type ChunkWrites } from './import-writes.ts';
import { placeImportEntries } from './import-closing.ts';

/** Plans the update of an existing project for `record` and, on commit, writes it (or its error). */
export async function updateProject(
  run: ImportRun,
  record: ImportRecord,
  existingId: string,
  state: ExistingState,
  refs: RowRefs,
  writes: ChunkWrites,
) {
  const { db, sheet, settings, summary, known, expansionIndex, figures, now } = run;
  const { unitId, origin, capitalKind, source } = refs;
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
    return;
  }
  let enterprise: Awaited<ReturnType<ImportReferences['ensureEnterprise']>> | null = null;
  if (record.investor) {
    enterprise = await run.refs.ensureEnterprise(record.investor, capitalKind);
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
  run.addIssues(fundsBeforeSigningErrors(record, funds, facts.signedOn, figures), 'errors');
  const capitalWarning = capitalSourceWarning(record.capitalKind, funds, figures);
  if (capitalWarning) {
    const stated = record.capitalKind === 'foreign' ? '外资' : '内资';
    run.addIssues([run.fieldIssue(record.row, 'capitalKind', stated, capitalWarning)], 'warnings');
  }
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
    return;
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
    return;
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
  if (!settings.commit) return;
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
  if (newInvestor) writes.links.push({ project_id: existingId, enterprise_id: enterprise!.id });
  writes.entries.push(
    ...updateEntries(record, before, after, patch, funds, {
      fieldChanges: Boolean(fieldChanges),
      stageTo: stageChanged ? nextStage : null,
      progress: progressChanged ? progressText : null,
      ec: { base: run.entryBase, payload: run.importPayload, cutOff: sheet.cutOff },
    }),
  );
}

/** 增资扩产: the row's increment and funds go to the project it grows (import-expansion.ts). */
export async function mergeExpansion(
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
  run.pushItem({ row: record.row, name: record.name, outcome: verdict.outcome, changes: verdict.changes });
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
  await insertEntries(db, await placeImportEntries(run, written));
}
