import type { zhCNUnitHome } from './zh-CN-unit-home.ts';

/** The unit home and the as-of / known-on pair. Merged into en-US. */
export const enUSUnitHome: Record<keyof typeof zhCNUnitHome, string> = {
  'action.dashboard.readUnit': "Read a unit's home page",
  'action.dashboard.configure': 'Let units see the ranking',
  'asOf.knownOn': 'Known on',
  'asOf.knownOnNow': 'Now',
  'asOf.knownOnHelp':
    'Counts only what had been recorded by then: reproduces the figures reported at that time. Empty = now.',
  'asOf.knownOnBanner': 'Known on: what had been recorded by the end of {date}',
  'unitHome.title': 'Unit home · {unit}',
  'unitHome.standing': '{year}: {metric}',
  'unitHome.target': 'Target',
  'unitHome.actual': 'Achieved',
  'unitHome.completion': 'Completion',
  'unitHome.timeProgress': 'Time progress',
  'unitHome.gap': 'Ahead / behind',
  'unitHome.rank': 'Rank',
  'unitHome.rankOf': 'No. {rank}',
  'unitHome.rankCount': 'of {count} units',
  'unitHome.forecast': 'Year-end forecast',
  'unitHome.noTarget':
    'No target is allocated to this unit for {year}; completion and the light are not computed.',
  'unitHome.notRanked': 'This unit is not in the ranking of its tenant.',
  'unitHome.ranking': 'Unit ranking',
  'unitHome.rankingHidden': 'The ranking is not shown to units here; this page shows your own rank only.',
  'unitHome.stale': 'Projects not updated for 7 days or more',
  'unitHome.matters': 'Open matters',
  'unitHome.tasks': 'Open tasks',
  'unitHome.lastEntry': 'Last entry {date}',
  'unitHome.deadline': 'Due {date}',
  'unitHome.overdue': '{days} days overdue',
  'unitHome.more': 'See all ({total})',
  'unitHome.staleNone': 'No project has gone 7 days without an entry',
  'unitHome.mattersNone': 'No open matters',
  'unitHome.tasksNone': 'No open tasks',
  'unitHome.noUnit': 'Your account is not linked to a unit; ask the system administrator.',
  'unitHome.rankingSwitch': 'Units see the ranking',
  'unitHome.rankingSwitchHelp':
    'When on, units see every unit of the ranking on their home page; when off, only their own rank.',
};
