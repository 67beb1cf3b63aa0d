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
import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import { addDays, monthStart, toMonth } from '@landfall/domain/dates';
import { deriveRegion } from '@landfall/domain/regions';
import { matchFocusIndustry } from '@landfall/domain/focus-industries';
import { activeStages, type ActiveStage, type Stage } from '@landfall/domain/stages';
import type { AmountUnit } from '@landfall/domain/money';
import {
  classifyRow,
  importFieldLabels,
  normaliseStageLabel,
  type ColumnMapping,
  type ImportField,
} from '@landfall/domain/import/index';
import type { Ctx, Tx } from '../context.ts';
import type { EnterpriseTable, LedgerEntryTable, ProjectRow, ProjectTable } from '../db/schema.ts';
import { toProject } from '../projects/project.mapper.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { SheetRow } from './sheet-reader.ts';
import { columnLetter, interpretRow, sectionLabel, type ImportRecord, type RowIssue } from './import-rows.ts';
import type { PlaceResolver, PlaceResult } from './places.ts';

export const CHUNK_ROWS = 250;
export const MAX_ISSUES = 5000;
export const MAX_ITEMS = 1000;

export type Outcome = 'new' | 'changed' | 'unchanged' | 'error';

export interface SkippedRow {
  row: number;
  kind: 'section' | 'total' | 'note' | 'header';
  text: string;
}

export interface ImportSummary {
  cutOff: string;
  amountUnit: AmountUnit;
  rows: number;
  skipped: number;
  skippedRows: SkippedRow[];
  blankRows: number;
  projects: { created: number; updated: number; unchanged: number };
  enterprises: { created: number; updated: number };
  fundingRecords: number;
  newUnits: string[];
  unknownStages: string[];
  errorCount: number;
  errors: RowIssue[];
  warningCount: number;
  warnings: RowIssue[];
  items: { row: number; name: string; outcome: Outcome; changes: string[] }[];
}

export interface RunSettings {
  tenantId: string;
  tenantDivision: string;
  mapping: ColumnMapping[];
  dataStart: number;
  amountUnit: AmountUnit;
  stageLabels: Record<string, Stage>;
  cutOff: string;
  date1904: boolean;
  createUnits: boolean;
  defaultUnitId: string | null;
  importId: string;
  commit: boolean;
  places: PlaceResolver;
  /** Called now and then with the rows done and the fraction of the file read. */
  onProgress?: (rows: number) => void;
}

const changeLabels: Record<string, string> = {
  unit_id: '责任单位',
  industry_code: '所属行业',
  capital_kind: '内外资',
  project_kind: '项目性质',
  construction_content: '建设内容',
  agreed_investment_fen: '协议投资额',
  fixed_asset_fen: '固定资产投资',
  signed_on: '签约时间',
  agreement_kind: '签约类型',
  registered_on: '注册时间',
  planned_start_on: '计划开工时间',
  actual_start_on: '开工时间',
  planned_production_on: '计划投产时间',
  production_on: '投产时间',
  land_mu: '用地面积',
  leader_in_charge: '联系领导',
  contact_name: '联系人',
  contact_phone: '联系电话',
  origin_division_code: '投资方所在地',
  investor: '投资方',
  stage: '项目阶段',
  progress: '目前进展',
  funds: '到位资金',
};

/** 万元 text of fen, for messages. */
function fenText(fen: number | string | bigint) {
  return `${Number(fen) / 1_000_000}万元`;
}

/**
 * A fresh copy of a string. Strings cut from a parsed chunk can keep the whole chunk alive in
 * V8; the import's long-lived indexes hold copies, so memory stays at a few hundred bytes per
 * row instead of the file's size.
 */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function normaliseName(name: string) {
  return flat(name.replace(/\s+/g, '').toLowerCase());
}

interface KnownProject {
  id: string;
  name: string;
  codes: string[];
}

interface KnownEnterprise {
  id: string;
  name: string;
  credit_code: string | null;
  division_code: string | null;
  /** Created by this import (its row is inserted with the chunk). */
  createdHere?: boolean;
}

interface Known {
  units: Map<string, { id: string; group_id: string | null }>;
  projects: Map<string, KnownProject[]>;
  enterprisesByCode: Map<string, KnownEnterprise>;
  enterprisesByName: Map<string, KnownEnterprise>;
  focus: { id: string; codePrefixes: string[] }[];
  industries: { codes: Set<string>; byName: Map<string, string> };
}

async function loadKnown(db: Tx, tenantId: string): Promise<Known> {
  const units = await db
    .selectFrom('unit')
    .select(['id', 'name', 'group_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const projects = await sql<{ id: string; name: string; codes: string[] | null }>`
    select p.id, p.name, array_remove(array_agg(e.credit_code), null) as codes
    from project p
    left join project_enterprise pe on pe.project_id = p.id
    left join enterprise e on e.id = pe.enterprise_id
    where p.tenant_id = ${tenantId}
    group by p.id, p.name`.execute(db);
  const enterprises = await db
    .selectFrom('enterprise')
    .select(['id', 'name', 'credit_code', 'division_code'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const focus = await db
    .selectFrom('focus_industry')
    .select(['id', 'code_prefixes'])
    .where('tenant_id', '=', tenantId)
    .orderBy('sort_order')
    .execute();
  const industries = await db.selectFrom('industry').select(['code', 'name', 'level']).execute();
  const known: Known = {
    units: new Map(units.map((u) => [normaliseName(u.name), { id: u.id, group_id: u.group_id }])),
    projects: new Map(),
    enterprisesByCode: new Map(),
    enterprisesByName: new Map(),
    focus: focus.map((f) => ({ id: f.id, codePrefixes: f.code_prefixes })),
    industries: { codes: new Set(industries.map((i) => i.code)), byName: new Map() },
  };
  // Class-level names win over the group/division of the same name.
  const levelRank = { section: 0, division: 1, group: 2, class: 3 } as const;
  for (const i of [...industries].sort((a, b) => levelRank[a.level] - levelRank[b.level])) {
    known.industries.byName.set(i.name, i.code);
  }
  for (const p of projects.rows) {
    const key = normaliseName(p.name);
    const list = known.projects.get(key) ?? [];
    list.push({ id: p.id, name: p.name, codes: p.codes ?? [] });
    known.projects.set(key, list);
  }
  for (const e of enterprises) {
    if (e.credit_code) known.enterprisesByCode.set(e.credit_code, e);
    known.enterprisesByName.set(normaliseName(e.name), e);
  }
  return known;
}

function industryResolver(known: Known) {
  return (text: string): string | null => {
    const t = text.replace(/\s+/g, '');
    const code = /^([A-T](?:\d{2,4})?)/.exec(t)?.[1];
    if (code && known.industries.codes.has(code)) return code;
    const name = t.replace(/^[A-T]\d{0,4}/, '');
    return known.industries.byName.get(name) ?? null;
  };
}

/** Units named in the file: an existing one, or a name to create on confirmation. */
function unitKind(name: string): 'department' | 'town' | 'zone' | 'other' {
  if (/(镇|乡|街道|办事处)$/.test(name)) return 'town';
  if (/(园区|开发区|高新区|新区|产业园|管委会)/.test(name)) return 'zone';
  return 'department';
}

interface ExistingState {
  row: ProjectRow;
  fundsAt: (date: string) => number;
  lastProgress: { current: string; problems: string; nextSteps: string } | null;
  investorIds: string[];
}

async function loadExisting(db: Tx, ids: string[], cutOff: string): Promise<Map<string, ExistingState>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('project').selectAll().where('id', 'in', ids).execute();
  const funds = await db
    .selectFrom('ledger_entry')
    .select(['project_id', 'effective_on', 'amount_fen'])
    .where('project_id', 'in', ids)
    .where('amount_fen', 'is not', null)
    .execute();
  const progress = await sql<{ project_id: string; payload: Record<string, string> }>`
    select distinct on (project_id) project_id, payload from ledger_entry
    where project_id in (${sql.join(ids)}) and effective_on <= ${cutOff}
      and (kind = 'progress' or (kind = 'correction' and amount_fen is null))
    order by project_id, effective_on desc, id desc`.execute(db);
  const links = await db
    .selectFrom('project_enterprise')
    .select(['project_id', 'enterprise_id'])
    .where('project_id', 'in', ids)
    .execute();
  const out = new Map<string, ExistingState>();
  for (const row of rows) {
    const own = funds.filter((f) => f.project_id === row.id);
    const p = progress.rows.find((r) => r.project_id === row.id)?.payload;
    out.set(row.id, {
      row,
      fundsAt: (date) =>
        own.filter((f) => f.effective_on <= date).reduce((sum, f) => sum + Number(f.amount_fen), 0),
      lastProgress: p
        ? { current: p.current ?? '', problems: p.problems ?? '', nextSteps: p.nextSteps ?? '' }
        : null,
      investorIds: links.filter((l) => l.project_id === row.id).map((l) => l.enterprise_id),
    });
  }
  return out;
}

type EntryRow = Insertable<LedgerEntryTable>;

/**
 * Funds entries that bring the project's cumulative funds to the sheet's figures. A new
 * project's 本月到位 is dated at the cut-off and the rest at the end of the month before;
 * an existing project's earlier months are already in the ledger and are not rewritten:
 * one entry at the cut-off brings the cumulative figure to the sheet's, and a 本月到位 that
 * disagrees with the ledger is reported as a warning.
 */
function fundsPlan(
  record: ImportRecord,
  cutOff: string,
  enteredOn: string,
  current: (date: string) => number,
  isNew: boolean,
): { entries: { date: string; amount: number }[]; monthMismatch: boolean } {
  const prevMonthEnd = addDays(monthStart(toMonth(cutOff)), -1);
  const prevYearEnd = `${Number(cutOff.slice(0, 4)) - 1}-12-31`;
  let cumulative: number | null = null;
  if (record.fundsCumulativeFen !== null) cumulative = record.fundsCumulativeFen;
  else if (record.fundsYearFen !== null) cumulative = current(prevYearEnd) + record.fundsYearFen;
  if (cumulative === null) return { entries: [], monthMismatch: false };
  const entries: { date: string; amount: number }[] = [];
  if (isNew) {
    // Buckets: before this year, this year before this month, this month — as far as the sheet tells.
    const year = record.fundsYearFen;
    const month = record.fundsMonthFen;
    const bounds: { date: string; upTo: number | null }[] = [
      { date: prevYearEnd, upTo: year !== null ? cumulative - year : null },
      { date: prevMonthEnd, upTo: month !== null ? cumulative - month : null },
    ];
    let placed = 0;
    for (const b of bounds) {
      if (b.upTo === null || b.upTo - placed <= 0) continue;
      // Never before the project entered the library.
      const date = b.date < enteredOn ? enteredOn : b.date;
      if (date > cutOff) continue;
      entries.push({ date, amount: b.upTo - placed });
      placed = b.upTo;
    }
  }
  const atCutOff = current(cutOff) + entries.reduce((s, e) => s + e.amount, 0);
  if (cumulative !== atCutOff) entries.push({ date: cutOff, amount: cumulative - atCutOff });
  const monthMismatch =
    !isNew && record.fundsMonthFen !== null && cumulative - current(prevMonthEnd) !== record.fundsMonthFen;
  return { entries, monthMismatch };
}

/** The stage chain of a new project: its milestones in order, then the sheet's stage at the cut-off. */
function stageChain(
  record: ImportRecord,
  cutOff: string,
): { enteredOn: string; steps: { stage: Stage; on: string }[] } {
  const stage = record.stage!;
  const milestones: { stage: ActiveStage; on: string | null }[] = [
    { stage: 'signed', on: record.signedOn },
    { stage: 'settled', on: record.registeredOn },
    { stage: 'construction', on: record.actualStartOn },
    { stage: 'production', on: record.productionOn },
  ];
  const reached =
    stage === 'paused' || stage === 'dropped'
      ? milestones.filter((m) => m.on)
      : milestones.filter((m) => m.on && activeStages.indexOf(m.stage) <= activeStages.indexOf(stage));
  const steps: { stage: Stage; on: string }[] = [];
  let last = record.enteredOn ?? reached[0]?.on ?? cutOff;
  const enteredOn = last;
  if (!reached.length || (record.enteredOn && record.enteredOn < reached[0]!.on!)) {
    const first: Stage =
      stage === 'paused' || stage === 'dropped' || activeStages.indexOf(stage) >= 2
        ? reached.length
          ? 'negotiating'
          : stage
        : stage;
    steps.push({ stage: first, on: last });
  }
  for (const m of reached) {
    const on = m.on! < last ? last : m.on!;
    steps.push({ stage: m.stage, on });
    last = on;
  }
  if (steps.at(-1)!.stage !== stage) steps.push({ stage, on: cutOff < last ? last : cutOff });
  return { enteredOn, steps };
}

export class ImportHasErrors extends Error {
  constructor(readonly summary: ImportSummary) {
    super('import has errors');
  }
}

/** Runs the import over the rows; with `settings.commit` it writes through `db` (a transaction). */
export async function runImport(
  ctx: Ctx,
  db: Tx,
  rows: AsyncIterable<SheetRow>,
  settings: RunSettings,
): Promise<ImportSummary> {
  const known = await loadKnown(db, settings.tenantId);
  const industryCode = industryResolver(known);
  const summary: ImportSummary = {
    cutOff: settings.cutOff,
    amountUnit: settings.amountUnit,
    rows: 0,
    skipped: 0,
    skippedRows: [],
    blankRows: 0,
    projects: { created: 0, updated: 0, unchanged: 0 },
    enterprises: { created: 0, updated: 0 },
    fundingRecords: 0,
    newUnits: [],
    unknownStages: [],
    errorCount: 0,
    errors: [],
    warningCount: 0,
    warnings: [],
    items: [],
  };
  const addIssues = (list: RowIssue[], target: 'errors' | 'warnings') => {
    for (const i of list) {
      if (target === 'errors') summary.errorCount += 1;
      else summary.warningCount += 1;
      if (summary[target].length < MAX_ISSUES) summary[target].push(i);
    }
  };
  const fieldIssue = (row: number, field: ImportField, value: string, message: string): RowIssue => {
    const m = settings.mapping.find((c) => c.field === field);
    return {
      row,
      column: m?.header ?? importFieldLabels[field]['zh-CN'],
      cell: m ? `${columnLetter(m.column)}${row}` : '',
      value,
      message,
    };
  };
  const seen = new Map<string, { row: number; code: string }[]>();
  const newUnits = new Map<string, string>(); // normalised name → id (or '' before creation)
  const unknownStages = new Set<string>();
  let sectionStage: Stage | null = null;
  let sectionTitle: string | null = null;
  let chunk: ImportRecord[] = [];
  const now = ctx.clock.now();
  const actorId = ctx.actor?.id ?? null;
  const actorName = ctx.actor?.username ?? 'system';

  const flush = async () => {
    if (!chunk.length) return;
    const records = chunk;
    chunk = [];
    await processChunk(records);
    settings.onProgress?.(summary.rows);
  };

  const unitFor = (record: ImportRecord): { id: string | null; error?: string } => {
    if (!record.unitName) {
      if (settings.defaultUnitId) return { id: settings.defaultUnitId };
      return { id: null, error: '缺少责任单位（文件没有责任单位列时，请在导入设置中选择默认责任单位）' };
    }
    const key = normaliseName(record.unitName);
    const unit = known.units.get(key);
    if (unit) return { id: unit.id };
    if (!newUnits.has(key)) {
      newUnits.set(key, '');
      summary.newUnits.push(record.unitName);
    }
    if (!settings.createUnits) {
      return { id: null, error: `责任单位「${record.unitName}」不存在（确认导入时可一并创建）` };
    }
    return { id: newUnits.get(key) || null };
  };

  const ensureUnit = async (name: string): Promise<string> => {
    const key = normaliseName(name);
    const existing = known.units.get(key);
    if (existing) return existing.id;
    const created = await db
      .insertInto('unit')
      .values({ tenant_id: settings.tenantId, name, kind: unitKind(name), group_id: null, created_at: now })
      .returning(['id', 'group_id'])
      .executeTakeFirstOrThrow();
    known.units.set(key, created);
    newUnits.set(key, created.id);
    await recordAudit(db, ctx, {
      action: 'unit.create',
      recordType: 'unit',
      recordId: created.id,
      tenantId: settings.tenantId,
      after: { id: created.id, name, source: 'import', importId: settings.importId },
    });
    return created.id;
  };

  // New enterprises of the chunk, inserted together before the chunk's projects.
  const pendingEnterprises: Insertable<EnterpriseTable>[] = [];
  const ensureEnterprise = async (
    investor: NonNullable<ImportRecord['investor']>,
    capitalKind: 'domestic' | 'foreign',
  ): Promise<{ id: string; created: boolean; updated: boolean }> => {
    const byCode = investor.creditCode ? known.enterprisesByCode.get(investor.creditCode) : undefined;
    const byName = known.enterprisesByName.get(normaliseName(investor.name));
    const division = investor.place.kind === 'division' ? investor.place.code : null;
    const found = byCode ?? (byName && (!investor.creditCode || !byName.credit_code) ? byName : undefined);
    if (found) {
      if (found.createdHere) return { id: found.id, created: false, updated: false };
      const rename = found.name !== investor.name;
      const codeMissing = Boolean(investor.creditCode && !found.credit_code);
      const placeChange = Boolean(division && found.division_code !== division);
      if (settings.commit && (rename || codeMissing || placeChange)) {
        await db
          .updateTable('enterprise')
          .set({
            name: investor.name,
            ...(investor.creditCode ? { credit_code: investor.creditCode } : {}),
            ...(division ? { division_code: division } : {}),
            updated_at: now,
            version: sql`version + 1`,
          })
          .where('id', '=', found.id)
          .execute();
      }
      if (rename || codeMissing || placeChange) {
        found.name = flat(investor.name);
        if (investor.creditCode) found.credit_code = flat(investor.creditCode);
        if (division) found.division_code = division;
      }
      return { id: found.id, created: false, updated: rename || codeMissing || placeChange };
    }
    const id = randomUUID();
    if (settings.commit) {
      pendingEnterprises.push({
        id,
        tenant_id: settings.tenantId,
        name: investor.name,
        credit_code: investor.creditCode,
        division_code: division,
        capital_kind: capitalKind,
        industry_code: null,
        tags: [],
        is_local: division !== null && division.slice(0, 4) === settings.tenantDivision.slice(0, 4),
        unit_id: null,
        created_at: now,
        updated_at: now,
      });
    }
    const kept = {
      id,
      name: flat(investor.name),
      credit_code: investor.creditCode ? flat(investor.creditCode) : null,
      division_code: division,
      createdHere: true,
    };
    if (kept.credit_code) known.enterprisesByCode.set(kept.credit_code, kept);
    known.enterprisesByName.set(normaliseName(investor.name), kept);
    return { id, created: true, updated: false };
  };

  const entryBase = (projectId: string) => ({
    tenant_id: settings.tenantId,
    project_id: projectId,
    recorded_at: now,
    actor_id: actorId,
    actor_name: actorName,
  });
  const importPayload = (row: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ source: 'import', importId: settings.importId, row, ...extra });

  const capitalOf = (record: ImportRecord, place: PlaceResult | undefined) =>
    record.capitalKind ?? (place?.kind === 'abroad' ? 'foreign' : 'domestic');

  async function processChunk(records: ImportRecord[]) {
    // Match each record to an existing project, or none.
    const matched = new Map<ImportRecord, string>();
    const usable: ImportRecord[] = [];
    for (const record of records) {
      // The same project twice in the file: same name, and the same investor code or none given.
      const nameKey = normaliseName(record.name);
      const code = record.investor?.creditCode ?? '';
      const earlierRows = seen.get(nameKey);
      const earlier = earlierRows?.find((e) => !code || !e.code || e.code === code);
      if (earlier) {
        addIssues(
          [fieldIssue(record.row, 'name', record.name, `与第 ${earlier.row} 行是同一项目`)],
          'errors',
        );
        continue;
      }
      seen.set(nameKey, [...(earlierRows ?? []), { row: record.row, code: code ? flat(code) : '' }]);
      const candidates = known.projects.get(normaliseName(record.name)) ?? [];
      let match: KnownProject[] = candidates;
      if (candidates.length > 1 && record.investor?.creditCode) {
        match = candidates.filter((c) => c.codes.includes(record.investor!.creditCode!));
      }
      if (match.length > 1) {
        addIssues(
          [
            fieldIssue(
              record.row,
              'name',
              record.name,
              '库中有多个同名项目，请填写投资方统一社会信用代码以区分',
            ),
          ],
          'errors',
        );
        continue;
      }
      if (match.length === 1) matched.set(record, match[0]!.id);
      usable.push(record);
    }
    const existing = await loadExisting(db, [...new Set(matched.values())], settings.cutOff);

    const newProjects: Insertable<ProjectTable>[] = [];
    const entries: EntryRow[] = [];
    const links: { project_id: string; enterprise_id: string }[] = [];

    for (const record of usable) {
      const unit = unitFor(record);
      if (unit.error) {
        addIssues([fieldIssue(record.row, 'unit', record.unitName ?? '', unit.error)], 'errors');
        continue;
      }
      if (settings.commit && !unit.id && record.unitName) unit.id = await ensureUnit(record.unitName);
      const unitId = unit.id ?? '';
      const place = record.investor?.place;
      const origin = place?.kind === 'division' ? place.code : null;
      const capitalKind = capitalOf(record, place);
      const source = settings.places.fundingSource(place ?? { kind: 'empty' }, settings.tenantDivision);
      const existingId = matched.get(record);

      if (!existingId) {
        const { enteredOn, steps } = stageChain(record, settings.cutOff);
        const enterprise = record.investor ? await ensureEnterprise(record.investor, capitalKind) : null;
        if (enterprise?.created) summary.enterprises.created += 1;
        if (enterprise?.updated) summary.enterprises.updated += 1;
        const funds = fundsPlan(record, settings.cutOff, enteredOn, () => 0, true).entries;
        const last = steps.at(-1)!;
        const lastActive = [...steps].reverse().find((s) => s.stage !== 'paused' && s.stage !== 'dropped');
        const id = randomUUID();
        const agreed = record.agreedFen ?? 0;
        const industry = record.industryCode;
        const row = {
          id,
          tenant_id: settings.tenantId,
          unit_id: unitId,
          group_id: known.units.get(normaliseName(record.unitName ?? ''))?.group_id ?? null,
          name: record.name,
          stage: last.stage,
          stage_before:
            last.stage === 'paused' || last.stage === 'dropped'
              ? ((lastActive?.stage as ActiveStage | undefined) ?? 'negotiating')
              : null,
          stage_on: last.on,
          origin_division_code: origin,
          region: deriveRegion(origin, settings.tenantDivision),
          capital_kind: capitalKind,
          industry_code: industry,
          focus_industry_id: matchFocusIndustry(industry, known.focus)?.id ?? null,
          strategic_emerging: false,
          chain_node: null,
          construction_content: record.constructionContent ?? '',
          agreed_investment_fen: agreed,
          fixed_asset_fen: record.fixedFen ?? 0,
          agreement_kind: record.agreementKind,
          signed_on: record.signedOn,
          registered_on: record.registeredOn,
          local_credit_code: null,
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
          last_entry_on: [last.on, ...funds.map((f) => f.date)].sort().at(-1)!,
          created_at: now,
          updated_at: now,
        };
        if ((row.fixed_asset_fen ?? 0) > agreed) {
          addIssues(
            [
              fieldIssue(
                record.row,
                'fixedAsset',
                String(fenText(row.fixed_asset_fen)),
                '固定资产投资不能大于协议投资额',
              ),
            ],
            'errors',
          );
          continue;
        }
        const snapshot = JSON.stringify(toProject({ ...row, version: 1 } as ProjectRow));
        steps.forEach((step, index) => {
          entries.push({
            ...entryBase(id),
            kind: index === 0 ? 'created' : 'stage_move',
            effective_on: step.on,
            stage_to: step.stage,
            agreed_fen: index === 0 ? agreed : null,
            fixed_fen: index === 0 ? (record.fixedFen ?? 0) : null,
            snapshot: index === 0 ? snapshot : null,
            payload: importPayload(
              record.row,
              index === 0 ? { enterpriseIds: enterprise ? [enterprise.id] : [] } : { kind: 'import' },
            ),
          });
        });
        if (record.progress || record.problems || record.nextSteps) {
          entries.push({
            ...entryBase(id),
            kind: 'progress',
            effective_on: settings.cutOff < enteredOn ? enteredOn : settings.cutOff,
            payload: importPayload(record.row, {
              current: record.progress ?? '',
              problems: record.problems ?? '',
              nextSteps: record.nextSteps ?? '',
            }),
          });
        }
        for (const f of funds) {
          entries.push({
            ...entryBase(id),
            kind: 'funding',
            effective_on: f.date,
            amount_fen: f.amount,
            funding_source: source,
            capital_kind: capitalKind,
            payload: importPayload(record.row, { note: '导入台账' }),
          });
        }
        summary.fundingRecords += funds.length;
        newProjects.push(row);
        if (enterprise) links.push({ project_id: id, enterprise_id: enterprise.id });
        summary.projects.created += 1;
        if (summary.items.length < MAX_ITEMS)
          summary.items.push({ row: record.row, name: record.name, outcome: 'new', changes: [] });
        continue;
      }

      // An existing project: what differs from the sheet, as of its cut-off date.
      const state = existing.get(existingId)!;
      const before = state.row;
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
      set('unit_id', record.unitName ? unitId : null, p.has('unit'));
      set('industry_code', record.industryCode, p.has('industry'));
      set('capital_kind', record.capitalKind, p.has('capitalKind'));
      set('project_kind', record.projectKind, p.has('projectKind'));
      set('construction_content', record.constructionContent, p.has('constructionContent'));
      set('agreed_investment_fen', record.agreedFen, p.has('agreedInvestment'));
      set('fixed_asset_fen', record.fixedFen, p.has('fixedAsset'));
      set('signed_on', record.signedOn, p.has('signedOn'));
      set('agreement_kind', record.agreementKind, p.has('agreementKind'));
      set('registered_on', record.registeredOn, p.has('registeredOn'));
      set('planned_start_on', record.plannedStartOn, p.has('plannedStartOn'));
      set('actual_start_on', record.actualStartOn, p.has('actualStartOn'));
      set('planned_production_on', record.plannedProductionOn, p.has('plannedProductionOn'));
      set('production_on', record.productionOn, p.has('productionOn'));
      set('land_mu', record.landMu, p.has('landMu'));
      set('leader_in_charge', record.leaderInCharge, p.has('leaderInCharge'));
      set('contact_name', record.contactName, p.has('contactName'));
      set('contact_phone', record.contactPhone, p.has('contactPhone'));
      set('origin_division_code', origin, p.has('investorPlace'));
      if ('origin_division_code' in patch) patch.region = deriveRegion(origin, settings.tenantDivision);
      if ('industry_code' in patch)
        patch.focus_industry_id = matchFocusIndustry(record.industryCode, known.focus)?.id ?? null;
      const agreedAfter = Number(patch.agreed_investment_fen ?? before.agreed_investment_fen);
      const fixedAfter = Number(patch.fixed_asset_fen ?? before.fixed_asset_fen);
      if (fixedAfter > agreedAfter) {
        addIssues(
          [
            fieldIssue(
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
      let enterprise: Awaited<ReturnType<typeof ensureEnterprise>> | null = null;
      if (record.investor) {
        enterprise = await ensureEnterprise(record.investor, capitalKind);
        if (enterprise.created) summary.enterprises.created += 1;
        if (enterprise.updated) summary.enterprises.updated += 1;
      }
      const newInvestor = enterprise && !state.investorIds.includes(enterprise.id);
      const stageChanged = record.stage !== null && record.stage !== before.stage;
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
      const entered = await enteredOnOf(db, existingId);
      const plan = fundsPlan(record, settings.cutOff, entered, state.fundsAt, false);
      const funds = plan.entries;
      if (plan.monthMismatch) {
        addIssues(
          [
            fieldIssue(
              record.row,
              'fundsMonth',
              fenText(record.fundsMonthFen ?? 0),
              `本月到位与库中记录不一致（按库中记录本月为 ${fenText(
                (record.fundsCumulativeFen ?? 0) -
                  state.fundsAt(addDays(monthStart(toMonth(settings.cutOff)), -1)),
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
          summary.items.push({ row: record.row, name: record.name, outcome: 'unchanged', changes: [] });
        continue;
      }
      if (before.last_entry_on > settings.cutOff) {
        addIssues(
          [
            fieldIssue(
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
        summary.items.push({
          row: record.row,
          name: record.name,
          outcome: 'changed',
          changes: changes.map((c) => changeLabels[c]!),
        });
      }
      if (!settings.commit) continue;

      const fieldChanges = Object.keys(patch).length > 0 || newInvestor;
      const nextStage = stageChanged ? record.stage! : before.stage;
      const update = {
        ...patch,
        ...(stageChanged
          ? {
              stage: nextStage,
              stage_on: settings.cutOff,
              stage_before:
                nextStage === 'paused' || nextStage === 'dropped'
                  ? before.stage === 'paused' || before.stage === 'dropped'
                    ? before.stage_before
                    : before.stage
                  : null,
            }
          : {}),
      } as Partial<ProjectRow>;
      const after = await db
        .updateTable('project')
        .set({
          ...(update as object),
          funds_in_place_fen: sql`funds_in_place_fen + ${funds.reduce((s, f) => s + f.amount, 0)}`,
          last_entry_on: sql`greatest(last_entry_on, ${settings.cutOff}::date)`,
          updated_at: now,
          version: sql`version + 1`,
        })
        .where('id', '=', existingId)
        .where('version', '=', before.version)
        .returningAll()
        .executeTakeFirst();
      if (!after) throw new ImportConflict(record.name);
      if (newInvestor) links.push({ project_id: existingId, enterprise_id: enterprise!.id });
      if (fieldChanges) {
        entries.push({
          ...entryBase(existingId),
          kind: 'field_change',
          effective_on: settings.cutOff,
          agreed_fen: 'agreed_investment_fen' in patch ? after.agreed_investment_fen : null,
          fixed_fen:
            'fixed_asset_fen' in patch || 'agreed_investment_fen' in patch ? after.fixed_asset_fen : null,
          snapshot: JSON.stringify(toProject(after)),
          payload: importPayload(record.row, {
            changes: Object.fromEntries(
              Object.keys(patch).map((k) => [
                k,
                { from: before[k as keyof ProjectRow], to: patch[k as keyof ProjectRow] },
              ]),
            ),
          }),
        });
      }
      if (stageChanged) {
        entries.push({
          ...entryBase(existingId),
          kind: 'stage_move',
          effective_on: settings.cutOff,
          stage_to: nextStage,
          payload: importPayload(record.row, { kind: 'import', from: before.stage }),
        });
      }
      if (progressChanged) {
        entries.push({
          ...entryBase(existingId),
          kind: 'progress',
          effective_on: settings.cutOff,
          payload: importPayload(record.row, progressText),
        });
      }
      for (const f of funds) {
        entries.push({
          ...entryBase(existingId),
          kind: 'funding',
          effective_on: f.date,
          amount_fen: f.amount,
          funding_source: source,
          capital_kind: capitalKind,
          payload: importPayload(record.row, { note: f.amount < 0 ? '导入台账（调减）' : '导入台账' }),
        });
      }
    }

    if (!settings.commit) return;
    const enterprises = pendingEnterprises.splice(0, pendingEnterprises.length);
    for (let i = 0; i < enterprises.length; i += 500) {
      await db
        .insertInto('enterprise')
        .values(enterprises.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < newProjects.length; i += 200) {
      await db
        .insertInto('project')
        .values(newProjects.slice(i, i + 200))
        .execute();
    }
    for (let i = 0; i < links.length; i += 1000) {
      await db
        .insertInto('project_enterprise')
        .values(links.slice(i, i + 1000))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (let i = 0; i < entries.length; i += 500) {
      await db
        .insertInto('ledger_entry')
        .values(entries.slice(i, i + 500))
        .execute();
    }
  }

  for await (const { row, cells } of rows) {
    if (row < settings.dataStart) continue;
    const kind = classifyRow(cells, settings.mapping, { stageLabels: settings.stageLabels });
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
      if (summary.skippedRows.length < MAX_ITEMS)
        summary.skippedRows.push({ row, kind: kind.kind, text: skippedText });
      if (kind.kind === 'section') {
        sectionStage = kind.stage;
        sectionTitle = kind.title;
      }
      continue;
    }
    summary.rows += 1;
    if (summary.rows > 200_000) throw new Error('too many rows');
    const { record, errors, warnings } = interpretRow(row, cells, {
      mapping: settings.mapping,
      amountUnit: settings.amountUnit,
      stageLabels: settings.stageLabels,
      sectionStage,
      sectionTitle,
      cutOff: settings.cutOff,
      date1904: settings.date1904,
      places: settings.places,
      industryCode,
    });
    addIssues(errors, 'errors');
    addIssues(warnings, 'warnings');
    for (const e of errors) {
      if (e.message.startsWith('无法识别的项目阶段'))
        unknownStages.add(normaliseStageLabel(sectionLabel(e.value)));
    }
    if (record) chunk.push(record);
    if (chunk.length >= CHUNK_ROWS) await flush();
  }
  await flush();
  summary.unknownStages = [...unknownStages];
  summary.errors.sort((a, b) => a.row - b.row);
  if (settings.commit && summary.errorCount > 0) throw new ImportHasErrors(summary);
  return summary;
}

async function enteredOnOf(db: Tx, projectId: string) {
  const first = await db
    .selectFrom('ledger_entry')
    .select('effective_on')
    .where('project_id', '=', projectId)
    .where('kind', '=', 'created')
    .executeTakeFirst();
  return first?.effective_on ?? '1900-01-01';
}

export class ImportConflict extends Error {
  constructor(readonly projectName: string) {
    super(`project ${projectName} changed during the import`);
  }
}
