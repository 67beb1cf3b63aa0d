import type { FundsBasis, MatterLevel, Stage, TargetMetric, TimeProgressMode } from '@landfall/domain';
import { api } from './client.ts';
import type { Dashboard, UnitScore } from './dashboard.ts';

/** 单位工作台 (GET /api/dashboard/unit): a unit's standing and what waits on it. Money is fen. */

export interface UnitHome {
  unit: { id: string; name: string };
  tenant: Dashboard['tenant'];
  year: number;
  asOf: string;
  metric: TargetMetric;
  basis: FundsBasis;
  timeMode: TimeProgressMode;
  timeProgress: number;
  plan: Dashboard['plan'];
  /** The unit's row of the dashboard's ranking; null when the unit is not in it. */
  standing: UnitScore | null;
  unitCount: number;
  /** Whether the full ranking (赛马榜) is shown: the tenant allows it, or the caller reads the dashboard. */
  rankingShown: boolean;
  ranking: UnitScore[] | null;
  staleProjects: {
    total: number;
    items: { id: string; name: string; stage: Stage; lastEntryOn: string }[];
  };
  openMatters: {
    total: number;
    items: {
      id: string;
      title: string;
      projectId: string | null;
      projectName: string | null;
      level: MatterLevel;
      deadline: string;
      overdue: boolean;
      daysOverdue: number;
    }[];
  };
  openTasks: {
    total: number;
    items: {
      id: string;
      content: string;
      meetingId: string;
      meetingHeldOn: string;
      deadline: string;
      overdue: boolean;
      daysOverdue: number;
    }[];
  };
}

export interface UnitHomeQuery {
  unitId?: string;
  year?: number;
  asOf?: string;
  knownOn?: string;
}

export interface UnitRankingSetting {
  showRanking: boolean;
  version: number;
}

export function getUnitHome(query: UnitHomeQuery): Promise<UnitHome> {
  return api.get<UnitHome>('/api/dashboard/unit', { ...query });
}

export function getUnitRankingSetting(): Promise<UnitRankingSetting> {
  return api.get<UnitRankingSetting>('/api/settings/unit-ranking');
}

export function updateUnitRankingSetting(input: UnitRankingSetting): Promise<UnitRankingSetting> {
  return api.put<UnitRankingSetting>('/api/settings/unit-ranking', input);
}
