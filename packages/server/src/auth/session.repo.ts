import type { Tx } from '../context.ts';

export async function insertSession(
  db: Tx,
  row: {
    id: string;
    user_id: string;
    created_at: Date;
    last_seen_at: Date;
    ip: string;
    user_agent: string;
    second_factor: 'pending' | 'enrol' | null;
  },
) {
  await db.insertInto('session').values(row).execute();
}

/** The session with its user and the user's tenant, or undefined. */
export async function findSessionWithUser(db: Tx, id: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('tenant as t', 't.id', 'u.tenant_id')
    .select([
      's.id as session_id',
      's.created_at',
      's.last_seen_at',
      's.second_factor',
      'u.id as user_id',
      'u.username',
      'u.role',
      'u.unit_id',
      'u.disabled',
      'u.must_change_password',
      'u.tenant_id',
      't.path as tenant_path',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Tx, id: string, at: Date) {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Tx, id: string) {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Tx, userId: string) {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

export async function listSubtreeTenantIds(db: Tx, path: string): Promise<string[]> {
  const rows = await db.selectFrom('tenant').select('id').where('path', 'like', `${path}%`).execute();
  return rows.map((r) => r.id);
}
