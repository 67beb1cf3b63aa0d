import type { Tx } from '../context.ts';
import type { Role } from '@landfall/domain';
import type { Actor } from './policy.ts';
import { listSubtreeTenantIds } from './session.repo.ts';

/** The actor a user acts as: their role, tenant, unit and the tenants below theirs. */
export async function actorOf(
  db: Tx,
  user: { id: string; username: string; role: Role; tenant_id: string; unit_id: string | null },
  tenantPath: string,
): Promise<Actor> {
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    role: user.role,
    tenantId: user.tenant_id,
    unitId: user.unit_id,
    subtreeTenantIds: await listSubtreeTenantIds(db, tenantPath),
  };
}
