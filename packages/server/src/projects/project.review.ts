import { reviewDecisionSchema, type ReviewDecisionInput } from '@landfall/domain/schemas/coordination';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { assertAwaitingReview, reviewDecisionColumns } from '../settings/review-decision.ts';
import { toProject } from './project.mapper.ts';
import { findProject, listProjectsInReview, setProjectReview } from './project.repo.ts';

/**
 * 报送审核: the coordination group approves a project a unit submitted — from then on it counts in
 * the library, stats, dashboard and briefs — or returns it with the reason, which the unit sees
 * (its bell, the review list, the project). Only a pending project is reviewed (409 otherwise).
 */
export async function reviewProject(ctx: Ctx, id: string, raw: ReviewDecisionInput) {
  const input = reviewDecisionSchema.parse(raw);
  const before = await findProject(ctx.db, id);
  if (!before) throw new AppError('not_found');
  await authorize(ctx, 'review.decide', {
    type: 'project',
    id,
    tenantId: before.tenant_id,
    unitId: before.unit_id,
  });
  assertAwaitingReview(ctx, before.review_status, { zh: '项目', en: 'project' });
  return ctx.db.transaction().execute(async (trx) => {
    const after = await setProjectReview(trx, id, reviewDecisionColumns(ctx, input));
    if (!after) throw new AppError('conflict');
    await recordAudit(trx, ctx, {
      action: 'review.decide',
      recordType: 'project',
      recordId: id,
      tenantId: before.tenant_id,
      before: toProject(before),
      after: toProject(after),
    });
    return toProject(after);
  });
}

/** Projects awaiting review or refused: the coordination group's queue, or a unit's own submissions. */
export async function listProjectSubmissions(
  ctx: Ctx,
  status: 'pending' | 'refused',
  page: { offset: number; limit: number },
  tenantIds?: string[],
) {
  const actor = await authorize(ctx, 'review.read');
  const scope = listScope(actor, 'review.read');
  const { rows, total } = await listProjectsInReview(
    ctx.db,
    { ...scope, tenantIds: tenantIds ?? scope.tenantIds },
    status,
    page,
  );
  return { items: rows.map(toProject), total };
}
