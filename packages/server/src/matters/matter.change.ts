import type { Ctx, Tx } from '../context.ts';
import type { MatterEventKind, MatterTable } from '../db/schema.ts';
import type { Updateable } from 'kysely';
import { authorize } from '../auth/authorize.ts';
import type { Action } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { findUnit } from '../units/unit.repo.ts';
import { today } from '../projects/project.service.ts';
import { findMatter, insertMatterEvent, updateMatterRow, type MatterListRow } from './matter.repo.ts';
import { toMatter } from './matter.mapper.ts';

/** The shared steps of the matter services: scope, loading, and one versioned change with its fact and audit row. */

/**
 * The policy's view of a matter: unit staff reach it through the unit that raised it or the one that must
 * act; a matter on a sensitive project is, like the project, its own tenant's (404 above the district).
 */
export function scopeOf(row: MatterListRow) {
  return {
    type: 'matter',
    id: row.id,
    tenantId: row.tenant_id,
    unitIds: [row.unit_id, row.owner_unit_id],
    sensitive: row.project_sensitivity === 'sensitive',
  };
}

/** Loads a matter the actor may perform `action` on: 404 outside their scope, 403 for a role without it. */
export async function loadMatter(ctx: Ctx, db: Tx, id: string, action: Action) {
  const row = await findMatter(db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, action, scopeOf(row));
  return row;
}

export async function reload(db: Tx, id: string) {
  const row = await findMatter(db, id);
  if (!row) throw new AppError('not_found');
  return row;
}

export function eventBase(ctx: Ctx, row: { id: string; tenant_id: string }) {
  return {
    tenant_id: row.tenant_id,
    matter_id: row.id,
    effective_on: today(ctx),
    recorded_at: ctx.clock.now(),
    actor_id: ctx.actor?.id ?? null,
    actor_name: ctx.actor?.username ?? 'system',
  };
}

export async function assertUnitOf(ctx: Ctx, db: Tx, tenantId: string, unitId: string, field: string) {
  const unit = await findUnit(db, unitId);
  if (!unit || unit.tenant_id !== tenantId)
    throw invalidField(ctx, field, { zh: '责任单位不存在', en: 'No such unit' });
}

export const notOpen = (ctx: Ctx) =>
  new AppError(
    'conflict',
    ctx.locale === 'zh-CN' ? '该事项已办结或已撤销' : 'This matter is already resolved or withdrawn',
  );

/** A fact to append: the parts of the state it changes, the text, and extra payload. */
export interface MatterFactInput {
  kind: MatterEventKind;
  body?: string;
  level_to?: MatterTable['level'];
  status_to?: MatterTable['status'];
  owner_unit_to?: string;
  deadline_to?: string;
  payload?: Record<string, unknown>;
}

/**
 * One versioned change of a matter: the new state, the fact recording it and the audit row,
 * in one transaction; a stale version gets 409 with the current matter.
 */
export async function changeMatter(
  ctx: Ctx,
  before: MatterListRow,
  version: number,
  action: Action,
  patch: Updateable<MatterTable>,
  fact: MatterFactInput,
  trx?: Tx,
) {
  const day = today(ctx);
  const run = async (db: Tx) => {
    const updated = await updateMatterRow(db, before.id, version, { ...patch, updated_at: ctx.clock.now() });
    if (!updated) {
      const current = await findMatter(db, before.id);
      throw new AppError('stale_version', undefined, { current: current && toMatter(current, day) });
    }
    await insertMatterEvent(db, {
      ...eventBase(ctx, before),
      ...fact,
      payload: JSON.stringify(fact.payload ?? {}),
    });
    const after = toMatter(await reload(db, before.id), day);
    await recordAudit(db, ctx, {
      action,
      recordType: 'matter',
      recordId: before.id,
      tenantId: before.tenant_id,
      before: toMatter(before, day),
      after,
    });
    return after;
  };
  return trx ? run(trx) : ctx.db.transaction().execute(run);
}
