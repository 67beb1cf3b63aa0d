import {
  blockerKindLabels,
  daysOverdue,
  foldMatterFacts,
  matterLevelLabels,
  type BlockerKind,
  type MatterLevel,
  type MatterState,
  type MeetingKind,
} from '@landfall/domain/coordination';
import type { BriefWindow, readMattersAsOf } from './brief.repo.ts';
import type { BriefLine, BriefSection } from './brief.types.ts';

type MatterData = Awaited<ReturnType<typeof readMattersAsOf>>;
type MatterRow = MatterData['matters'][number];

/**
 * The matters as they stood at the end of the brief's date: each one's state folded from the
 * facts recorded by then (a matter without any is not yet known), and the escalations new in the period.
 */
export function mattersAsOf({ matters, events }: MatterData, w: BriefWindow) {
  const factsOf = new Map<string, MatterData['events']>();
  for (const e of events) factsOf.set(e.matter_id, [...(factsOf.get(e.matter_id) ?? []), e]);
  const states = new Map<string, MatterState>();
  for (const m of matters) {
    const state = foldMatterFacts(
      (factsOf.get(m.id) ?? []).map((e) => ({
        levelTo: e.level_to,
        statusTo: e.status_to,
        ownerUnitTo: e.owner_unit_to,
        deadlineTo: e.deadline_to,
      })),
    );
    if (state) states.set(m.id, state);
  }
  const escalations = events.filter(
    (e) =>
      e.kind === 'escalated' &&
      e.effective_on <= w.through &&
      (e.effective_on > w.after || new Date(e.recorded_at) >= w.knownAfter),
  );
  return { matters, live: matters.filter((m) => states.has(m.id)), states, factsOf, escalations };
}
export type MattersAsOf = ReturnType<typeof mattersAsOf>;

/**
 * The brief's matter sections: for a joint meeting the matters held by it for decision, then the
 * matters raised, escalated and overdue in the period.
 */
export function matterSections(
  kind: MeetingKind,
  w: BriefWindow,
  { matters, live, states, factsOf, escalations }: MattersAsOf,
  names: {
    unitName: (id: string | null) => string;
    projectName: (id: string) => string;
    /** A sensitive project of a district in a city's brief (named 敏感项目). */
    projectMasked: (id: string) => boolean;
  },
) {
  const { unitName, projectName, projectMasked } = names;
  const { after, through } = w;
  const matterById = new Map(matters.map((m) => [m.id, m]));
  const matterLine = (id: string, text: string, date: string | null): BriefLine => {
    const m = matterById.get(id);
    return {
      type: 'matter',
      id,
      text,
      date,
      unitId: states.get(id)?.ownerUnitId ?? m?.unit_id ?? null,
      amountFen: null,
      late: false,
      tenantId: m?.tenant_id ?? '',
      tenantName: '',
      masked: !!m?.project_id && projectMasked(m.project_id),
    };
  };
  const matterSubject = (m: MatterRow) =>
    `${m.title}（${unitName(m.unit_id)}提出，${blockerKindLabels[m.blocker_kind as BlockerKind]?.['zh-CN'] ?? m.blocker_kind}${
      m.project_id ? `，项目：${projectName(m.project_id)}` : ''
    }）`;
  const forDecisionSections: Omit<BriefSection, 'heading'>[] = [];
  const sections: Omit<BriefSection, 'heading'>[] = [];

  if (kind === 'joint') {
    const forDecision = live.filter((m) => {
      const s = states.get(m.id);
      return s?.level === 'joint' && s.status === 'open';
    });
    forDecisionSections.push({
      key: 'forDecision',
      summary: forDecision.length ? `提请本次会议研究事项${forDecision.length}项。` : '本期无提请研究事项。',
      lines: forDecision.map((m) => {
        const reason = (factsOf.get(m.id) ?? []).filter((e) => e.kind === 'escalated').at(-1)?.body ?? '';
        const s = states.get(m.id) as MatterState;
        return matterLine(
          m.id,
          `${matterSubject(m)}：${m.description || '（无说明）'}；上报理由：${reason}；办理单位：${unitName(
            s.ownerUnitId,
          )}，时限 ${s.deadline}`,
          s.deadline,
        );
      }),
    });
  }

  const opened = live.filter((m) => m.raised_on > after || new Date(m.created_at) >= w.knownAfter);
  sections.push({
    key: 'mattersOpened',
    summary: opened.length ? `新提出协调事项${opened.length}项。` : '本期无新提出的协调事项。',
    lines: opened.map((m) => {
      const late = m.raised_on <= after;
      const s = states.get(m.id) as MatterState;
      return {
        ...matterLine(
          m.id,
          `${matterSubject(m)}，由${unitName(s.ownerUnitId)}办理，时限 ${s.deadline}${late ? '（补录）' : ''}`,
          m.raised_on,
        ),
        late,
      };
    }),
  });

  sections.push({
    key: 'mattersEscalated',
    summary: escalations.length ? `上报协调事项${escalations.length}次。` : '本期无上报的协调事项。',
    lines: escalations
      .filter((e) => matterById.has(e.matter_id))
      .map((e) => {
        const m = matterById.get(e.matter_id) as (typeof matters)[number];
        const from = (e.payload as { from?: MatterLevel }).from;
        return matterLine(
          m.id,
          `${m.title}：由${from ? matterLevelLabels[from]['zh-CN'] : ''}上报${
            e.level_to ? matterLevelLabels[e.level_to]['zh-CN'] : ''
          }（${e.actor_name}，${e.effective_on}）：${e.body}`,
          e.effective_on,
        );
      }),
  });

  const overdue = live
    .map((m) => ({ m, s: states.get(m.id) as MatterState }))
    .filter(({ s }) => s.status === 'open' && daysOverdue({ open: true, deadline: s.deadline }, through) > 0)
    .sort((a, b) =>
      a.s.deadline < b.s.deadline ? -1 : a.s.deadline > b.s.deadline ? 1 : a.m.id.localeCompare(b.m.id),
    );
  sections.push({
    key: 'mattersOverdue',
    summary: overdue.length ? `${overdue.length}项协调事项逾期未办结。` : '无逾期未办结的协调事项。',
    lines: overdue.map(({ m, s }) =>
      matterLine(
        m.id,
        `${m.title}（${matterLevelLabels[s.level]['zh-CN']}）：${unitName(s.ownerUnitId)}办理，时限 ${
          s.deadline
        }，逾期${daysOverdue({ open: true, deadline: s.deadline }, through)}天`,
        s.deadline,
      ),
    ),
  });
  return { forDecision: forDecisionSections, matters: sections };
}
