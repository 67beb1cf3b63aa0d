/** The tenant's closing rules (签发 required, 补录 allowed): a `setting` row per tenant, both off by default. */
import { closingSettingSchema, type ClosingSetting } from '@landfall/domain/schemas/closing';
import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { findSetting, upsertSetting } from '../settings/setting.repo.ts';
import { targetTenant, tenantsToList } from '../tenants/scope.ts';

const keyOf = (tenantId: string) => `closing:${tenantId}`;

export async function readClosingSetting(db: Tx, tenantId: string): Promise<ClosingSetting> {
  const row = await findSetting(db, keyOf(tenantId));
  if (!row) return { signOffRequired: false, lateEntries: false, version: 0 };
  const value = row.value as { signOffRequired?: boolean; lateEntries?: boolean };
  return {
    signOffRequired: value.signOffRequired === true,
    lateEntries: value.lateEntries === true,
    version: row.version,
  };
}

export async function getClosingSetting(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'month.read');
  tenantsToList(ctx, 'month.read', tenantId);
  return readClosingSetting(ctx.db, targetTenant(ctx, tenantId));
}

/** Sets the tenant's closing rules (versioned; audited). */
export async function updateClosingSetting(ctx: Ctx, raw: ClosingSetting & { tenantId?: string }) {
  const input = closingSettingSchema.parse(raw);
  const tenantId = targetTenant(ctx, raw.tenantId);
  await authorize(ctx, 'month.configure', { type: 'setting', tenantId });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readClosingSetting(trx, tenantId);
    const value = { signOffRequired: input.signOffRequired, lateEntries: input.lateEntries };
    const row = await upsertSetting(trx, keyOf(tenantId), value, input.version, ctx.clock.now());
    if (!row) throw new AppError('stale_version', undefined, { current: before });
    const after = { ...value, version: row.version };
    await recordAudit(trx, ctx, {
      action: 'month.configure',
      recordType: 'setting',
      recordId: keyOf(tenantId),
      tenantId,
      before,
      after,
    });
    return after;
  });
}
