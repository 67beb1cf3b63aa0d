import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { listIndustryChildren, searchIndustries } from './industry.repo.ts';
import { listFocusIndustries as listFocusRows } from './focus-industry.repo.ts';
import { tenantsToList } from '../tenants/scope.ts';
import { listAllTenantIds } from '../tenants/tenant.repo.ts';

/** GB/T 4754-2017: children of a code (none = the 20 sections), or a search by name/code. */
export async function listIndustries(ctx: Ctx, query: { parent?: string; q?: string }) {
  await authorize(ctx, 'reference.read');
  const rows = query.q
    ? await searchIndustries(ctx.db, query.q, 50)
    : await listIndustryChildren(ctx.db, query.parent ?? null);
  return rows.map((r) => ({
    code: r.code,
    level: r.level,
    name: r.name,
    parentCode: r.parent_code,
    note: r.note,
  }));
}

export async function listFocusIndustries(ctx: Ctx, tenantId?: string) {
  await authorize(ctx, 'reference.read');
  const ids = tenantsToList(ctx, 'reference.read', tenantId) ?? (await listAllTenantIds(ctx.db));
  return (await listFocusRows(ctx.db, ids)).map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    codePrefixes: r.code_prefixes,
    sortOrder: r.sort_order,
    version: r.version,
  }));
}
