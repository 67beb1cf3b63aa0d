import { defaultTiers, tierSettingSchema, type Tier, type TierSetting } from '@landfall/domain/tiers';
import type { Ctx, Tx } from '../context.ts';
import { invalidField } from '../http/app-error.ts';
import { tenantSetting } from './tenant-setting.ts';

/** One setting per tenant: `indicators.tiers:<tenantId>`; the default tiers until a tenant sets its own. */
const setting = tenantSetting<{ tiers: Tier[]; isDefault: boolean }>({
  key: 'indicators.tiers',
  readAction: 'dashboard.read',
  writeAction: 'tiers.configure',
  decode: (stored) => {
    const parsed =
      stored === undefined
        ? null
        : tierSettingSchema.shape.tiers.safeParse((stored as { tiers?: unknown }).tiers);
    return parsed?.success
      ? { tiers: parsed.data, isDefault: false }
      : { tiers: [...defaultTiers], isDefault: true };
  },
  encode: (value) => ({ tiers: value.tiers }),
});

/** The tiers a tenant counts by (for the dashboard and stats). */
export async function tenantTiers(db: Tx, tenantId: string): Promise<Tier[]> {
  return (await setting.read(db, tenantId)).tiers;
}

export async function getTierSetting(ctx: Ctx, tenantId?: string) {
  return setting.get(ctx, tenantId);
}

/** Replaces the tenant's tiers (versioned; audited). */
export async function updateTierSetting(ctx: Ctx, raw: TierSetting & { tenantId?: string }) {
  const input = tierSettingSchema.parse(raw);
  return setting.update(ctx, { tiers: input.tiers, isDefault: false }, input.version, raw.tenantId);
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
