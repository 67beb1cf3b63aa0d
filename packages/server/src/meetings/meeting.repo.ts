import type { Insertable, Updateable } from 'kysely';
import type { MeetingQuery } from '@landfall/domain/schemas/coordination';
import type { Tx } from '../context.ts';
import type { MeetingKindColumn, MeetingTable } from '../db/schema.ts';

function selectMeeting(db: Tx) {
  return db
    .selectFrom('meeting as m')
    .leftJoin('convener as c', 'c.id', 'm.convener_id')
    .selectAll('m')
    .select(['c.name as convener_name']);
}
export type MeetingListRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export async function findMeeting(db: Tx, id: string) {
  return selectMeeting(db).where('m.id', '=', id).executeTakeFirst();
}

export async function insertMeeting(db: Tx, row: Insertable<MeetingTable>) {
  return db.insertInto('meeting').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateMeetingRow(db: Tx, id: string, version: number, patch: Updateable<MeetingTable>) {
  return db
    .updateTable('meeting')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function listMeetingRows(db: Tx, tenantIds: string[] | undefined, query: MeetingQuery) {
  let q = selectMeeting(db);
  if (tenantIds) {
    if (!tenantIds.length) return { rows: [], total: 0 };
    q = q.where('m.tenant_id', 'in', tenantIds);
  }
  if (query.kind) q = q.where('m.kind', '=', query.kind);
  if (query.from) q = q.where('m.held_on', '>=', query.from);
  if (query.to) q = q.where('m.held_on', '<=', query.to);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const rows = await q
    .orderBy('m.held_on', 'desc')
    .orderBy('m.created_at', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/**
 * Meetings of a kind as they stood at `knownBefore` (recorded before that instant and not
 * cancelled before it), held before `date`: the latest one, and how many were held in the year.
 */
export async function readMeetingsBefore(
  db: Tx,
  opts: { tenantId: string; kind: MeetingKindColumn; date: string; knownBefore: Date },
) {
  const q = db
    .selectFrom('meeting')
    .where('tenant_id', '=', opts.tenantId)
    .where('kind', '=', opts.kind)
    .where('held_on', '<', opts.date)
    .where('created_at', '<', opts.knownBefore)
    .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('cancelled_at', '>=', opts.knownBefore)]));
  const previous = await q
    .select(['id', 'held_on'])
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const inYear = await q
    .where('held_on', '>=', `${opts.date.slice(0, 4)}-01-01`)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  return { previous, heldInYear: Number(inYear?.n ?? 0) };
}

/** The meeting of a kind held on a date, as known at `knownBefore` (the one a brief of that date is for). */
export async function findMeetingOn(
  db: Tx,
  opts: { tenantId: string; kind: MeetingKindColumn; date: string; knownBefore: Date },
) {
  return db
    .selectFrom('meeting')
    .select(['id', 'title'])
    .where('tenant_id', '=', opts.tenantId)
    .where('kind', '=', opts.kind)
    .where('held_on', '=', opts.date)
    .where('created_at', '<', opts.knownBefore)
    .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('cancelled_at', '>=', opts.knownBefore)]))
    .orderBy('created_at')
    .executeTakeFirst();
}

/** The level of the tenant a meeting is for (the cross-district kinds are held above a district). */
export async function findTenantLevel(db: Tx, tenantId: string) {
  const row = await db.selectFrom('tenant').select('level').where('id', '=', tenantId).executeTakeFirst();
  return row?.level;
}
