import type { Ctx } from '../context.ts';
import { tenantsToList } from '../tenants/scope.ts';
import { listProjectSubmissions } from '../projects/project.review.ts';
import { listLeadSubmissions } from '../leads/lead.review.ts';

/**
 * 报送审核 list: projects and leads awaiting the coordination group's review (status pending), or
 * returned to their unit with a reason (refused). Unit staff see their own unit's.
 */
export async function listSubmissions(ctx: Ctx, query: { status: 'pending' | 'refused'; tenantId?: string }) {
  const tenantIds = tenantsToList(ctx, 'review.read', query.tenantId);
  return {
    status: query.status,
    projects: await listProjectSubmissions(ctx, query.status, tenantIds),
    leads: await listLeadSubmissions(ctx, query.status, tenantIds),
  };
}
