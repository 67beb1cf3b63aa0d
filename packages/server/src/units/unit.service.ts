import type { UnitCreateInput, UnitUpdateInput } from '@landfall/domain';
import type { Ctx, Tx } from '../context.ts';
import type { UnitRow } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import type { Action } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { findGroup } from '../groups/group.repo.ts';
import { tenantsToList, targetTenant } from '../tenants/scope.ts';
import { listAllTenantIds } from '../tenants/tenant.repo.ts';
import { findUnit, insertUnit, listUnits as listUnitRows, updateUnit as updateUnitRow } from './unit.repo.ts';

export function toUnit(row: UnitRow) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    kind: row.kind,
    groupId: row.group_id,
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listUnits(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'unit.read');
  const ids = tenantsToList(ctx, 'unit.read', tenantId) ?? (await listAllTenantIds(ctx.db));
  return (await listUnitRows(ctx.db, ids)).map(toUnit);
}

/** A unit's group must be one of its own tenant's groups. */
async function assertGroupInTenant(ctx: Ctx, db: Tx, groupId: string | null | undefined, tenantId: string) {
  if (!groupId) return;
  const group = await findGroup(db, groupId);
  if (!group || group.tenant_id !== tenantId) {
    throw invalidField(ctx, 'groupId', { zh: '工作组不存在', en: 'No such group' });
  }
}

export async function createUnit(ctx: Ctx, input: UnitCreateInput) {
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'unit.create', { type: 'unit', tenantId });
  return ctx.db.transaction().execute(async (trx) => {
    await assertGroupInTenant(ctx, trx, input.groupId, tenantId);
    const row = await insertUnit(trx, {
      tenant_id: tenantId,
      name: input.name,
      kind: input.kind,
      group_id: input.groupId ?? null,
      created_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, {
      action: 'unit.create',
      recordType: 'unit',
      recordId: row.id,
      tenantId,
      after: toUnit(row),
    });
    return toUnit(row);
  });
}

export async function updateUnit(ctx: Ctx, id: string, input: UnitUpdateInput) {
  const before = await findUnit(ctx.db, id);
  if (!before) throw new AppError('not_found');
  await authorize(ctx, 'unit.update', { type: 'unit', id, tenantId: before.tenant_id });
  return ctx.db.transaction().execute(async (trx) => {
    await assertGroupInTenant(ctx, trx, input.groupId, before.tenant_id);
    const after = await updateUnitRow(trx, id, input.version, {
      name: input.name,
      kind: input.kind,
      group_id: input.groupId,
      active: input.active,
    });
    if (!after) {
      const current = await findUnit(trx, id);
      throw new AppError('stale_version', undefined, { current: current && toUnit(current) });
    }
    await recordAudit(trx, ctx, {
      action: 'unit.update',
      recordType: 'unit',
      recordId: id,
      tenantId: before.tenant_id,
      before: toUnit(before),
      after: toUnit(after),
    });
    return toUnit(after);
  });
}

/** Loads a unit the actor may act on for `action` (404 outside their scope, as if it did not exist). */
export async function loadUnit(ctx: Ctx, id: string, action: Action) {
  const row = await findUnit(ctx.db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, action, { type: 'unit', id, tenantId: row.tenant_id, unitId: row.id });
  return row;
}
