import type { ConvenerCreateInput, ConvenerUpdateInput } from '@landfall/domain';
import type { Ctx, Tx } from '../context.ts';
import type { ConvenerRow } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { tenantsToList, targetTenant } from '../tenants/scope.ts';
import { listAllTenantIds } from '../tenants/tenant.repo.ts';
import { findUser } from '../users/user.repo.ts';
import {
  findConvener,
  insertConvener,
  listConveners as listConvenerRows,
  updateConvener as updateConvenerRow,
} from './convener.repo.ts';

export function toConvener(row: ConvenerRow) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    title: row.title,
    userId: row.user_id,
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listConveners(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'convener.read');
  const ids = tenantsToList(ctx, 'convener.read', tenantId) ?? (await listAllTenantIds(ctx.db));
  return (await listConvenerRows(ctx.db, ids)).map(toConvener);
}

/** A convener may be linked to the account of a leader of the same tenant. */
async function assertLeaderAccount(ctx: Ctx, db: Tx, userId: string | null | undefined, tenantId: string) {
  if (!userId) return;
  const user = await findUser(db, userId);
  if (!user || user.tenant_id !== tenantId || user.role !== 'leader') {
    throw invalidField(ctx, 'userId', {
      zh: '只能关联本区域的领导账号',
      en: 'Link only a leader account of this tenant',
    });
  }
}

export async function createConvener(ctx: Ctx, input: ConvenerCreateInput) {
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'convener.create', { type: 'convener', tenantId });
  return ctx.db.transaction().execute(async (trx) => {
    await assertLeaderAccount(ctx, trx, input.userId, tenantId);
    const row = await insertConvener(trx, {
      tenant_id: tenantId,
      name: input.name,
      title: input.title,
      user_id: input.userId ?? null,
      created_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'convener.create',
      recordType: 'convener',
      recordId: row.id,
      tenantId,
      after: toConvener(row),
    });
    return toConvener(row);
  });
}

export async function updateConvener(ctx: Ctx, id: string, input: ConvenerUpdateInput) {
  const before = await findConvener(ctx.db, id);
  if (!before) throw new AppError('not_found');
  await authorize(ctx, 'convener.update', { type: 'convener', id, tenantId: before.tenant_id });
  return ctx.db.transaction().execute(async (trx) => {
    await assertLeaderAccount(ctx, trx, input.userId, before.tenant_id);
    const after = await updateConvenerRow(trx, id, input.version, {
      name: input.name,
      title: input.title,
      user_id: input.userId,
      active: input.active,
    });
    if (!after) {
      const current = await findConvener(trx, id);
      throw new AppError('stale_version', undefined, { current: current && toConvener(current) });
    }
    await recordAudit(trx, ctx, {
      action: 'convener.update',
      recordType: 'convener',
      recordId: id,
      tenantId: before.tenant_id,
      before: toConvener(before),
      after: toConvener(after),
    });
    return toConvener(after);
  });
}
