import { sql, type Kysely } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.ts';

/** One district tenant with ten units and an administrator, inserted directly (bench data, not demo data). */
export async function seedOrganisation(db: Kysely<DB>) {
  const tenantId = crypto.randomUUID();
  const now = new Date();
  await db
    .insertInto('tenant')
    .values({
      id: tenantId,
      parent_id: null,
      path: `/${tenantId}/`,
      name: '基准区',
      division_code: '500101',
      level: 'district',
      created_at: now,
    })
    .execute();
  const units = await db
    .insertInto('unit')
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        tenant_id: tenantId,
        name: `单位${i}`,
        kind: 'department' as const,
        created_at: now,
      })),
    )
    .returning('id')
    .execute();
  const user = await db
    .insertInto('app_user')
    .values({
      tenant_id: tenantId,
      username: 'bench',
      display_name: 'bench',
      role: 'coordinator',
      unit_id: null,
      password_hash: 'x',
      password_changed_at: now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { tenantId, userId: user.id, unitIds: units.map((u) => u.id) };
}

/** `rows` audit entries over a year, spread across actions, outcomes and actors, in one statement. */
export async function seedAudit(db: Kysely<DB>, org: { tenantId: string; userId: string }, rows: number) {
  await sql`
    insert into audit_log (at, actor_id, actor_name, role, tenant_id, ip, request_id, action, outcome, record_type, record_id, after)
    select now() - (g || ' minutes')::interval, ${org.userId}, 'user' || (g % 50), 'coordinator', ${org.tenantId}, '10.0.0.1',
           md5(g::text), (array['unit.create','unit.update','user.update','auth.login','group.update'])[1 + g % 5],
           (array['ok','ok','ok','denied','failed'])[1 + (g / 5) % 5], 'unit', g::text, jsonb_build_object('n', g)
    from generate_series(1, ${rows}) g`.execute(db);
  await sql`analyze audit_log`.execute(db);
}
