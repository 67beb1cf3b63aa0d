import type { AccountRequestRow } from '../db/schema.ts';

/** A two-person request as the API shows it: never the password hash it carries. */
export function toAccountRequest(row: AccountRequestRow) {
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<
    string,
    unknown
  >;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    targetUserId: row.target_user_id,
    targetUsername: row.target_username,
    targetRole: row.target_role,
    /** For a role change: the role asked for; for a new account: its display name. */
    newRole: typeof payload.role === 'string' ? payload.role : null,
    displayName: typeof payload.displayName === 'string' ? payload.displayName : null,
    status: row.status,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    requestedByRole: row.requested_by_role,
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    reason: row.reason,
  };
}

export type AccountRequest = ReturnType<typeof toAccountRequest>;
