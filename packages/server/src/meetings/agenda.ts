import type { AgendaItem } from '@landfall/domain/schemas/coordination';
import { isCrossDistrictMeeting, type MeetingKind } from '@landfall/domain/coordination';
import type { Ctx } from '../context.ts';
import { today } from '../projects/project.service.ts';
import { openMattersFor, openMattersRaisedBy } from '../matters/matter.meetings.ts';
import { listOverdueTaskRows } from './decision.repo.ts';

/**
 * The agenda a meeting starts with (议程), built from what awaits it on the day it is prepared:
 * - a joint meeting (联席会议): the matters escalated to it for decision (提请决策), then the
 *   overdue tasks of its earlier decisions (督办);
 * - a city's meeting with its districts (联合策划, 联合招商): the districts' project round, the matters it
 *   raised down and still open, then (as the departments' meetings) its own matters and overdue tasks;
 * - the departments' meetings: the project round (项目推进情况通报, from the brief), the matters
 *   held by the coordination group, every overdue matter, and every overdue task.
 * The coordinator edits it freely afterwards.
 */
export async function buildAgenda(ctx: Ctx, tenantId: string, kind: MeetingKind): Promise<AgendaItem[]> {
  const day = today(ctx);
  const items: AgendaItem[] = [];
  if (isCrossDistrictMeeting(kind)) {
    items.push({ title: '通报各区县项目推进情况（见简报）', note: '', link: null });
    // What the city raised down to its districts and is still open: followed up at the table (督办).
    for (const m of await openMattersRaisedBy(ctx, tenantId)) {
      items.push({
        title: `【下达事项】${m.tenantName}：${m.title}`,
        note: `${m.ownerUnitName}办理，时限 ${m.deadline}${m.overdue ? '，已逾期' : ''}`,
        link: { type: 'matter', id: m.id },
      });
    }
  } else if (kind !== 'joint') {
    items.push({ title: '通报项目推进情况（见简报）', note: '', link: null });
  }
  const matters = await openMattersFor(ctx, tenantId, {
    levels: kind === 'joint' ? ['joint'] : ['coordination'],
    overdue: kind !== 'joint',
  });
  for (const m of matters) {
    const prefix = kind === 'joint' ? '提请决策' : m.overdue ? '逾期事项' : '协调事项';
    items.push({
      title: `【${prefix}】${m.title}`,
      note: `${m.unitName}提出，${m.ownerUnitName}办理，时限 ${m.deadline}${m.projectName ? `；项目：${m.projectName}` : ''}`,
      link: { type: 'matter', id: m.id },
    });
  }
  const tasks = await listOverdueTaskRows(ctx.db, tenantId, day, kind === 'joint' ? 'joint' : undefined);
  for (const t of tasks) {
    items.push({
      title: `【督办】${t.unit_name}：${t.content}`,
      note: `${t.meeting_held_on}会议交办，时限 ${t.deadline}，已逾期`,
      link: { type: 'task', id: t.id },
    });
  }
  return items;
}
