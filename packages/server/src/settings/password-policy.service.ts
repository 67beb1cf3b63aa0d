import { defaultPasswordPolicy, passwordPolicySchema, type PasswordPolicy } from '@landfall/domain';
import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { findSetting, upsertSetting } from './setting.repo.ts';

const KEY = 'password_policy';

export async function getPasswordPolicy(db: Tx): Promise<PasswordPolicy & { version: number }> {
  const row = await findSetting(db, KEY);
  if (!row) return { ...defaultPasswordPolicy, version: 0 };
  return { ...passwordPolicySchema.parse(row.value), version: row.version };
}

export async function updatePasswordPolicy(ctx: Ctx, input: PasswordPolicy & { version: number }) {
  const actor = await authorize(ctx, 'settings.update');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getPasswordPolicy(trx);
    const value = { minLength: input.minLength, minClasses: input.minClasses };
    const row = await upsertSetting(trx, KEY, value, input.version, ctx.clock.now());
    if (!row) throw new AppError('stale_version', undefined, { current: before });
    await recordAudit(trx, ctx, {
      action: 'settings.update',
      recordType: 'setting',
      recordId: KEY,
      tenantId: actor.tenantId,
      before,
      after: value,
    });
    return { ...value, version: row.version };
  });
}
