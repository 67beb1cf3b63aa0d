import { sharedInvestorRules, type SharedInvestorRule } from '@landfall/domain/shared-investors';
import type { Ctx, Tx } from '../context.ts';
import { tenantSetting } from './tenant-setting.ts';

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

const setting = tenantSetting<{ rule: SharedInvestorRule }>({
  key: 'sharedInvestors.rule',
  readAction: 'dashboard.read',
  writeAction: 'dashboard.configure',
  decode: (stored) => {
    const rule = (stored as { rule?: string } | undefined)?.rule;
    return {
      rule: (sharedInvestorRules as readonly string[]).includes(rule ?? '')
        ? (rule as SharedInvestorRule)
        : 'first_reporter',
    };
  },
  encode: (value) => ({ rule: value.rule }),
});

/** The tenant's rule (for the service marking duplicates and the dashboard's card; already authorised). */
export async function sharedInvestorRuleOf(db: Tx, tenantId: string): Promise<SharedInvestorRule> {
  return (await setting.read(db, tenantId)).rule;
}

export async function getSharedInvestorSetting(ctx: Ctx, tenantId?: string): Promise<SharedInvestorSetting> {
  return setting.get(ctx, tenantId);
}

/** Sets the caller's tenant's rule (versioned; audited). */
export async function updateSharedInvestorSetting(
  ctx: Ctx,
  input: SharedInvestorSetting & { tenantId?: string },
) {
  return setting.update(ctx, { rule: input.rule }, input.version, input.tenantId);
}
