/**
 * A row that matches no project: the NEW project planned — its row, the stage chain and dated
 * funds that make the ledger say, as of the sheet's cut-off, what the sheet says — and handed
 * to the chunk's bulk writes (import-writes.ts) with its investor link and entries.
 */
import { randomUUID } from 'node:crypto';
import { matchFocusIndustry } from '@landfall/domain/focus-industries';
import type { ProjectRow } from '../db/schema.ts';
import type { ImportRecord } from './import-rows.ts';
import { fenText, MAX_ITEMS } from './import-types.ts';
import { normaliseName } from './import-index.ts';
import { fundsPlan, stageChain } from './import-history.ts';
import { splitBySource } from './import-sources.ts';
import { capitalSourceWarning, fundsBeforeSigningErrors, projectFigureWarnings } from './import-checks.ts';
import { newProjectEntries, newProjectRow } from './import-plans.ts';
import type { ImportRun, RowRefs } from './import-run.ts';
import type { ChunkWrites } from './import-writes.ts';

/** Plans a new project for `record`; counted in the summary, and collected in `writes` (or its error). */
export async function planNewProject(
  run: ImportRun,
  record: ImportRecord,
  refs: RowRefs,
  writes: ChunkWrites,
) {
  const { sheet, settings, summary, known, figures, now, pendingReview } = run;
  const { unitId, origin, capitalKind, source } = refs;
  const { enteredOn, steps } = stageChain(record, sheet.cutOff);
  const enterprise = record.investor ? await run.refs.ensureEnterprise(record.investor, capitalKind) : null;
  if (enterprise?.created) summary.enterprises.created += 1;
  if (enterprise?.updated) summary.enterprises.updated += 1;
  const planned = fundsPlan(record, sheet.cutOff, () => 0, true).entries;
  const funds = splitBySource(planned, record.fundsBreakdown, source, capitalKind, true);
  const id = randomUUID();
  const agreed = record.agreedFen ?? 0;
  const row = newProjectRow(record, steps, funds, {
    id,
    tenantId: settings.tenantId,
    tenantDivision: settings.tenantDivision,
    unitId,
    groupId: known.units.get(normaliseName(record.unitName ?? ''))?.group_id ?? null,
    origin,
    capitalKind,
    focusIndustryId: matchFocusIndustry(record.industryCode, known.focus)?.id ?? null,
    now,
    cutOff: sheet.cutOff,
    pendingReview,
  });
  if ((row.fixed_asset_fen ?? 0) > agreed) {
    run.addIssues(
      [
        run.fieldIssue(
          record.row,
          'fixedAsset',
          String(fenText(row.fixed_asset_fen)),
          '固定资产投资不能大于协议投资额',
        ),
      ],
      'errors',
    );
    return;
  }
  run.addIssues(
    projectFigureWarnings(
      record,
      funds,
      { stage: row.stage, stageBefore: row.stage_before, signedOn: row.signed_on, agreedFen: agreed },
      figures,
    ),
    'warnings',
  );
  run.addIssues(fundsBeforeSigningErrors(record, funds, row.signed_on ?? null, figures), 'errors');
  const capitalWarning = capitalSourceWarning(record.capitalKind, funds, figures);
  if (capitalWarning) {
    const stated = record.capitalKind === 'foreign' ? '外资' : '内资';
    run.addIssues([run.fieldIssue(record.row, 'capitalKind', stated, capitalWarning)], 'warnings');
  }
  writes.entries.push(
    ...newProjectEntries(
      record,
      row as ProjectRow,
      steps,
      funds,
      enteredOn,
      enterprise?.id ?? null,
      run.entryContext(),
    ),
  );
  if (row.evidence_missing.length) run.noteEvidence(record, row.stage, row.evidence_missing);
  if (pendingReview) summary.projects.pendingReview = (summary.projects.pendingReview ?? 0) + 1;
  summary.fundingRecords += funds.length;
  writes.newProjects.push(row);
  if (enterprise) writes.links.push({ project_id: id, enterprise_id: enterprise.id });
  summary.projects.created += 1;
  if (summary.items.length < MAX_ITEMS)
    run.pushItem({ row: record.row, name: record.name, outcome: 'new', changes: [] });
}
