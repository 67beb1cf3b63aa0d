import { startOfShanghaiDay, addDays } from '@landfall/domain/dates';
import { meetingKindAllowed, type MeetingKind } from '@landfall/domain/coordination';
import {
  meetingCancelSchema,
  meetingInputSchema,
  meetingUpdateSchema,
  type AgendaItem,
  type MeetingInput,
  type MeetingQuery,
  type MeetingUpdateInput,
} from '@landfall/domain/schemas/coordination';
import { versionSchema } from '@landfall/domain';
import type { z } from 'zod';
import type { Updateable } from 'kysely';
import type { Ctx, Tx } from '../context.ts';
import type { MeetingTable } from '../db/schema.ts';
import { authorize } from '../auth/authorize.ts';
import { visibleTenantIds, type Action } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { findUnit } from '../units/unit.repo.ts';
import { findConvener } from '../conveners/convener.repo.ts';
import { today } from '../projects/project.service.ts';
import { buildAgenda } from './agenda.ts';
import { decisionsOfMeeting } from './decision.service.ts';
import {
  findMeeting,
  findMeetingOn,
  findTenantLevel,
  insertMeeting,
  listMeetingRows,
  readMeetingsBefore,
  updateMeetingRow,
  type MeetingListRow,
} from './meeting.repo.ts';

/** A meeting is cancelled, held (its date has come) or scheduled. */
export function toMeeting(row: MeetingListRow, day: string) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    heldOn: row.held_on,
    title: row.title,
    location: row.location,
    convenerId: row.convener_id,
    convenerName: row.convener_name,
    attendeeUnitIds: row.attendee_unit_ids,
    attendeeLeaders: row.attendee_leaders,
    agenda: row.agenda as AgendaItem[],
    minutes: row.minutes,
    status: row.cancelled_at ? 'cancelled' : row.held_on <= day ? 'held' : 'scheduled',
    cancelReason: row.cancel_reason,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type Meeting = ReturnType<typeof toMeeting>;

async function loadMeeting(ctx: Ctx, db: Tx, id: string, action: Action) {
  const row = await findMeeting(db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, action, { type: 'meeting', id, tenantId: row.tenant_id });
  return row;
}

async function reload(db: Tx, id: string) {
  const row = await findMeeting(db, id);
  if (!row) throw new AppError('not_found');
  return row;
}

/** The convener and attending units must be the tenant's own. */
async function assertReferences(
  ctx: Ctx,
  db: Tx,
  tenantId: string,
  input: { convenerId?: string | null; attendeeUnitIds: string[] },
) {
  if (input.convenerId) {
    const convener = await findConvener(db, input.convenerId);
    if (!convener || convener.tenant_id !== tenantId)
      throw invalidField(ctx, 'convenerId', { zh: '召集人不存在', en: 'No such convener' });
  }
  for (const [i, unitId] of input.attendeeUnitIds.entries()) {
    const unit = await findUnit(db, unitId);
    if (!unit || unit.tenant_id !== tenantId)
      throw invalidField(ctx, ['attendeeUnitIds', i], { zh: '责任单位不存在', en: 'No such unit' });
  }
}

export async function listMeetings(ctx: Ctx, query: MeetingQuery) {
  const actor = await authorize(ctx, 'meeting.read');
  const day = today(ctx);
  const { rows, total } = await listMeetingRows(ctx.db, visibleTenantIds(actor, 'meeting.read'), query);
  return { total, items: rows.map((r) => toMeeting(r, day)) };
}

/** A meeting with its decisions and their tasks. */
export async function getMeeting(ctx: Ctx, id: string) {
  const row = await loadMeeting(ctx, ctx.db, id, 'meeting.read');
  return { ...toMeeting(row, today(ctx)), decisions: await decisionsOfMeeting(ctx, id) };
}

const meetingKindTitles: Record<MeetingKind, string> = {
  weekly: '每周业务通气会',
  semimonthly: '半月信息沟通会',
  monthly: '每月情况会商会',
  joint: '工业招商引资联席会议',
  joint_planning: '联合策划会',
  joint_promotion: '联合招商会',
};

/** Schedules (or records) a meeting; its agenda is built from what awaits it today. */
export async function createMeeting(ctx: Ctx, raw: MeetingInput) {
  const input = meetingInputSchema.parse(raw);
  const tenantId = targetTenant(ctx, input.tenantId);
  await authorize(ctx, 'meeting.write', { type: 'meeting', tenantId });
  const level = await findTenantLevel(ctx.db, tenantId);
  if (!level) throw new AppError('not_found');
  if (!meetingKindAllowed(input.kind, level))
    throw invalidField(ctx, 'kind', {
      zh: '联合策划、联合招商会议由市级（省级）与所辖区县共同召开，区县不能创建',
      en: 'Joint planning and joint promotion meetings are held by a city or province with its districts, not by a district',
    });
  // Read before the transaction: on the embedded engine a transaction holds the only connection.
  const agenda = await buildAgenda(ctx, tenantId, input.kind);
  return ctx.db.transaction().execute(async (trx) => {
    await assertReferences(ctx, trx, tenantId, input);
    const now = ctx.clock.now();
    const { id } = await insertMeeting(trx, {
      tenant_id: tenantId,
      kind: input.kind,
      held_on: input.heldOn,
      title: input.title || meetingKindTitles[input.kind],
      location: input.location,
      convener_id: input.convenerId ?? null,
      attendee_unit_ids: [...new Set(input.attendeeUnitIds)],
      attendee_leaders: input.attendeeLeaders,
      agenda: JSON.stringify(agenda),
      created_by: ctx.actor?.id ?? null,
      created_at: now,
      updated_at: now,
    });
    const meeting = toMeeting(await reload(trx, id), today(ctx));
    await recordAudit(trx, ctx, {
      action: 'meeting.write',
      recordType: 'meeting',
      recordId: id,
      tenantId,
      after: meeting,
    });
    return meeting;
  });
}

/** One versioned change of a meeting and its audit row; a cancelled meeting is not edited. */
async function changeMeeting(
  ctx: Ctx,
  id: string,
  version: number,
  patchOf: (row: MeetingListRow) => Promise<Updateable<MeetingTable>> | Updateable<MeetingTable>,
) {
  const before = await loadMeeting(ctx, ctx.db, id, 'meeting.write');
  const day = today(ctx);
  if (before.cancelled_at)
    throw new AppError('conflict', ctx.locale === 'zh-CN' ? '会议已取消' : 'The meeting was cancelled');
  // The patch may read (references, agenda): before the transaction, which on the embedded engine
  // holds the only connection.
  const patch = await patchOf(before);
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await updateMeetingRow(trx, id, version, { ...patch, updated_at: ctx.clock.now() });
    if (!updated) {
      const current = await findMeeting(trx, id);
      throw new AppError('stale_version', undefined, { current: current && toMeeting(current, day) });
    }
    const after = toMeeting(await reload(trx, id), day);
    await recordAudit(trx, ctx, {
      action: 'meeting.write',
      recordType: 'meeting',
      recordId: id,
      tenantId: before.tenant_id,
      before: toMeeting(before, day),
      after,
    });
    return after;
  });
}

/** Attendees, agenda, minutes (纪要): a versioned edit (409 stale_version with the current meeting). */
export async function updateMeeting(ctx: Ctx, id: string, raw: MeetingUpdateInput) {
  const input = meetingUpdateSchema.parse(raw);
  return changeMeeting(ctx, id, input.version, async (row) => {
    if (row.kind === 'joint' && !input.convenerId)
      throw invalidField(ctx, 'convenerId', {
        zh: '联席会议须指定召集人',
        en: 'A joint meeting needs a convener',
      });
    await assertReferences(ctx, ctx.db, row.tenant_id, input);
    return {
      title: input.title || row.title,
      location: input.location,
      convener_id: input.convenerId ?? null,
      attendee_unit_ids: [...new Set(input.attendeeUnitIds)],
      attendee_leaders: input.attendeeLeaders,
      agenda: JSON.stringify(input.agenda),
      minutes: input.minutes,
    };
  });
}

/** Adds to the agenda what awaits the meeting today and is not on it yet. */
export async function rebuildAgenda(ctx: Ctx, id: string, raw: { version: number }) {
  const version = versionSchema.parse(raw.version);
  return changeMeeting(ctx, id, version, async (row) => {
    const agenda = row.agenda as AgendaItem[];
    const linked = new Set(agenda.map((a) => (a.link ? `${a.link.type}:${a.link.id}` : `title:${a.title}`)));
    const suggested = (await buildAgenda(ctx, row.tenant_id, row.kind)).filter(
      (a) => !linked.has(a.link ? `${a.link.type}:${a.link.id}` : `title:${a.title}`),
    );
    return { agenda: JSON.stringify([...agenda, ...suggested]) };
  });
}

/** Cancels a meeting that has not been held yet (on or before its date), with the reason. */
export async function cancelMeeting(ctx: Ctx, id: string, raw: z.input<typeof meetingCancelSchema>) {
  const input = meetingCancelSchema.parse(raw);
  return changeMeeting(ctx, id, input.version, (row) => {
    if (today(ctx) > row.held_on) {
      throw new AppError(
        'conflict',
        ctx.locale === 'zh-CN' ? '会议已召开，不能取消' : 'A meeting already held cannot be cancelled',
      );
    }
    return { cancelled_at: ctx.clock.now(), cancel_reason: input.reason };
  });
}

/**
 * What a brief dated `date` needs to know of the meetings of its kind, as they were known at
 * the end of that day: the meeting held that day (if any), the previous one, and the issue
 * number (第N期: one more than the meetings of the kind held earlier in the year).
 * The caller has authorised reading the brief.
 */
export async function meetingsForBrief(ctx: Ctx, tenantId: string, kind: MeetingKind, date: string) {
  const knownBefore = startOfShanghaiDay(addDays(date, 1));
  const opts = { tenantId, kind, date, knownBefore };
  const { previous, heldInYear } = await readMeetingsBefore(ctx.db, opts);
  const meeting = await findMeetingOn(ctx.db, opts);
  return {
    meetingId: meeting?.id ?? null,
    previousMeetingId: previous?.id ?? null,
    previousMeetingOn: previous?.held_on ?? null,
    number: heldInYear + 1,
  };
}

/** The tenant and kind of a meeting the actor may read a brief of. */
export async function meetingForBrief(ctx: Ctx, id: string) {
  const row = await loadMeeting(ctx, ctx.db, id, 'brief.read');
  return { tenantId: row.tenant_id, kind: row.kind, heldOn: row.held_on, cancelled: !!row.cancelled_at };
}
