/**
 * A per-tenant setting kept in the `setting` table under `<key>:<tenantId>`: read with its version
 * (0 while never saved), read for a caller the policy lets see the tenant, and saved — versioned,
 * authorised by the one policy and audited in the same transaction. Each setting states only its key,
 * its actions, and how its value is stored.
 */
import type { Ctx, Tx } from '../context.ts';
import type { Action } from '../auth/policy.ts';
import { authorize } from '../auth/authorize.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import { targetTenant, tenantsToList } from '../tenants/scope.ts';
import { findSetting, upsertSetting } from './setting.repo.ts';

export type Versioned<V> = V & { version: number };

export interface TenantSettingSpec<V extends object> {
  /** The key's prefix, e.g. 'review.unitSubmissions'. */
  key: string;
  /** Who may read it (the route's action) and who may change it (also the audit row's action). */
  readAction: Action;
  writeAction: Action;
  /** The value from what is stored; `undefined` when the tenant never saved it (the default). */
  decode(stored: unknown): V;
  /** What is stored for a value. */
  encode(value: V): unknown;
}

export function tenantSetting<V extends object>(spec: TenantSettingSpec<V>) {
  const keyOf = (tenantId: string) => `${spec.key}:${tenantId}`;

  async function read(db: Tx, tenantId: string): Promise<Versioned<V>> {
    const row = await findSetting(db, keyOf(tenantId));
    return { ...spec.decode(row?.value), version: row?.version ?? 0 };
  }

  return {
    keyOf,
    read,
    /** The setting of a tenant the caller may see (their own by default; 404 for another). */
    async get(ctx: Ctx, tenantId?: string): Promise<Versioned<V>> {
      await authorize(ctx, spec.readAction);
      tenantsToList(ctx, spec.readAction, tenantId);
      return read(ctx.db, targetTenant(ctx, tenantId));
    },
    /** Saves a value at the version read (409 with the current one when someone saved first). */
    async update(ctx: Ctx, value: V, version: number, tenantIdAsked?: string): Promise<Versioned<V>> {
      const tenantId = targetTenant(ctx, tenantIdAsked);
      await authorize(ctx, spec.writeAction, { type: 'setting', tenantId });
      return ctx.db.transaction().execute(async (trx) => {
        const before = await read(trx, tenantId);
        const stored = spec.encode(value);
        const row = await upsertSetting(trx, keyOf(tenantId), stored, version, ctx.clock.now());
        if (!row) throw new AppError('stale_version', undefined, { current: before });
        const after = { ...spec.decode(stored), version: row.version };
        await recordAudit(trx, ctx, {
          action: spec.writeAction,
          recordType: 'setting',
          recordId: keyOf(tenantId),
          tenantId,
          before,
          after,
        });
        return after;
      });
    },
  };
}
