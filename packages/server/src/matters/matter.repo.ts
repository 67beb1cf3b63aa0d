import { sql, type Insertable, type Updateable } from 'kysely';
import type { MatterQuery } from '@landfall/domain/schemas/coordination';
import type { Tx } from '../context.ts';
import type { MatterEventTable, MatterTable } from '../db/schema.ts';
import type { ListScope } from '../auth/policy.ts';

/**
 * A matter with the names a list shows (its tenant — a city lists its districts' —, project, raising unit,
 * unit that must act, the tenant above that raised it down) and whether its project is sensitive.
 */
function selectMatter(db: Tx) {
  return db
    .selectFrom('matter as m')
    .innerJoin('tenant as t', 't.id', 'm.tenant_id')
    .leftJoin('tenant as rt', 'rt.id', 'm.raised_by_tenant_id')
    .leftJoin('project as p', 'p.id', 'm.project_id')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .innerJoin('unit as o', 'o.id', 'm.owner_unit_id')
    .selectAll('m')
    .select([
      't.name as tenant_name',
      'rt.name as raised_by_tenant_name',
      'p.name as project_name',
      'p.sensitivity as project_sensitivity',
      'u.name as unit_name',
      'o.name as owner_unit_name',
    ]);
}
export type MatterListRow = NonNullable<Awaited<ReturnType<typeof findMatter>>>;

export async function findMatter(db: Tx, id: string) {
  return selectMatter(db).where('m.id', '=', id).executeTakeFirst();
}

export async function insertMatter(db: Tx, row: Insertable<MatterTable>) {
  return db.insertInto('matter').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Versioned change: undefined when the version is stale. */
export async function updateMatterRow(db: Tx, id: string, version: number, patch: Updateable<MatterTable>) {
  return db
    .updateTable('matter')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** Bookkeeping that is not an edit (a thread update): no version bump. */
export async function touchMatter(db: Tx, id: string, now: Date) {
  await db.updateTable('matter').set({ updated_at: now }).where('id', '=', id).execute();
}

export async function insertMatterEvent(db: Tx, row: Insertable<MatterEventTable>) {
  return db.insertInto('matter_event').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listMatterEvents(db: Tx, matterId: string) {
  return db.selectFrom('matter_event').selectAll().where('matter_id', '=', matterId).orderBy('id').execute();
}

/** Matters in scope matching the filters; unit staff see those their unit raised or must act on. */
export async function listMatterRows(db: Tx, scope: ListScope, query: MatterQuery, today: string) {
  let q = selectMatter(db);
  if (scope.tenantIds) {
    if (!scope.tenantIds.length) return { rows: [], total: 0 };
    q = q.where('m.tenant_id', 'in', scope.tenantIds);
  }
  const unitId = scope.unitId;
  if (unitId) q = q.where((eb) => eb.or([eb('m.unit_id', '=', unitId), eb('m.owner_unit_id', '=', unitId)]));
  const sensitive = scope.sensitiveTenantIds;
  if (sensitive)
    q = q.where((eb) =>
      eb.or([
        eb('p.id', 'is', null),
        eb('p.sensitivity', '=', 'normal'),
        ...(sensitive.length ? [eb('p.tenant_id', 'in', sensitive)] : []),
      ]),
    );
  if (query.tenantId) q = q.where('m.tenant_id', '=', query.tenantId);
  const asked = query.unitId;
  if (asked) q = q.where((eb) => eb.or([eb('m.unit_id', '=', asked), eb('m.owner_unit_id', '=', asked)]));
  if (query.projectId) q = q.where('m.project_id', '=', query.projectId);
  if (query.status) q = q.where('m.status', '=', query.status);
  if (query.level) q = q.where('m.level', '=', query.level);
  if (query.overdue !== undefined) {
    q = query.overdue
      ? q.where('m.status', '=', 'open').where('m.deadline', '<', today)
      : q.where((eb) => eb.or([eb('m.status', '<>', 'open'), eb('m.deadline', '>=', today)]));
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('m.title', 'ilike', like), eb('p.name', 'ilike', like)]));
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  // Open first (alphabetically 'closed' would come before 'open'), then by deadline.
  const rows = await q
    .orderBy(sql`case when m.status = 'open' then 0 else 1 end`)
    .orderBy('m.deadline')
    .orderBy('m.created_at')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Open matters of a tenant held at the given levels, or past the given deadline, oldest deadline first. */
export async function listOpenMatters(
  db: Tx,
  tenantId: string,
  opts: { levels: MatterTable['level'][]; deadlineBefore?: string },
) {
  return selectMatter(db)
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'open')
    .where((eb) =>
      eb.or([
        opts.levels.length ? eb('m.level', 'in', opts.levels) : eb.val(false),
        opts.deadlineBefore ? eb('m.deadline', '<', opts.deadlineBefore) : eb.val(false),
      ]),
    )
    .orderBy('m.deadline')
    .orderBy('m.created_at')
    .execute();
}

/** Open matters a tenant raised down (下达) to the tenants below it, oldest deadline first. */
export async function listOpenMattersRaisedBy(db: Tx, tenantId: string) {
  return selectMatter(db)
    .where('m.raised_by_tenant_id', '=', tenantId)
    .where('m.status', '=', 'open')
    .orderBy('m.deadline')
    .orderBy('m.created_at')
    .execute();
}
