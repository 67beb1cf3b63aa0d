import type { Ctx } from '../context.ts';
import { visibleTenantIds, type Action } from '../auth/policy.ts';
import { AppError, invalidField } from '../http/app-error.ts';

/**
 * The tenants a list request covers: the one asked for (when the actor may see
 * it, else not_found) or every tenant the actor may see for that action.
 */
export function tenantsToList(ctx: Ctx, action: Action, tenantId: string | undefined): string[] | undefined {
  if (!ctx.actor) throw new AppError('unauthenticated');
  const visible = visibleTenantIds(ctx.actor, action);
  if (!tenantId) return visible;
  if (visible && !visible.includes(tenantId)) throw new AppError('not_found');
  return [tenantId];
}

/** The tenant a new record goes into: the one named, else the actor's own. */
export function targetTenant(ctx: Ctx, tenantId: string | undefined): string {
  const id = tenantId ?? ctx.actor?.tenantId;
  if (!id) throw invalidField(ctx, 'tenantId', { zh: '请选择区域', en: 'Choose a tenant' });
  return id;
}
