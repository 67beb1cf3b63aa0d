import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { targetTenant, tenantsToList } from '../tenants/scope.ts';
import { findSetting, upsertSetting } from './setting.repo.ts';

/**
 * 赛马榜 for units: whether unit staff see every unit's row of the ranking on their home page, or only
 * their own row and rank. One setting per tenant, `dashboard.unitRanking:<tenantId>`; off until turned on.
 */
export interface UnitRankingSetting {
  showRanking: boolean;
  /** 0 while the tenant has never saved the setting. */
  version: number;
}

const keyOf = (tenantId: string) => `dashboard.unitRanking:${tenantId}`;

async function readSetting(db: Tx, tenantId: string): Promise<UnitRankingSetting> {
  const row = await findSetting(db, keyOf(tenantId));
  if (!row) return { showRanking: false, version: 0 };
  return { showRanking: (row.value as { enabled?: boolean }).enabled === true, version: row.version };
}

/** Whether the tenant shows units the full ranking (for the unit home; the caller has been authorised). */
export async function unitsSeeRanking(db: Tx, tenantId: string): Promise<boolean> {
  return (await readSetting(db, tenantId)).showRanking;
}

export async function getUnitRankingSetting(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'dashboard.readUnit');
  tenantsToList(ctx, 'dashboard.readUnit', tenantId); // 404 for a tenant the caller may not see
  return readSetting(ctx.db, targetTenant(ctx, tenantId));
}

/** Turns the units' ranking on or off for the caller's tenant (versioned; audited). */
export async function updateUnitRankingSetting(ctx: Ctx, input: UnitRankingSetting & { tenantId?: string }) {
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'dashboard.configure', { type: 'setting', tenantId });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readSetting(trx, tenantId);
    const row = await upsertSetting(
      trx,
      keyOf(tenantId),
      { enabled: input.showRanking },
      input.version,
      ctx.clock.now(),
    );
    if (!row) throw new AppError('stale_version', undefined, { current: before });
    const after = { showRanking: input.showRanking, version: row.version };
    await recordAudit(trx, ctx, {
      action: 'dashboard.configure',
      recordType: 'setting',
      recordId: keyOf(tenantId),
      tenantId,
      before,
      after,
    });
    return after;
  });
}
