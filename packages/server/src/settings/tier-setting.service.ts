import { defaultTiers, tierSettingSchema, type Tier, type TierSetting } from '@landfall/domain/tiers';
import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { targetTenant, tenantsToList } from '../tenants/scope.ts';
import { findSetting, upsertSetting } from './setting.repo.ts';

/** One setting per tenant: `indicators.tiers:<tenantId>`; the default tiers until a tenant sets its own. */
const keyOf = (tenantId: string) => `indicators.tiers:${tenantId}`;

async function readSetting(db: Tx, tenantId: string): Promise<TierSetting & { isDefault: boolean }> {
  const row = await findSetting(db, keyOf(tenantId));
  const stored = row
    ? tierSettingSchema.shape.tiers.safeParse((row.value as { tiers?: unknown }).tiers)
    : null;
  if (!row || !stored?.success)
    return { tiers: [...defaultTiers], version: row?.version ?? 0, isDefault: true };
  return { tiers: stored.data, version: row.version, isDefault: false };
}

/** The tiers a tenant counts by (for the dashboard and stats). */
export async function tenantTiers(db: Tx, tenantId: string): Promise<Tier[]> {
  return (await readSetting(db, tenantId)).tiers;
}

export async function getTierSetting(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'dashboard.read');
  tenantsToList(ctx, 'dashboard.read', tenantId); // 404 for a tenant the caller may not see
  return readSetting(ctx.db, targetTenant(ctx, tenantId));
}

/** Replaces the tenant's tiers (versioned; audited). */
export async function updateTierSetting(ctx: Ctx, raw: TierSetting & { tenantId?: string }) {
  const input = tierSettingSchema.parse(raw);
  const tenantId = targetTenant(ctx, raw.tenantId);
  await authorize(ctx, 'tiers.configure', { type: 'setting', tenantId });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readSetting(trx, tenantId);
    const row = await upsertSetting(
      trx,
      keyOf(tenantId),
      { tiers: input.tiers },
      input.version,
      ctx.clock.now(),
    );
    if (!row) throw new AppError('stale_version', undefined, { current: before });
    const after = { tiers: input.tiers, version: row.version, isDefault: false };
    await recordAudit(trx, ctx, {
      action: 'tiers.configure',
      recordType: 'setting',
      recordId: keyOf(tenantId),
      tenantId,
      before,
      after,
    });
    return after;
  });
}

/**
 * One of the tenant's tiers by id (the library's `tier` filter); a 400 naming the tiers there are
 * when the id is not one of them. No tenant (the operator): the default tiers.
 */
export async function resolveTier(ctx: Ctx, tenantId: string | null | undefined, id: string): Promise<Tier> {
  const tiers = tenantId ? await tenantTiers(ctx.db, tenantId) : [...defaultTiers];
  const tier = tiers.find((t) => t.id === id);
  if (!tier) {
    throw invalidField(ctx, 'tier', {
      zh: `没有代码为 ${id} 的项目规模档次（可选：${tiers.map((t) => `${t.id} ${t.label}`).join('、')}）`,
      en: `No project tier ${id} (choose one of: ${tiers.map((t) => t.id).join(', ')})`,
    });
  }
  return tier;
}
