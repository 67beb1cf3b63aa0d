import { reviewSettingSchema, type ReviewSetting } from '@landfall/domain/schemas/coordination';
import type { Ctx, Tx } from '../context.ts';
import { tenantSetting } from './tenant-setting.ts';

/** One setting per tenant: `review.unitSubmissions:<tenantId>`; off until a tenant turns it on. */
const setting = tenantSetting<{ unitSubmissions: boolean }>({
  key: 'review.unitSubmissions',
  readAction: 'review.read',
  writeAction: 'review.configure',
  decode: (stored) => ({ unitSubmissions: (stored as { enabled?: boolean } | undefined)?.enabled === true }),
  encode: (value) => ({ enabled: value.unitSubmissions }),
});

/** Whether what unit staff of the tenant submit waits for review (for the services creating leads and projects). */
export async function unitSubmissionsReviewed(db: Tx, tenantId: string): Promise<boolean> {
  return (await setting.read(db, tenantId)).unitSubmissions;
}

export async function getReviewSetting(ctx: Ctx, tenantId?: string): Promise<ReviewSetting> {
  return setting.get(ctx, tenantId);
}

/** Turns the review of unit submissions on or off for the caller's tenant (versioned; audited). */
export async function updateReviewSetting(ctx: Ctx, raw: ReviewSetting & { tenantId?: string }) {
  const input = reviewSettingSchema.parse(raw);
  return setting.update(ctx, { unitSubmissions: input.unitSubmissions }, input.version, raw.tenantId);
}
