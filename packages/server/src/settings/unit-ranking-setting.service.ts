import type { Ctx, Tx } from '../context.ts';
import { tenantSetting } from './tenant-setting.ts';

/**
 * 赛马榜 for units: whether unit staff see every unit's row of the ranking on their home page, or only
 * their own row and rank. One setting per tenant, `dashboard.unitRanking:<tenantId>`; off until turned on.
 */
export interface UnitRankingSetting {
  showRanking: boolean;
  /** 0 while the tenant has never saved the setting. */
  version: number;
}

const setting = tenantSetting<{ showRanking: boolean }>({
  key: 'dashboard.unitRanking',
  readAction: 'dashboard.readUnit',
  writeAction: 'dashboard.configure',
  decode: (stored) => ({ showRanking: (stored as { enabled?: boolean } | undefined)?.enabled === true }),
  encode: (value) => ({ enabled: value.showRanking }),
});

/** Whether the tenant shows units the full ranking (for the unit home; the caller has been authorised). */
export async function unitsSeeRanking(db: Tx, tenantId: string): Promise<boolean> {
  return (await setting.read(db, tenantId)).showRanking;
}

export async function getUnitRankingSetting(ctx: Ctx, tenantId?: string): Promise<UnitRankingSetting> {
  return setting.get(ctx, tenantId);
}

/** Turns the units' ranking on or off for the caller's tenant (versioned; audited). */
export async function updateUnitRankingSetting(ctx: Ctx, input: UnitRankingSetting & { tenantId?: string }) {
  return setting.update(ctx, { showRanking: input.showRanking }, input.version, input.tenantId);
}
