import { reviewSettingSchema, type ReviewSetting } from '@landfall/domain/schemas/coordination';
import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { targetTenant, tenantsToList } from '../tenants/scope.ts';
import { findSetting, upsertSetting } from './setting.repo.ts';

/** One setting per tenant: `review.unitSubmissions:<tenantId>`; off until a tenant turns it on. */
const keyOf = (tenantId: string) => `review.unitSubmissions:${tenantId}`;

async function readSetting(db: Tx, tenantId: string): Promise<ReviewSetting> {
  const row = await findSetting(db, keyOf(tenantId));
  if (!row) return { unitSubmissions: false, version: 0 };
  return { unitSubmissions: (row.value as { enabled?: boolean }).enabled === true, version: row.version };
}

/** Whether what unit staff of the tenant submit waits for review (for the services creating leads and projects). */
export async function unitSubmissionsReviewed(db: Tx, tenantId: string): Promise<boolean> {
  return (await readSetting(db, tenantId)).unitSubmissions;
}

export async function getReviewSetting(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'review.read');
  tenantsToList(ctx, 'review.read', tenantId); // 404 for a tenant the caller may not see
  return readSetting(ctx.db, targetTenant(ctx, tenantId));
}

/** Turns the review of unit submissions on or off for the caller's tenant (versioned; audited). */
export async function updateReviewSetting(ctx: Ctx, raw: ReviewSetting & { tenantId?: string }) {
  const input = reviewSettingSchema.parse(raw);
  const tenantId = targetTenant(ctx, raw.tenantId);
  await authorize(ctx, 'review.configure', { type: 'setting', tenantId });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readSetting(trx, tenantId);
    const row = await upsertSetting(
      trx,
      keyOf(tenantId),
      { enabled: input.unitSubmissions },
      input.version,
      ctx.clock.now(),
    );
    if (!row) throw new AppError('stale_version', undefined, { current: before });
    const after = { unitSubmissions: input.unitSubmissions, version: row.version };
    await recordAudit(trx, ctx, {
      action: 'review.configure',
      recordType: 'setting',
      recordId: keyOf(tenantId),
      tenantId,
      before,
      after,
    });
    return after;
  });
}
