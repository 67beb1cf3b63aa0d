/**
 * The password and account policy, per tenant with inheritance: a tenant's effective policy is the
 * strictest of its own saved rules and every ancestor's, so a district can only tighten what its city
 * sets and a city's tightening reaches every district at once. A district's security administrator can
 * no longer weaken the rules of any other tenant (issue 12, item 9).
 */
import {
  defaultPasswordPolicy,
  looserRules,
  passwordPolicySchema,
  strictestPolicy,
  type PasswordPolicy,
} from '@landfall/domain';
import type { Ctx, Tx } from '../context.ts';
import { AppError } from '../http/app-error.ts';
import { authorize } from '../auth/authorize.ts';
import { getTenant } from '../tenants/tenant.repo.ts';
import { targetTenant } from '../tenants/scope.ts';
import { tenantSetting } from './tenant-setting.ts';

const setting = tenantSetting<{ policy: PasswordPolicy | null }>({
  key: 'password_policy',
  readAction: 'settings.update',
  writeAction: 'settings.update',
  decode: (stored) => ({
    policy:
      stored === undefined || stored === null
        ? null
        : passwordPolicySchema.parse({ ...defaultPasswordPolicy, ...(stored as object) }),
  }),
  encode: (value) => value.policy,
});

/** The policy in force for a tenant's accounts (the default before setup, when there is no tenant). */
export async function getPasswordPolicy(db: Tx, tenantId?: string | null): Promise<PasswordPolicy> {
  return (await describeTenantPolicy(db, tenantId)).policy;
}

/**
 * A tenant's policy in force, what its parent imposes (the floor it may not go below), and the version of
 * its own saved rules (0 while it only inherits).
 */
export async function describeTenantPolicy(db: Tx, tenantId?: string | null) {
  if (!tenantId)
    return { tenantId: null, policy: defaultPasswordPolicy, inherited: null, own: null, version: 0 };
  const tenant = await getTenant(db, tenantId);
  const chain = tenant.path.split('/').filter(Boolean);
  let floor: PasswordPolicy | null = null;
  let policy: PasswordPolicy = defaultPasswordPolicy;
  let own: PasswordPolicy | null = null;
  let version = 0;
  for (const id of chain) {
    const saved = await setting.read(db, id);
    const here: PasswordPolicy = saved.policy ?? floor ?? defaultPasswordPolicy;
    const effective: PasswordPolicy = floor ? strictestPolicy(here, floor) : here;
    if (id === tenantId) {
      own = saved.policy;
      version = saved.version;
      policy = effective;
    } else {
      floor = effective;
    }
  }
  return { tenantId, policy, inherited: floor, own, version };
}

/** The top tenant's id (the policy a visitor who is not signed in sees), or null before setup. */
async function topTenantId(db: Tx): Promise<string | null> {
  const row = await db
    .selectFrom('tenant')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** GET /api/password-policy: a tenant's rules in force (the top tenant's when none is named). */
export async function readPasswordPolicy(ctx: Ctx, tenantId?: string) {
  const described = await describeTenantPolicy(ctx.db, tenantId ?? (await topTenantId(ctx.db)));
  return { ...described.policy, version: described.version, inherited: described.inherited };
}

/**
 * The security administrator saves a tenant's own rules (their own tenant's, or one below it); a rule
 * looser than what the parent imposes is refused, naming the field and the parent's value.
 */
export async function updatePasswordPolicy(
  ctx: Ctx,
  input: PasswordPolicy & { version: number; tenantId?: string },
) {
  const tenantId = targetTenant(ctx, input.tenantId);
  const value: PasswordPolicy = {
    minLength: input.minLength,
    minClasses: input.minClasses,
    idleDays: input.idleDays,
  };
  await authorize(ctx, 'settings.update', { type: 'setting', tenantId });
  const { inherited } = await describeTenantPolicy(ctx.db, tenantId);
  if (inherited) {
    const looser = looserRules(value, inherited);
    if (looser.length) {
      const zh = ctx.locale === 'zh-CN';
      const says: Record<keyof PasswordPolicy, string> = {
        minLength: zh
          ? `上级区域要求至少 ${inherited.minLength} 位，本区域只能更严`
          : `The parent tenant requires at least ${inherited.minLength} characters; this tenant can only be stricter`,
        minClasses: zh
          ? `上级区域要求至少 ${inherited.minClasses} 类字符，本区域只能更严`
          : `The parent tenant requires at least ${inherited.minClasses} classes; this tenant can only be stricter`,
        idleDays: zh
          ? `上级区域要求闲置 ${inherited.idleDays} 天即停用，本区域只能更短`
          : `The parent tenant disables accounts idle ${inherited.idleDays} days; this tenant can only be shorter`,
      };
      throw new AppError('validation_failed', undefined, {
        fields: looser.map((field) => ({ path: [field], message: says[field] })),
      });
    }
  }
  const saved = await setting.update(ctx, { policy: value }, input.version, tenantId);
  const described = await describeTenantPolicy(ctx.db, tenantId);
  return { ...described.policy, version: saved.version, inherited: described.inherited };
}
