/**
 * What the import matches rows against: the tenant's units, projects (by name, with their
 * investors' credit codes), enterprises, focus industries and GB/T 4754 names — loaded once per
 * run — and, per chunk, the current state of the projects the chunk names.
 */
import { sql } from 'kysely';
import { fundsIn, latestProgress } from '../ledger/ledger.reads.ts';
import type { Tx } from '../context.ts';
import type { ProjectRow } from '../db/schema.ts';
import { industryMatcher, type IndustryMatch, type IndustryRef } from './industry-text.ts';

/**
 * A fresh copy of a string. Strings cut from a parsed chunk can keep the whole chunk alive in
 * V8; the import's long-lived indexes hold copies, so memory stays at a few hundred bytes per
 * row instead of the file's size.
 */
export function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export function normaliseName(name: string) {
  return flat(name.replace(/\s+/g, '').toLowerCase());
}

export interface KnownProject {
  id: string;
  name: string;
  codes: string[];
}

export interface KnownEnterprise {
  id: string;
  name: string;
  credit_code: string | null;
  division_code: string | null;
  /** Created by this import (its row is inserted with the chunk). */
  createdHere?: boolean;
}

export interface Known {
  units: Map<string, { id: string; group_id: string | null }>;
  projects: Map<string, KnownProject[]>;
  enterprisesByCode: Map<string, KnownEnterprise>;
  enterprisesByName: Map<string, KnownEnterprise>;
  focus: { id: string; codePrefixes: string[] }[];
  /** GB/T 4754-2017, every level. */
  industries: IndustryRef[];
}

export async function loadKnown(db: Tx, tenantId: string): Promise<Known> {
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
  const industries = await db
    .selectFrom('industry')
    .select(['code', 'name', 'level', 'parent_code'])
    .execute();
  const known: Known = {
    units: new Map(units.map((u) => [normaliseName(u.name), { id: u.id, group_id: u.group_id }])),
    projects: new Map(),
    enterprisesByCode: new Map(),
    enterprisesByName: new Map(),
    focus: focus.map((f) => ({ id: f.id, codePrefixes: f.code_prefixes })),
    industries,
  };
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

/**
 * An industry cell → its GB/T 4754-2017 code and a warning when the cell needs a look (code and
 * name disagree, or the standard has neither): see industry-text.ts for the forms read.
 */
export function industryResolver(known: Known): (text: string) => IndustryMatch {
  return industryMatcher(known.industries);
}

/** The names of a tenant's units (a roll-up's district: which one its rows default to). */
export async function listUnitNames(db: Tx, tenantId: string) {
  return db.selectFrom('unit').select('name').where('tenant_id', '=', tenantId).orderBy('name').execute();
}

/** Units named in the file: an existing one, or a name to create on confirmation. */
export function unitKind(name: string): 'department' | 'town' | 'zone' | 'other' {
  if (/(镇|乡|街道|办事处)$/.test(name)) return 'town';
  if (/(园区|开发区|高新区|新区|产业园|管委会)/.test(name)) return 'zone';
  return 'department';
}

export interface ExistingState {
  row: ProjectRow;
  fundsAt: (date: string) => number;
  lastProgress: { current: string; problems: string; nextSteps: string } | null;
  investorIds: string[];
}

export async function loadExisting(
  db: Tx,
  ids: string[],
  cutOff: string,
): Promise<Map<string, ExistingState>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('project').selectAll().where('id', 'in', ids).execute();
  // Every dated amount (fundsAt reads them at any date) and the last 进展 by the cut-off: the ledger's reads.
  const funds = (
    await sql<{ project_id: string; effective_on: string; amount_fen: string }>`
      select e.project_id, e.effective_on, e.amount_fen from ledger_entry e
      where ${fundsIn({ asOf: '9999-12-31', projectIds: ids })}`.execute(db)
  ).rows;
  const progress = await sql<{ project_id: string; payload: Record<string, string> }>`${latestProgress({
    asOf: cutOff,
    projectIds: ids,
  })}`.execute(db);
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

/** The date a project entered the library (its `created` entry). */
export async function enteredOnOf(db: Tx, projectId: string) {
  const first = await db
    .selectFrom('ledger_entry')
    .select('effective_on')
    .where('project_id', '=', projectId)
    .where('kind', '=', 'created')
    .executeTakeFirst();
  return first?.effective_on ?? '1900-01-01';
}
