import {
  enterpriseInputSchema,
  type EnterpriseInput,
  type EnterpriseQuery,
  type EnterpriseUpdateInput,
} from '@landfall/domain/schemas/enterprise';
import type { Ctx, Tx } from '../context.ts';
import type { EnterpriseRow } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { visibleTenantIds } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { assertDivision, assertIndustry } from '../industries/reference-check.ts';
import { targetTenant } from '../tenants/scope.ts';
import {
  findEnterprise,
  findEnterpriseByCreditCode,
  insertEnterprise,
  listEnterprises as listEnterpriseRows,
  updateEnterprise as updateEnterpriseRow,
} from './enterprise.repo.ts';

export function toEnterprise(row: EnterpriseRow) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    creditCode: row.credit_code,
    divisionCode: row.division_code,
    capitalKind: row.capital_kind,
    industryCode: row.industry_code,
    tags: row.tags,
    isLocal: row.is_local,
    unitId: row.unit_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type Enterprise = ReturnType<typeof toEnterprise>;

export async function listEnterprises(ctx: Ctx, query: EnterpriseQuery) {
  const actor = await authorize(ctx, 'enterprise.read');
  const { items, total } = await listEnterpriseRows(
    ctx.db,
    visibleTenantIds(actor, 'enterprise.read'),
    query,
  );
  return { items: items.map(toEnterprise), total };
}

export async function getEnterprise(ctx: Ctx, id: string) {
  const row = await findEnterprise(ctx.db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, 'enterprise.read', {
    type: 'enterprise',
    id,
    tenantId: row.tenant_id,
    unitId: row.unit_id,
  });
  return toEnterprise(row);
}

async function checkReferences(
  ctx: Ctx,
  db: Tx,
  input: { divisionCode?: string | null; industryCode?: string | null },
) {
  await assertDivision(ctx, db, input.divisionCode, 'divisionCode');
  await assertIndustry(ctx, db, input.industryCode, 'industryCode');
}

/** One enterprise per credit code per tenant: a second report of the same code points to the first. */
async function assertCreditCodeFree(db: Tx, tenantId: string, creditCode: string | null, exceptId?: string) {
  if (!creditCode) return;
  const existing = await findEnterpriseByCreditCode(db, tenantId, creditCode);
  if (existing && existing.id !== exceptId) {
    throw new AppError('duplicate', undefined, {
      fields: [{ path: ['creditCode'], message: `该统一社会信用代码已登记为“${existing.name}”` }],
      existing: { id: existing.id, name: existing.name },
    });
  }
}

/** Creates an enterprise inside an open transaction (used by the project and lead services too). */
export async function insertEnterpriseWithAudit(ctx: Ctx, trx: Tx, tenantId: string, raw: EnterpriseInput) {
  const input = enterpriseInputSchema.parse(raw);
  await checkReferences(ctx, trx, input);
  await assertCreditCodeFree(trx, tenantId, input.creditCode);
  const now = ctx.clock.now();
  const row = await insertEnterprise(trx, {
    tenant_id: tenantId,
    name: input.name,
    credit_code: input.creditCode,
    division_code: input.divisionCode ?? null,
    capital_kind: input.capitalKind,
    industry_code: input.industryCode ?? null,
    tags: [...new Set(input.tags)],
    is_local: input.isLocal,
    unit_id: ctx.actor?.unitId ?? null,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(trx, ctx, {
    action: 'enterprise.create',
    recordType: 'enterprise',
    recordId: row.id,
    tenantId,
    after: toEnterprise(row),
  });
  return row;
}

export async function createEnterprise(ctx: Ctx, input: EnterpriseInput & { tenantId?: string }) {
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'enterprise.create', { type: 'enterprise', tenantId });
  return ctx.db
    .transaction()
    .execute(async (trx) => toEnterprise(await insertEnterpriseWithAudit(ctx, trx, tenantId, input)));
}

export async function updateEnterprise(ctx: Ctx, id: string, raw: EnterpriseUpdateInput) {
  const before = await findEnterprise(ctx.db, id);
  if (!before) throw new AppError('not_found');
  await authorize(ctx, 'enterprise.update', {
    type: 'enterprise',
    id,
    tenantId: before.tenant_id,
    unitId: before.unit_id,
  });
  const input = enterpriseInputSchema.parse(raw);
  return ctx.db.transaction().execute(async (trx) => {
    await checkReferences(ctx, trx, input);
    await assertCreditCodeFree(trx, before.tenant_id, input.creditCode, id);
    const after = await updateEnterpriseRow(trx, id, raw.version, {
      name: input.name,
      credit_code: input.creditCode,
      division_code: input.divisionCode ?? null,
      capital_kind: input.capitalKind,
      industry_code: input.industryCode ?? null,
      tags: [...new Set(input.tags)],
      is_local: input.isLocal,
      updated_at: ctx.clock.now(),
    });
    if (!after) {
      const current = await findEnterprise(trx, id);
      throw new AppError('stale_version', undefined, { current: current && toEnterprise(current) });
    }
    await recordAudit(trx, ctx, {
      action: 'enterprise.update',
      recordType: 'enterprise',
      recordId: id,
      tenantId: before.tenant_id,
      before: toEnterprise(before),
      after: toEnterprise(after),
    });
    return toEnterprise(after);
  });
}
