import type { ReviewDecisionInput } from '@landfall/domain/schemas/coordination';
import type { Ctx } from '../context.ts';
import { AppError } from '../http/app-error.ts';

/**
 * 报送审核, shared by leads and projects: a decision applies only to a record awaiting review
 * (409 otherwise), and writes the same four review columns whatever the record.
 */
export function assertAwaitingReview(
  ctx: Ctx,
  status: 'pending' | 'approved' | 'refused',
  what: { zh: string; en: string },
) {
  if (status !== 'pending') {
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN' ? `该${what.zh}不在待审核状态` : `This ${what.en} is not awaiting review`,
    );
  }
}

export function reviewDecisionColumns(ctx: Ctx, input: ReviewDecisionInput) {
  const approved = input.decision === 'approve';
  return {
    review_status: approved ? ('approved' as const) : ('refused' as const),
    review_reason: approved ? '' : input.reason,
    reviewed_at: ctx.clock.now(),
    reviewed_by: ctx.actor?.id ?? null,
  };
}
