import { reviewDecisionSchema, type ReviewDecisionInput } from '@landfall/domain/schemas/coordination';
import { shanghaiToday } from '@landfall/domain/dates';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { assertAwaitingReview, reviewDecisionColumns } from '../settings/review-decision.ts';
import { toLead } from './lead.service.ts';
import { findLead, listLeadsInReview, setLeadReview } from './lead.repo.ts';

/**
 * 报送审核: the coordination group approves a lead a unit reported — from then on it counts in the
 * information library and briefs — or returns it with the reason the unit sees. Pending only (409).
 */
export async function reviewLead(ctx: Ctx, id: string, raw: ReviewDecisionInput) {
  const input = reviewDecisionSchema.parse(raw);
  const before = await findLead(ctx.db, id);
  if (!before) throw new AppError('not_found');
  await authorize(ctx, 'review.decide', {
    type: 'lead',
    id,
    tenantId: before.tenant_id,
    unitId: before.unit_id,
  });
  assertAwaitingReview(ctx, before.review_status, { zh: '线索', en: 'lead' });
  const today = shanghaiToday(ctx.clock.now());
  return ctx.db.transaction().execute(async (trx) => {
    const after = await setLeadReview(trx, id, reviewDecisionColumns(ctx, input));
    if (!after) throw new AppError('conflict');
    await recordAudit(trx, ctx, {
      action: 'review.decide',
      recordType: 'lead',
      recordId: id,
      tenantId: before.tenant_id,
      before: toLead(before, today),
      after: toLead(after, today),
    });
    return toLead(after, today);
  });
}

/** Leads awaiting review or refused: the coordination group's queue, or a unit's own submissions. */
export async function listLeadSubmissions(
  ctx: Ctx,
  status: 'pending' | 'refused',
  page: { offset: number; limit: number },
  tenantIds?: string[],
) {
  const actor = await authorize(ctx, 'review.read');
  const scope = listScope(actor, 'review.read');
  const today = shanghaiToday(ctx.clock.now());
  const { rows, total } = await listLeadsInReview(
    ctx.db,
    { ...scope, tenantIds: tenantIds ?? scope.tenantIds },
    status,
    page,
  );
  return { items: rows.map((r) => toLead(r, today)), total };
}
