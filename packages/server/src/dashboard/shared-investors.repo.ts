import { sql } from 'kysely';
import type { Tx } from '../context.ts';
import type { DuplicateReportTable } from '../db/schema.ts';
import type { Insertable } from 'kysely';

/** One project of an investor whose projects sit with two or more units (多头报送 to check). */
export interface SharedReportRow {
  enterprise_id: string;
  enterprise_name: string;
  credit_code: string | null;
  tenant_id: string;
  project_id: string;
  project_name: string;
  unit_id: string;
  unit_name: string;
  stage: string;
  stage_before: string | null;
  sensitive: boolean;
  entered_on: string;
  created_at: Date;
}

/**
 * Investors (same enterprise, hence same credit code) with approved, not dropped projects in two or
 * more units, one row per project, the earliest entered first.
 */
export async function listSharedReports(db: Tx, tenantIds: string[]): Promise<SharedReportRow[]> {
  if (!tenantIds.length) return [];
  const current = sql`p.review_status = 'approved' and p.stage <> 'dropped'`;
  const rows = await sql<SharedReportRow>`
    with shared as (
      select pe.enterprise_id from project_enterprise pe
        join enterprise e on e.id = pe.enterprise_id join project p on p.id = pe.project_id
      where e.tenant_id in (${sql.join(tenantIds)}) and ${current}
      group by pe.enterprise_id having count(distinct p.unit_id) > 1
    )
    select e.id as enterprise_id, e.name as enterprise_name, e.credit_code, e.tenant_id,
      p.id as project_id, p.name as project_name, p.unit_id, u.name as unit_name, p.stage, p.stage_before,
      p.sensitivity = 'sensitive' as sensitive, p.created_at,
      (select min(c.effective_on)::text from ledger_entry c where c.project_id = p.id and c.kind = 'created') as entered_on
    from shared s join enterprise e on e.id = s.enterprise_id
      join project_enterprise pe on pe.enterprise_id = e.id join project p on p.id = pe.project_id
      join unit u on u.id = p.unit_id
    where ${current}
    order by e.name, e.id, entered_on, p.created_at, p.id`.execute(db);
  return rows.rows;
}

/** The marks in force (not undone) on the given projects, as duplicates or as kept reports. */
export async function listOpenDuplicateMarks(db: Tx, projectIds: readonly string[]) {
  if (!projectIds.length) return [];
  return db
    .selectFrom('duplicate_report')
    .selectAll()
    .where('unmarked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('project_id', 'in', [...projectIds]), eb('kept_project_id', 'in', [...projectIds])]),
    )
    .orderBy('marked_at')
    .execute();
}

/** The enterprise both projects name (the investor they share), if one. */
export async function findSharedEnterprise(db: Tx, a: string, b: string): Promise<string | undefined> {
  const row = await sql<{ enterprise_id: string }>`
    select x.enterprise_id from project_enterprise x join project_enterprise y on y.enterprise_id = x.enterprise_id
    where x.project_id = ${a} and y.project_id = ${b} order by x.enterprise_id limit 1`.execute(db);
  return row.rows[0]?.enterprise_id;
}

export async function findDuplicateMark(db: Tx, id: string) {
  return db.selectFrom('duplicate_report').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDuplicateMark(db: Tx, row: Insertable<DuplicateReportTable>) {
  return db.insertInto('duplicate_report').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Undoes a mark in force; undefined when it was already undone. */
export async function closeDuplicateMark(
  db: Tx,
  id: string,
  by: { at: Date; userId: string | null; reason: string },
) {
  return db
    .updateTable('duplicate_report')
    .set({ unmarked_at: by.at, unmarked_by: by.userId, unmark_reason: by.reason })
    .where('id', '=', id)
    .where('unmarked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
