import type { GroupCreateInput, GroupUpdateInput } from '@landfall/domain';
import type { Ctx } from '../context.ts';
import type { WorkGroupRow } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { tenantsToList, targetTenant } from '../tenants/scope.ts';
import { listAllTenantIds } from '../tenants/tenant.repo.ts';
import {
  findGroup,
  insertGroup,
  listGroups as listGroupRows,
  updateGroup as updateGroupRow,
} from './group.repo.ts';

export function toGroup(row: WorkGroupRow) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    kind: row.kind,
    sortOrder: row.sort_order,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listGroups(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'group.read');
  const ids = tenantsToList(ctx, 'group.read', tenantId) ?? (await listAllTenantIds(ctx.db));
  return (await listGroupRows(ctx.db, ids)).map(toGroup);
}

export async function createGroup(ctx: Ctx, input: GroupCreateInput) {
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'group.create', { type: 'work_group', tenantId });
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertGroup(trx, {
      tenant_id: tenantId,
      name: input.name,
      kind: 'other',
      sort_order: 100,
      created_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'group.create',
      recordType: 'work_group',
      recordId: row.id,
      tenantId,
      after: toGroup(row),
    });
    return toGroup(row);
  });
}

/** Renames a working group; its kind (which of the four it is) stays. */
export async function updateGroup(ctx: Ctx, id: string, input: GroupUpdateInput) {
  const before = await findGroup(ctx.db, id);
  if (!before) throw new AppError('not_found');
  await authorize(ctx, 'group.update', { type: 'work_group', id, tenantId: before.tenant_id });
  return ctx.db.transaction().execute(async (trx) => {
    const after = await updateGroupRow(trx, id, input.version, { name: input.name });
    if (!after) {
      const current = await findGroup(trx, id);
      throw new AppError('stale_version', undefined, { current: current && toGroup(current) });
    }
    await recordAudit(trx, ctx, {
      action: 'group.update',
      recordType: 'work_group',
      recordId: id,
      tenantId: before.tenant_id,
      before: toGroup(before),
      after: toGroup(after),
    });
    return toGroup(after);
  });
}
