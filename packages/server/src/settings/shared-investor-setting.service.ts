import { sharedInvestorRules, type SharedInvestorRule } from '@landfall/domain/shared-investors';
import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { targetTenant, tenantsToList } from '../tenants/scope.ts';
import { findSetting, upsertSetting } from './setting.repo.ts';

/**
 * 多头报送: which unit counts an investment two units reported (domain/shared-investors.ts) — the
 * first reporter (首报单位, the default) or the unit where it is built (落地单位). One setting per
 * tenant, `sharedInvestors.rule:<tenantId>`; it proposes the report kept when the coordinator marks
 * a duplicate, and is recorded with the mark.
 */
export interface SharedInvestorSetting {
  rule: SharedInvestorRule;
  /** 0 while the tenant has never saved the setting. */
  version: number;
}

const keyOf = (tenantId: string) => `sharedInvestors.rule:${tenantId}`;

async function readSetting(db: Tx, tenantId: string): Promise<SharedInvestorSetting> {
  const row = await findSetting(db, keyOf(tenantId));
  const rule = (row?.value as { rule?: string } | undefined)?.rule;
  return {
    rule: (sharedInvestorRules as readonly string[]).includes(rule ?? '')
      ? (rule as SharedInvestorRule)
      : 'first_reporter',
    version: row?.version ?? 0,
  };
}

/** The tenant's rule (for the service marking duplicates and the dashboard's card; already authorised). */
export async function sharedInvestorRuleOf(db: Tx, tenantId: string): Promise<SharedInvestorRule> {
  return (await readSetting(db, tenantId)).rule;
}

export async function getSharedInvestorSetting(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'dashboard.read');
  tenantsToList(ctx, 'dashboard.read', tenantId); // 404 for a tenant the caller may not see
  return readSetting(ctx.db, targetTenant(ctx, tenantId));
}

/** Sets the caller's tenant's rule (versioned; audited). */
export async function updateSharedInvestorSetting(
  ctx: Ctx,
  input: SharedInvestorSetting & { tenantId?: string },
) {
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'dashboard.configure', { type: 'setting', tenantId });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readSetting(trx, tenantId);
    const row = await upsertSetting(
      trx,
      keyOf(tenantId),
      { rule: input.rule },
      input.version,
      ctx.clock.now(),
    );
    if (!row) throw new AppError('stale_version', undefined, { current: before });
    const after = { rule: input.rule, version: row.version };
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
