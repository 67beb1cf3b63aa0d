import { invalidField } from '../http/app-error.ts';
import type { Ctx, Tx } from '../context.ts';
import type { MatterTable } from '../db/schema.ts';
import { today } from '../projects/project.service.ts';
import {
  findMatter,
  insertMatterEvent,
  listOpenMatters,
  listOpenMattersRaisedBy,
  touchMatter,
} from './matter.repo.ts';
import { toMatter } from './matter.mapper.ts';
import { changeMatter, eventBase, notOpen, reload } from './matter.change.ts';

/** What meetings ask of matters: the agenda's suggestions, and decisions taken on a matter and their outcome. */

/**
 * A matter in the caller's tenant that a decision can be taken on (the decision's own
 * authorisation covers it): 400 on the field when there is none, 409 when it is no longer open.
 */
export async function matterForDecision(ctx: Ctx, trx: Tx, tenantId: string, id: string) {
  const row = await findMatter(trx, id);
  if (!row || row.tenant_id !== tenantId)
    throw invalidField(ctx, 'matterId', { zh: '协调事项不存在', en: 'No such matter' });
  if (row.status !== 'open') throw notOpen(ctx);
  return row;
}

/** Records in the matter's thread that a meeting took a decision on it (in the decision's transaction). */
export async function recordMatterDecision(
  ctx: Ctx,
  trx: Tx,
  matterId: string,
  decision: { id: string; meetingId: string; text: string },
) {
  const row = await reload(trx, matterId);
  await insertMatterEvent(trx, {
    ...eventBase(ctx, row),
    kind: 'decision',
    body: decision.text,
    payload: JSON.stringify({ decisionId: decision.id, meetingId: decision.meetingId }),
  });
  await touchMatter(trx, matterId, ctx.clock.now());
}

/**
 * The decision taken on a matter is done: the matter records the outcome and is resolved
 * (in the transaction of the task closing that completed the decision).
 */
export async function recordMatterOutcome(
  ctx: Ctx,
  trx: Tx,
  matterId: string,
  outcome: string,
  decisionId: string,
) {
  const row = await reload(trx, matterId);
  if (row.status !== 'open') return;
  await changeMatter(
    ctx,
    row,
    row.version,
    'matter.update',
    { status: 'resolved', outcome },
    { kind: 'resolved', body: outcome, status_to: 'resolved', payload: { decisionId } },
    trx,
  );
}

/** Suggestions for a meeting's agenda: open matters held at the given levels or overdue. */
export async function openMattersFor(
  ctx: Ctx,
  tenantId: string,
  opts: { levels: MatterTable['level'][]; overdue: boolean },
) {
  const day = today(ctx);
  const rows = await listOpenMatters(ctx.db, tenantId, {
    levels: opts.levels,
    deadlineBefore: opts.overdue ? day : undefined,
  });
  return rows.map((r) => toMatter(r, day));
}

/** The open matters a tenant raised down to its districts (下达事项), oldest deadline first: a city meeting's 督办. */
export async function openMattersRaisedBy(ctx: Ctx, tenantId: string) {
  const day = today(ctx);
  return (await listOpenMattersRaisedBy(ctx.db, tenantId)).map((r) => toMatter(r, day));
}
