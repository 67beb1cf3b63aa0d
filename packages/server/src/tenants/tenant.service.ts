import { defaultFocusIndustries } from '@landfall/domain/focus-industries';
import {
  defaultGroups,
  type TenantCreateInput,
  type TenantLevel,
  type TenantUpdateInput,
} from '@landfall/domain';
import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { visibleTenantIds } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { listDivisionLineage } from '../divisions/division.repo.ts';
import { insertGroup } from '../groups/group.repo.ts';
import { insertFocusIndustry } from '../industries/focus-industry.repo.ts';
import {
  findTenant,
  getTenant,
  insertTenant,
  listTenants as listTenantRows,
  updateTenantName,
} from './tenant.repo.ts';
import type { TenantRecord } from './tenant.repo.ts';

const levelOf = { province: 'province', city: 'city', county: 'district' } as const;
const depth: Record<TenantLevel, number> = { province: 0, city: 1, district: 2 };

export function toTenant(row: TenantRecord) {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    divisionCode: row.division_code,
    divisionName: row.division_name,
    level: row.level,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listTenants(ctx: Ctx) {
  const actor = await authorize(ctx, 'tenant.read');
  const rows = await listTenantRows(ctx.db, visibleTenantIds(actor, 'tenant.read'));
  return rows.map(toTenant);
}

/**
 * Inserts a tenant with its default working groups and focus industries. Used by setup (the root
 * tenant) and by administrators adding a district under a city.
 */
export async function insertTenantWithGroups(
  ctx: Ctx,
  trx: Tx,
  input: { name: string; divisionCode: string; parent: TenantRecord | null },
) {
  const lineage = await listDivisionLineage(trx, input.divisionCode);
  const division = lineage[0];
  if (!division) {
    throw invalidField(ctx, 'divisionCode', { zh: '行政区划代码不存在', en: 'Unknown division code' });
  }
  const level = levelOf[division.level as keyof typeof levelOf];
  if (input.parent) {
    const under = lineage.some((d) => d.code === input.parent?.division_code);
    if (!under || depth[level] <= depth[input.parent.level]) {
      throw invalidField(ctx, 'divisionCode', {
        zh: `${division.name} 不是 ${input.parent.division_name} 的下级区划`,
        en: `${division.name} is not below ${input.parent.division_name}`,
      });
    }
  }
  const id = crypto.randomUUID();
  const now = ctx.clock.now();
  const tenant = await insertTenant(trx, {
    id,
    parent_id: input.parent?.id ?? null,
    path: `${input.parent?.path ?? '/'}${id}/`,
    name: input.name,
    division_code: input.divisionCode,
    level,
    created_at: now,
  });
  for (const [i, g] of defaultGroups.entries()) {
    await insertGroup(trx, { tenant_id: id, name: g.name, kind: g.kind, sort_order: i + 1, created_at: now });
  }
  for (const [i, f] of defaultFocusIndustries.entries()) {
    await insertFocusIndustry(trx, {
      tenant_id: id,
      name: f.name,
      code_prefixes: f.codePrefixes,
      sort_order: i + 1,
      created_at: now,
    });
  }
  return tenant;
}

/** The tenant of a division, if one exists (an import at a province finds a district's city). */
export async function findTenantByDivision(db: Tx, divisionCode: string) {
  const row = await db
    .selectFrom('tenant')
    .select('id')
    .where('division_code', '=', divisionCode)
    .executeTakeFirst();
  return row ? getTenant(db, row.id) : undefined;
}

/**
 * Tenants by id (every tenant for undefined), in tree order: for a feature that has authorised its
 * own read over them (the library's 区县 filter names the tenants its reader sees).
 */
export async function listTenantsIn(db: Tx, ids: readonly string[] | undefined) {
  // In GB/T 2260 order (a province, its cities, their districts), the same on every engine.
  return (await listTenantRows(db, ids ? [...ids] : undefined))
    .map(toTenant)
    .sort((a, b) => (a.divisionCode < b.divisionCode ? -1 : a.divisionCode > b.divisionCode ? 1 : 0));
}

/** The district tenants anywhere below a city or province. */
export async function listDistrictsBelow(db: Tx, tenant: { path: string }) {
  return db
    .selectFrom('tenant')
    .select(['id', 'name', 'division_code'])
    .where('level', '=', 'district')
    .where('path', 'like', `${tenant.path}%`)
    .orderBy('division_code')
    .execute();
}

export async function createTenant(ctx: Ctx, input: TenantCreateInput) {
  const parent = await findTenant(ctx.db, input.parentId);
  if (!parent) throw new AppError('not_found');
  await authorize(ctx, 'tenant.create', { type: 'tenant', id: parent.id, tenantId: parent.id });
  return ctx.db.transaction().execute(async (trx) => {
    const tenant = await insertTenantWithGroups(ctx, trx, { ...input, parent });
    await recordAudit(trx, ctx, {
      action: 'tenant.create',
      recordType: 'tenant',
      recordId: tenant.id,
      tenantId: tenant.id,
      after: toTenant(tenant),
    });
    return toTenant(tenant);
  });
}

export async function updateTenant(ctx: Ctx, id: string, input: TenantUpdateInput) {
  const before = await findTenant(ctx.db, id);
  if (!before) throw new AppError('not_found');
  await authorize(ctx, 'tenant.update', { type: 'tenant', id, tenantId: id });
  return ctx.db.transaction().execute(async (trx) => {
    const after = await updateTenantName(trx, id, input.version, input.name);
    if (!after)
      throw new AppError('stale_version', undefined, { current: toTenant(await getTenant(trx, id)) });
    await recordAudit(trx, ctx, {
      action: 'tenant.update',
      recordType: 'tenant',
      recordId: id,
      tenantId: id,
      before: toTenant(before),
      after: toTenant(after),
    });
    return toTenant(after);
  });
}
