/**
 * What the import writes for one row (pure): the row of a new project, and the columns of an
 * existing project that the sheet changes — only columns the file has, and only non-empty cells
 * (an empty cell leaves a value alone).
 */
import type { Insertable } from 'kysely';
import { deriveRegion } from '@landfall/domain/regions';
import type { LedgerMoveKind, Stage } from '@landfall/domain/stages';
import type { LedgerEntryTable, ProjectRow } from '../db/schema.ts';
import { toProject } from '../projects/project.mapper.ts';
import type { ImportRecord } from './import-rows.ts';
import { missingEvidence } from '@landfall/domain/evidence';
import { evidenceFacts } from '../projects/evidence-state.ts';
import type { SourcedFunds } from './import-sources.ts';

type EntryRow = Insertable<LedgerEntryTable>;

/** What every entry of a row carries: who and when (base), the import and row (payload). */
export interface EntryContext {
  base: (
    projectId: string,
  ) => Pick<EntryRow, 'tenant_id' | 'project_id' | 'recorded_at' | 'actor_id' | 'actor_name'>;
  payload: (row: number, extra?: Record<string, unknown>) => string;
  cutOff: string;
}

/** A funds entry's source, capital kind, and what its payload adds: 我方/合作方, the USD figure it is part of. */
function fundsColumns(record: ImportRecord, f: SourcedFunds) {
  const original = record.originals[f.part];
  return {
    columns: { funding_source: f.source, capital_kind: f.capitalKind },
    payload: {
      ...(f.party ? { party: f.party } : {}),
      ...(original ? { original: { ...original, figure: f.part } } : {}),
    },
  };
}

/** The USD figures (协议投资额（万美元）…) among `fields`, for an entry's payload. */
function originalsOf(record: ImportRecord, fields: readonly ('agreedInvestment' | 'fixedAsset')[]) {
  const found = fields.filter((f) => record.originals[f]).map((f) => [f, record.originals[f]]);
  return found.length ? { originals: Object.fromEntries(found) } : {};
}

/**
 * A stage move as the ledger service writes it (`from`, `to`, `kind`, `evidence`); its kind is
 * `import`: the sheet's stage, taken as it stands rather than checked as a move.
 */
function stageMovePayload(from: Stage, to: Stage, on: string) {
  return { from, to, kind: 'import' satisfies LedgerMoveKind, evidence: { date: on } };
}

/**
 * The date of a row's progress entry: its own 更新日期 when the sheet has one, else the cut-off;
 * never before `notBefore` (the project's entry, or its latest entry already in the ledger).
 */
export function progressDate(record: ImportRecord, notBefore: string, cutOff: string): string {
  const on = record.updatedOn && record.updatedOn <= cutOff ? record.updatedOn : cutOff;
  return on < notBefore ? notBefore : on;
}

/** A new project's entries: 入库 and each stage on its date, the progress at the cut-off, the funds. */
export function newProjectEntries(
  record: ImportRecord,
  row: ProjectRow,
  steps: { stage: Stage; on: string }[],
  funds: SourcedFunds[],
  enteredOn: string,
  enterpriseId: string | null,
  ec: EntryContext,
): EntryRow[] {
  const entries: EntryRow[] = [];
  const snapshot = JSON.stringify(toProject({ ...row, version: 1 }));
  steps.forEach((step, index) => {
    entries.push({
      ...ec.base(row.id),
      kind: index === 0 ? 'created' : 'stage_move',
      effective_on: step.on,
      stage_to: step.stage,
      agreed_fen: index === 0 ? row.agreed_investment_fen : null,
      fixed_fen: index === 0 ? row.fixed_asset_fen : null,
      snapshot: index === 0 ? snapshot : null,
      payload: ec.payload(
        record.row,
        index === 0
          ? {
              enterpriseIds: enterpriseId ? [enterpriseId] : [],
              ...originalsOf(record, ['agreedInvestment', 'fixedAsset']),
            }
          : stageMovePayload(steps[index - 1]!.stage, step.stage, step.on),
      ),
    });
  });
  if (record.progress || record.problems || record.nextSteps) {
    entries.push({
      ...ec.base(row.id),
      kind: 'progress',
      effective_on: progressDate(record, enteredOn, ec.cutOff),
      payload: ec.payload(record.row, {
        current: record.progress ?? '',
        problems: record.problems ?? '',
        nextSteps: record.nextSteps ?? '',
      }),
    });
  }
  for (const f of funds) {
    const sourced = fundsColumns(record, f);
    entries.push({
      ...ec.base(row.id),
      kind: 'funding',
      effective_on: f.date,
      amount_fen: f.amount,
      ...sourced.columns,
      payload: ec.payload(record.row, {
        note: '导入台账',
        ...(f.undated ? { undated: true, arrivedBefore: f.undated.arrivedBefore } : {}),
        ...sourced.payload,
      }),
    });
  }
  return entries;
}

/** An existing project's entries at the cut-off: what changed (fields, stage, progress) and the funds to the sheet's figure. */
export function updateEntries(
  record: ImportRecord,
  before: ProjectRow,
  after: ProjectRow,
  patch: Partial<Record<keyof ProjectRow, unknown>>,
  funds: SourcedFunds[],
  what: {
    fieldChanges: boolean;
    stageTo: Stage | null;
    progress: { current: string; problems: string; nextSteps: string } | null;
    ec: EntryContext;
  },
): EntryRow[] {
  const { ec } = what;
  const entries: EntryRow[] = [];
  if (what.fieldChanges) {
    entries.push({
      ...ec.base(before.id),
      kind: 'field_change',
      effective_on: ec.cutOff,
      agreed_fen: 'agreed_investment_fen' in patch ? after.agreed_investment_fen : null,
      fixed_fen:
        'fixed_asset_fen' in patch || 'agreed_investment_fen' in patch ? after.fixed_asset_fen : null,
      snapshot: JSON.stringify(toProject(after)),
      payload: ec.payload(record.row, {
        changes: Object.fromEntries(
          Object.keys(patch).map((k) => [
            k,
            { from: before[k as keyof ProjectRow], to: patch[k as keyof ProjectRow] },
          ]),
        ),
        ...originalsOf(
          record,
          (['agreedInvestment', 'fixedAsset'] as const).filter((f) =>
            f === 'agreedInvestment' ? 'agreed_investment_fen' in patch : 'fixed_asset_fen' in patch,
          ),
        ),
      }),
    });
  }
  if (what.stageTo) {
    entries.push({
      ...ec.base(before.id),
      kind: 'stage_move',
      effective_on: ec.cutOff,
      stage_to: what.stageTo,
      payload: ec.payload(record.row, stageMovePayload(before.stage, what.stageTo, ec.cutOff)),
    });
  }
  if (what.progress) {
    entries.push({
      ...ec.base(before.id),
      kind: 'progress',
      effective_on: progressDate(record, before.last_entry_on, ec.cutOff),
      payload: ec.payload(record.row, what.progress),
    });
  }
  for (const f of funds) {
    const sourced = fundsColumns(record, f);
    entries.push({
      ...ec.base(before.id),
      kind: 'funding',
      effective_on: f.date,
      amount_fen: f.amount,
      ...sourced.columns,
      payload: ec.payload(record.row, {
        note: f.amount < 0 ? '导入台账（调减）' : '导入台账',
        ...sourced.payload,
      }),
    });
  }
  return entries;
}

export interface NewProjectRefs {
  id: string;
  tenantId: string;
  tenantDivision: string;
  unitId: string;
  groupId: string | null;
  origin: string | null;
  capitalKind: 'domestic' | 'foreign';
  focusIndustryId: string | null;
  now: Date;
  /** The sheet's cut-off (a progress entry without its own 更新日期 is dated on it). */
  cutOff: string;
  /** 报送审核 is on: the project waits for the coordination group's approval. */
  pendingReview?: boolean;
}

/** The project row of a new project: its stage and dates from the history, its funds total from the funds entries. */
export function newProjectRow(
  record: ImportRecord,
  steps: { stage: Stage; on: string }[],
  funds: { date: string; amount: number }[],
  refs: NewProjectRefs,
) {
  const last = steps.at(-1)!;
  const lastActive = [...steps].reverse().find((s) => s.stage !== 'paused' && s.stage !== 'dropped');
  const agreed = record.agreedFen ?? 0;
  const industry = record.industryCode;
  const { id, now, origin, capitalKind, unitId } = refs;
  const row = {
    id,
    tenant_id: refs.tenantId,
    unit_id: unitId,
    group_id: refs.groupId,
    name: record.name,
    stage: last.stage,
    stage_before:
      last.stage === 'paused' || last.stage === 'dropped'
        ? ((lastActive?.stage as Exclude<Stage, 'paused' | 'dropped'> | undefined) ?? 'negotiating')
        : null,
    stage_on: last.on,
    origin_division_code: origin,
    region: deriveRegion(origin, refs.tenantDivision),
    capital_kind: capitalKind,
    industry_code: industry,
    focus_industry_id: refs.focusIndustryId,
    strategic_emerging: false,
    chain_node: null,
    construction_content: record.constructionContent ?? '',
    agreed_investment_fen: agreed,
    fixed_asset_fen: record.fixedFen ?? 0,
    agreement_kind: record.agreementKind,
    signed_on: record.signedOn,
    registered_on: record.registeredOn,
    local_credit_code: record.localCreditCode,
    planned_start_on: record.plannedStartOn,
    actual_start_on: record.actualStartOn,
    planned_production_on: record.plannedProductionOn,
    production_on: record.productionOn,
    land_mu: record.landMu,
    referrer_enterprise_id: null,
    project_kind: record.projectKind ?? 'new',
    leader_in_charge: record.leaderInCharge ?? '',
    contact_name: record.contactName ?? '',
    contact_phone: record.contactPhone ?? '',
    sensitivity: 'normal' as const,
    lead_id: null,
    funds_in_place_fen: funds.reduce((s, f) => s + f.amount, 0),
    last_entry_on: [
      last.on,
      ...funds.map((f) => f.date),
      ...(record.progress || record.problems || record.nextSteps
        ? [progressDate(record, steps[0]?.on ?? last.on, refs.cutOff)]
        : []),
    ]
      .sort()
      .at(-1)!,
    review_status: refs.pendingReview ? ('pending' as const) : ('approved' as const),
    created_at: now,
    updated_at: now,
  };
  // 待补证据: the stage the sheet states, without the evidence its move would need.
  return { ...row, evidence_missing: missingEvidence(evidenceFacts(row)) as string[] };
}

/** The columns of an existing project the sheet changes (an empty cell or a missing column leaves a value alone). */
export function projectPatch(
  record: ImportRecord,
  before: ProjectRow,
  refs: { unitId: string; origin: string | null; tenantDivision: string; focusIndustryId: string | null },
): Partial<Record<keyof ProjectRow, unknown>> {
  const patch: Partial<Record<keyof ProjectRow, unknown>> = {};
  const set = (column: keyof ProjectRow, value: unknown, present: boolean) => {
    if (!present || value === null || value === undefined) return;
    const current = before[column];
    const same =
      column === 'land_mu'
        ? current !== null && Number(current) === Number(value)
        : typeof value === 'number'
          ? Number(current) === value
          : current === value;
    if (!same) patch[column] = value;
  };
  const p = record.present;
  set('unit_id', record.unitName ? refs.unitId : null, p.has('unit'));
  set('industry_code', record.industryCode, p.has('industry'));
  set('capital_kind', record.capitalKind, p.has('capitalKind'));
  set('project_kind', record.projectKind, p.has('projectKind'));
  set('construction_content', record.constructionContent, p.has('constructionContent'));
  set('agreed_investment_fen', record.agreedFen, p.has('agreedInvestment'));
  set('fixed_asset_fen', record.fixedFen, p.has('fixedAsset'));
  set('signed_on', record.signedOn, p.has('signedOn'));
  set('agreement_kind', record.agreementKind, p.has('agreementKind'));
  set('registered_on', record.registeredOn, p.has('registeredOn'));
  set('local_credit_code', record.localCreditCode, p.has('localCreditCode'));
  set('planned_start_on', record.plannedStartOn, p.has('plannedStartOn'));
  set('actual_start_on', record.actualStartOn, p.has('actualStartOn'));
  set('planned_production_on', record.plannedProductionOn, p.has('plannedProductionOn'));
  set('production_on', record.productionOn, p.has('productionOn'));
  set('land_mu', record.landMu, p.has('landMu'));
  set('leader_in_charge', record.leaderInCharge, p.has('leaderInCharge'));
  set('contact_name', record.contactName, p.has('contactName'));
  set('contact_phone', record.contactPhone, p.has('contactPhone'));
  set('origin_division_code', refs.origin, p.has('investorPlace'));
  if ('origin_division_code' in patch) patch.region = deriveRegion(refs.origin, refs.tenantDivision);
  if ('industry_code' in patch) patch.focus_industry_id = refs.focusIndustryId;
  return patch;
}
