import type { AppUserRow } from '../db/schema.ts';

/** The account as the API shows it: never the password hash. */
export function toUser(row: AppUserRow) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    disabled: row.disabled,
    /** 'idle': disabled at login after the tenant's idle limit. */
    disabledReason: row.disabled_reason,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export type User = ReturnType<typeof toUser>;
