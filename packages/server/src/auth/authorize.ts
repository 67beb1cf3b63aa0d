import type { Ctx } from '../context.ts';
import { AppError } from '../http/app-error.ts';
import { decide, type Action, type Actor, type RecordScope } from './policy.ts';
import { recordDenial } from '../audit/audit.service.ts';

/**
 * The service-layer gate: asks the policy, records a denial in the audit log,
 * and throws forbidden (403) or not_found (404, as if the record did not exist).
 */
export async function authorize(
  ctx: Ctx,
  action: Action,
  record?: RecordScope & { type?: string; id?: string },
): Promise<Actor> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  const decision = decide(actor, action, record);
  if (decision === 'allow') return actor;
  await recordDenial(
    ctx,
    action,
    record ? { type: record.type ?? 'record', id: record.id, tenantId: record.tenantId } : undefined,
  );
  throw new AppError(decision);
}
