/** The tenant's closing rules (签发 required, 补录 allowed): a `setting` row per tenant, both off by default. */
import { closingSettingSchema, type ClosingSetting } from '@landfall/domain/schemas/closing';
import type { Ctx, Tx } from '../context.ts';
import { tenantSetting } from '../settings/tenant-setting.ts';

const setting = tenantSetting<{ signOffRequired: boolean; lateEntries: boolean }>({
  key: 'closing',
  readAction: 'month.read',
  writeAction: 'month.configure',
  decode: (stored) => {
    const value = (stored ?? {}) as { signOffRequired?: boolean; lateEntries?: boolean };
    return { signOffRequired: value.signOffRequired === true, lateEntries: value.lateEntries === true };
  },
  encode: (value) => ({ signOffRequired: value.signOffRequired, lateEntries: value.lateEntries }),
});

export async function readClosingSetting(db: Tx, tenantId: string): Promise<ClosingSetting> {
  return setting.read(db, tenantId);
}

export async function getClosingSetting(ctx: Ctx, tenantId?: string) {
  return setting.get(ctx, tenantId);
}

/** Sets the tenant's closing rules (versioned; audited). */
export async function updateClosingSetting(ctx: Ctx, raw: ClosingSetting & { tenantId?: string }) {
  const input = closingSettingSchema.parse(raw);
  return setting.update(
    ctx,
    { signOffRequired: input.signOffRequired, lateEntries: input.lateEntries },
    input.version,
    raw.tenantId,
  );
}
