/**
 * 增资/扩产: a row for an expansion (项目性质 扩建/增资, or 增资/扩产/扩建/技改/二期… in its name or
 * remarks) whose investor's credit code is that of exactly one project in the library, and whose
 * name names no project, is that project growing — not a second project. Its 协议投资额 (and 固定资产
 * 投资) are the increment: added to the project's agreed investment by a field_change entry at the
 * cut-off that names the expansion (`payload.expansion`); its funds are the project's too, dated as a
 * new project's would be and marked with the expansion's name.
 *
 * A later snapshot naming the same expansion finds it by that name in the ledger and writes only what
 * differs from what was recorded for it (the increment again is not added twice). Several projects with
 * the investor's code: a warning, and the row is a new project.
 */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../context.ts';
import type { LedgerEntryTable, ProjectRow } from '../db/schema.ts';
import { toProject } from '../projects/project.mapper.ts';
import type { ImportRecord } from './import-rows.ts';
import { fundsPlan, type PlannedFunds } from './import-history.ts';
import { normaliseName, type KnownProject } from './import-index.ts';
import type { EntryContext } from './import-plans.ts';
import { changeLabels, fenText } from './import-types.ts';

const expansionWords = /增资|扩产|扩能|扩建|改扩建|技改|技术改造|[二三四五六七八九十2-9]期/;

/** Whether the row reports an expansion of an investor's project. */
export function isExpansionRow(record: ImportRecord): boolean {
  if (record.projectKind === 'expansion') return true;
  if (record.projectKind === 'new') return false;
  return expansionWords.test(record.name) || expansionWords.test(record.remarks ?? '');
}

/** An expansion already merged by an earlier import: what was recorded for it. */
export interface KnownExpansion {
  projectId: string;
  agreedFen: number;
  fixedFen: number;
  funds: { date: string; amount: number }[];
}

export interface ExpansionIndex {
  /** Projects by their investors' credit codes. */
  byCode: Map<string, KnownProject[]>;
  /** Merged expansions by their (normalised) name. */
  merged: Map<string, KnownExpansion>;
}

/** The tenant's projects by investor code and the expansions earlier imports merged (few: loaded whole). */
export async function loadExpansionIndex(
  db: Tx,
  tenantId: string,
  projects: Iterable<KnownProject[]>,
): Promise<ExpansionIndex> {
  const byCode = new Map<string, KnownProject[]>();
  for (const list of projects)
    for (const p of list)
      for (const code of new Set(p.codes)) byCode.set(code, [...(byCode.get(code) ?? []), p]);
  const rows = await sql<{
    project_id: string;
    name: string;
    agreed: string | null;
    fixed: string | null;
    amount_fen: string | null;
    effective_on: string;
  }>`
    select project_id, payload->'expansion'->>'name' as name, payload->'expansion'->>'agreedFen' as agreed,
      payload->'expansion'->>'fixedFen' as fixed, amount_fen, effective_on::text as effective_on
    from ledger_entry where tenant_id = ${tenantId} and payload->'expansion' is not null`.execute(db);
  const merged = new Map<string, KnownExpansion>();
  for (const r of rows.rows) {
    const key = normaliseName(r.name);
    const e = merged.get(key) ?? { projectId: r.project_id, agreedFen: 0, fixedFen: 0, funds: [] };
    e.agreedFen += Number(r.agreed ?? 0);
    e.fixedFen += Number(r.fixed ?? 0);
    if (r.amount_fen !== null) e.funds.push({ date: r.effective_on, amount: Number(r.amount_fen) });
    merged.set(key, e);
  }
  return { byCode, merged };
}

export type ExpansionMatch =
  | { kind: 'none' }
  | { kind: 'merge'; projectId: string; known: KnownExpansion | undefined }
  | { kind: 'ambiguous'; names: string[] };

/** The project an expansion row grows, if one: by the expansion's name once merged, else the investor's code. */
export function matchExpansion(record: ImportRecord, index: ExpansionIndex): ExpansionMatch {
  const known = index.merged.get(normaliseName(record.name));
  if (known) return { kind: 'merge', projectId: known.projectId, known };
  const code = record.investor?.creditCode;
  if (!code || !isExpansionRow(record)) return { kind: 'none' };
  const owners = index.byCode.get(code) ?? [];
  if (owners.length === 1) return { kind: 'merge', projectId: owners[0]!.id, known: undefined };
  if (owners.length > 1) return { kind: 'ambiguous', names: owners.map((o) => o.name) };
  return { kind: 'none' };
}

/**
 * What a project's merged expansions add up to: a later row for the project itself states its own
 * figures, so they are compared with the project's less its expansions' (or the row would undo them).
 */
export function expansionsOf(index: ExpansionIndex, projectId: string) {
  const own = [...index.merged.values()].filter((e) => e.projectId === projectId);
  if (!own.length) return null;
  return {
    agreedFen: own.reduce((s, e) => s + e.agreedFen, 0),
    fixedFen: own.reduce((s, e) => s + e.fixedFen, 0),
    fundsAt: (date: string) =>
      own.reduce((s, e) => s + e.funds.filter((f) => f.date <= date).reduce((t, f) => t + f.amount, 0), 0),
  };
}

/** Records a planned expansion in the run's index, so later rows of the run see it. */
export function noteExpansion(
  index: ExpansionIndex,
  record: ImportRecord,
  projectId: string,
  plan: ExpansionPlan,
) {
  const key = normaliseName(record.name);
  const e = index.merged.get(key) ?? { projectId, agreedFen: 0, fixedFen: 0, funds: [] };
  e.agreedFen += plan.agreedDelta;
  e.fixedFen += plan.fixedDelta;
  e.funds.push(...plan.funds.map((f) => ({ date: f.date, amount: f.amount })));
  index.merged.set(key, e);
}

export interface ExpansionPlan {
  agreedDelta: number;
  fixedDelta: number;
  funds: PlannedFunds[];
}

/** What an expansion row adds to its project: the increments not yet recorded for it, and its funds. */
export function planExpansion(
  record: ImportRecord,
  known: KnownExpansion | undefined,
  cutOff: string,
): ExpansionPlan {
  const agreedDelta = record.agreedFen === null ? 0 : record.agreedFen - (known?.agreedFen ?? 0);
  const fixedDelta = record.fixedFen === null ? 0 : record.fixedFen - (known?.fixedFen ?? 0);
  const fundsAt = (date: string) =>
    (known?.funds ?? []).filter((f) => f.date <= date).reduce((s, f) => s + f.amount, 0);
  const { entries } = fundsPlan(record, cutOff, fundsAt, !known);
  return { agreedDelta, fixedDelta, funds: entries.filter((f) => f.amount !== 0) };
}

export type ExpansionVerdict =
  | { outcome: 'changed' | 'unchanged'; changes: string[] }
  | { outcome: 'error'; field: 'name' | 'fixedAsset'; value: string; message: string };

/** Whether the planned expansion changes its project, and the preview's words (增资扩产：并入「…」); or why not. */
export function judgeExpansion(
  record: ImportRecord,
  before: ProjectRow,
  plan: ExpansionPlan,
  cutOff: string,
): ExpansionVerdict {
  const into = `增资扩产：并入「${before.name}」`;
  if (!plan.agreedDelta && !plan.fixedDelta && !plan.funds.length)
    return { outcome: 'unchanged', changes: [into] };
  if (before.last_entry_on > cutOff) {
    return {
      outcome: 'error',
      field: 'name',
      value: record.name,
      message: `${into}：该项目在截止日期之后（${before.last_entry_on}）已有台账记录，不能用较早的台账更新`,
    };
  }
  if (
    Number(before.fixed_asset_fen) + plan.fixedDelta >
    Number(before.agreed_investment_fen) + plan.agreedDelta
  ) {
    return {
      outcome: 'error',
      field: 'fixedAsset',
      value: fenText(record.fixedFen ?? 0),
      message: `${into}：固定资产投资不能大于协议投资额`,
    };
  }
  const sign = plan.agreedDelta > 0 ? '+' : '';
  return {
    outcome: 'changed',
    changes: [
      into,
      ...(plan.agreedDelta ? [`协议投资额 ${sign}${fenText(plan.agreedDelta)}`] : []),
      ...(plan.funds.length ? [changeLabels.funds!] : []),
    ],
  };
}

/**
 * The project's update and entries for a planned expansion, through `db` (the commit's transaction):
 * agreed and fixed investment += the increments, funds += the expansion's funds, version + 1.
 */
export async function writeExpansion(
  db: Tx,
  record: ImportRecord,
  before: ProjectRow,
  plan: ExpansionPlan,
  ec: EntryContext & {
    now: Date;
    /** The expansion's funds: the investor's source and capital kind (as a new project's undivided funds). */
    source: LedgerEntryTable['funding_source'];
    capitalKind: LedgerEntryTable['capital_kind'];
  },
): Promise<Insertable<LedgerEntryTable>[]> {
  const fundsDelta = plan.funds.reduce((s, f) => s + f.amount, 0);
  const after = await db
    .updateTable('project')
    .set({
      agreed_investment_fen: sql`agreed_investment_fen + ${plan.agreedDelta}`,
      fixed_asset_fen: sql`fixed_asset_fen + ${plan.fixedDelta}`,
      funds_in_place_fen: sql`funds_in_place_fen + ${fundsDelta}`,
      last_entry_on: sql`greatest(last_entry_on, ${ec.cutOff}::date)`,
      updated_at: ec.now,
      version: sql`version + 1`,
    })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const expansion = { name: record.name, agreedFen: plan.agreedDelta, fixedFen: plan.fixedDelta };
  const entries: Insertable<LedgerEntryTable>[] = [];
  if (plan.agreedDelta || plan.fixedDelta) {
    const from = Number(after.agreed_investment_fen) - plan.agreedDelta;
    entries.push({
      ...ec.base(before.id),
      kind: 'field_change',
      effective_on: ec.cutOff,
      agreed_fen: after.agreed_investment_fen,
      fixed_fen: after.fixed_asset_fen,
      snapshot: JSON.stringify(toProject(after)),
      payload: ec.payload(record.row, {
        changes: {
          agreed_investment_fen: { from, to: Number(after.agreed_investment_fen) },
          ...(plan.fixedDelta
            ? {
                fixed_asset_fen: {
                  from: Number(after.fixed_asset_fen) - plan.fixedDelta,
                  to: Number(after.fixed_asset_fen),
                },
              }
            : {}),
        },
        expansion,
      }),
    });
  }
  for (const f of plan.funds) {
    entries.push({
      ...ec.base(before.id),
      kind: 'funding',
      effective_on: f.date,
      amount_fen: f.amount,
      funding_source: ec.source,
      capital_kind: ec.capitalKind,
      payload: ec.payload(record.row, {
        note: `导入台账（增资扩产：${record.name}）`,
        expansion: { name: record.name },
        ...(f.undated ? { undated: true, arrivedBefore: f.undated.arrivedBefore } : {}),
      }),
    });
  }
  return entries;
}
