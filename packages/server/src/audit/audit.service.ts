import { createHash } from 'node:crypto';
import type { AuditQuery } from '@landfall/domain';
import type { Ctx, Tx } from '../context.ts';
import { visibleTenantIds, type Action } from '../auth/policy.ts';
import { insertAuditEntry, listAuditEntries, readAuditSnapshots } from './audit.repo.ts';
import { authorize } from '../auth/authorize.ts';

export interface AuditEvent {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  recordType?: string | null;
  recordId?: string | null;
  /** The tenant the record belongs to; defaults to the actor's. */
  tenantId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Overrides for events without a logged-in actor (login attempts). */
  actorId?: string | null;
  actorName?: string | null;
}

/**
 * Appends one audit row. Called with the write's own transaction, so the write
 * and its audit row commit or roll back together.
 */
export async function recordAudit(db: Tx, ctx: Ctx, event: AuditEvent): Promise<void> {
  const actor = ctx.actor;
  await insertAuditEntry(db, {
    at: ctx.clock.now(),
    actor_id: event.actorId !== undefined ? event.actorId : (actor?.id ?? null),
    actor_name: event.actorName !== undefined ? event.actorName : (actor?.username ?? null),
    role: actor?.role ?? null,
    unit_id: actor?.unitId ?? null,
    tenant_id: event.tenantId !== undefined ? event.tenantId : (actor?.tenantId ?? null),
    ip: ctx.ip,
    user_agent: ctx.userAgent ? ctx.userAgent.slice(0, 512) : null,
    request_id: ctx.requestId,
    action: event.action,
    outcome: event.outcome ?? 'ok',
    record_type: event.recordType ?? null,
    record_id: event.recordId ?? null,
    before: event.before === undefined || event.before === null ? null : JSON.stringify(redact(event.before)),
    after: event.after === undefined || event.after === null ? null : JSON.stringify(redact(event.after)),
  });
}

/** A permission denial is recorded on its own, since the denied request writes nothing. */
export async function recordDenial(
  ctx: Ctx,
  action: Action,
  record?: { type: string; id?: string; tenantId?: string },
) {
  await recordAudit(ctx.db, ctx, {
    action,
    outcome: 'denied',
    recordType: record?.type ?? null,
    recordId: record?.id ?? null,
    tenantId: record?.tenantId ?? ctx.actor?.tenantId ?? null,
  });
}

const secretKeys = new Set(['password', 'passwordHash', 'password_hash', 'currentPassword', 'newPassword']);

/** Never write secrets into the audit log. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, secretKeys.has(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

/**
 * A file that leaves the system (an export, a brief, an issued report, an attachment) is audited: who,
 * from where, which file, its size and SHA-256 (so a copy found later can be traced to its download).
 * Reads of lists are not: they would swamp the log.
 */
export async function recordExport(
  ctx: Ctx,
  event: {
    action: string;
    filename: string;
    bytes: Buffer;
    recordType?: string;
    recordId?: string;
    tenantId?: string | null;
    query?: unknown;
  },
) {
  await recordAudit(ctx.db, ctx, {
    action: event.action,
    recordType: event.recordType ?? 'export',
    recordId: event.recordId ?? null,
    ...(event.tenantId !== undefined ? { tenantId: event.tenantId } : {}),
    after: {
      filename: event.filename,
      sizeBytes: event.bytes.length,
      sha256: createHash('sha256').update(event.bytes).digest('hex'),
      ...(event.query !== undefined ? { query: event.query } : {}),
    },
  });
}

/** The auditor's reads are themselves audited (MLPS: the audit records are protected and their use recorded). */
export async function listAudit(ctx: Ctx, query: AuditQuery) {
  const actor = await authorize(ctx, 'audit.read');
  const { items, total } = await listAuditEntries(ctx.db, query, visibleTenantIds(actor, 'audit.read'));
  await recordAudit(ctx.db, ctx, { action: 'audit.read', recordType: 'audit_log', after: { query, total } });
  return {
    total,
    items: items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      role: r.role,
      unitId: r.unit_id,
      tenantId: r.tenant_id,
      ip: r.ip,
      userAgent: r.user_agent,
      requestId: r.request_id,
      action: r.action,
      outcome: r.outcome,
      recordType: r.record_type,
      recordId: r.record_id,
      before: r.before,
      after: r.after,
    })),
  };
}

/**
 * Records as they were at an instant (the `after` of their latest successful write before it), for
 * figures and briefs read as known on a date: names, titles. Records without one: absent (the
 * caller keeps the current value).
 */
export async function recordsAsOf(db: Tx, recordType: string, ids: string[], before: Date) {
  return readAuditSnapshots(db, recordType, ids, before);
}
