import { sql } from 'kysely';
import type { SetupInput } from '@landfall/domain';
import type { Ctx } from '../context.ts';
import { AppError } from '../http/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertPasswordPolicy, hashPassword } from '../auth/password.ts';
import { getPasswordPolicy } from '../settings/password-policy.service.ts';
import { insertTenantWithGroups, toTenant } from '../tenants/tenant.service.ts';
import { countUsers, insertUser } from '../users/user.repo.ts';

/** Setup is needed while no account exists: before it, no default account or password exists at all. */
export async function isSetupNeeded(ctx: Ctx): Promise<boolean> {
  return (await countUsers(ctx.db)) === 0;
}

/**
 * First-run setup: the root tenant (with its four working groups) and the first
 * system administrator. Runs once; a second call gets setup_done (409).
 */
export async function runSetup(ctx: Ctx, input: SetupInput) {
  assertPasswordPolicy(
    input.password,
    await getPasswordPolicy(ctx.db),
    'password',
    ctx.locale,
    input.adminUsername,
  );
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    // Serialise concurrent setups across instances; the loser sees the winner's account.
    await sql`select pg_advisory_xact_lock(7281001)`.execute(trx);
    if ((await countUsers(trx)) > 0) throw new AppError('setup_done');
    const tenant = await insertTenantWithGroups(ctx, trx, {
      name: input.tenantName,
      divisionCode: input.divisionCode,
      parent: null,
    });
    const now = ctx.clock.now();
    const user = await insertUser(trx, {
      tenant_id: tenant.id,
      username: input.adminUsername,
      display_name: input.adminDisplayName ?? input.adminUsername,
      role: 'system_admin',
      unit_id: null,
      password_hash: passwordHash,
      password_changed_at: now,
      created_at: now,
    });
    await recordAudit(trx, ctx, {
      action: 'setup.run',
      actorId: user.id,
      actorName: user.username,
      tenantId: tenant.id,
      recordType: 'tenant',
      recordId: tenant.id,
      after: { tenant: toTenant(tenant), admin: { id: user.id, username: user.username, role: user.role } },
    });
    return { tenantId: tenant.id, userId: user.id };
  });
}
