import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../context.ts';
import type { AppUserTable } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';

export async function findUserByUsername(db: Tx, username: string) {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export async function findUser(db: Tx, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getUser(db: Tx, id: string) {
  const row = await findUser(db, id);
  if (!row) throw new AppError('not_found');
  return row;
}

export async function listUsers(db: Tx, tenantIds: string[] | undefined) {
  let q = db.selectFrom('app_user').selectAll();
  if (tenantIds) {
    if (!tenantIds.length) return [];
    q = q.where('tenant_id', 'in', tenantIds);
  }
  return q.orderBy('created_at').orderBy('username').execute();
}

export async function countUsers(db: Tx): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Tx, row: Insertable<AppUserTable>) {
  return db.insertInto('app_user').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Versioned update: undefined when the version is stale. */
export async function updateUser(db: Tx, id: string, version: number, patch: Updateable<AppUserTable>) {
  return db
    .updateTable('app_user')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Bookkeeping that is not an edit (last login, disabling an idle account at login): no version bump. */
export async function setLoginState(
  db: Tx,
  id: string,
  state: Pick<Updateable<AppUserTable>, 'last_login_at' | 'disabled' | 'disabled_reason'>,
) {
  return db.updateTable('app_user').set(state).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Enabled accounts of a role in one tenant (the last auditor may not be silenced). */
export async function countEnabledUsers(
  db: Tx,
  tenantId: string,
  role: AppUserTable['role'],
): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('role', '=', role)
    .where('disabled', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Enabled accounts of these roles in the tenant or a tenant above it (who could approve for it). */
export async function countApprovers(
  db: Tx,
  filter: { tenantId: string; roles: AppUserTable['role'][]; excludeUserIds: string[] },
): Promise<number> {
  const row = await db
    .selectFrom('app_user as u')
    .innerJoin('tenant as t', 't.id', 'u.tenant_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<boolean>`(select path from tenant where id = ${filter.tenantId}) like t.path || '%'`)
    .where('u.role', 'in', filter.roles)
    .where('u.disabled', '=', false)
    .$if(filter.excludeUserIds.length > 0, (q) => q.where('u.id', 'not in', filter.excludeUserIds))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
