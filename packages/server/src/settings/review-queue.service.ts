import type { Ctx } from '../context.ts';
import { tenantsToList } from '../tenants/scope.ts';
import { listProjectSubmissions } from '../projects/project.review.ts';
import { listLeadSubmissions } from '../leads/lead.review.ts';

/**
 * 报送审核 list: projects and leads awaiting the coordination group's review (status pending), or
 * returned to their unit with a reason (refused). Unit staff see their own unit's.
 */
export async function listSubmissions(
  ctx: Ctx,
  query: { status: 'pending' | 'refused'; tenantId?: string; page?: number; pageSize?: number },
) {
  const tenantIds = tenantsToList(ctx, 'review.read', query.tenantId);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  // The same page of each list: page N holds the Nth slice of the projects and of the leads.
  const slice = { offset: (page - 1) * pageSize, limit: pageSize };
  const projects = await listProjectSubmissions(ctx, query.status, slice, tenantIds);
  const leads = await listLeadSubmissions(ctx, query.status, slice, tenantIds);
  return {
    status: query.status,
    page,
    pageSize,
    projects: projects.items,
    projectsTotal: projects.total,
    leads: leads.items,
    leadsTotal: leads.total,
  };
}
