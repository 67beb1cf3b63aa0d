import type {
  SharedInvestorRule,
  FundsBasis,
  Region,
  Stage,
  TargetMetric,
  TenantLevel,
  TimeProgressMode,
  TrafficLight,
} from '@landfall/domain';
import { api } from './client.ts';
import type { TargetStatus } from './targets.ts';

/** The leaders' dashboard (GET /api/dashboard). Ratios are fractions; money is fen. */

export interface Score {
  actual: number;
  /** null: no target for this row in the allocation in force. */
  target: number | null;
  completion: number | null;
  gap: number | null;
  light: TrafficLight;
}

/** 双过半, reported from 30 June on (null before). */
export type DoubleHalf = { taskHalf: boolean; achieved: boolean } | null;

/** 本月 / 上年同期 / 同比 beside a score's 本年累计 (actual). */
export interface Compared {
  month: number;
  lastYear: number;
  /** 同比增长 as a fraction; null when last year had nothing. */
  yoy: number | null;
  doubleHalf: DoubleHalf;
}

export interface UnitScore extends Score, Compared {
  /** Projects signed this year per tier id (the tenant's tiers). */
  tiers: Record<string, number>;
  unitId: string;
  name: string;
  groupId: string | null;
  forecast: number | null;
  rank: number;
  /** Mean score of the year's inspections up to the date (one decimal); null without any. */
  inspectionScore: number | null;
  /** 台账及时率: weeks every active project got an entry ÷ weeks counted; null when none counts. */
  punctuality: number | null;
  punctualityWeeks: { onTime: number; counted: number };
}

export interface GroupScore extends Score {
  groupId: string;
  name: string;
}

export interface DistrictScore extends Score, Compared {
  tenantId: string;
  name: string;
  rank: number;
}

export interface MonthPoint {
  /** 'YYYY-MM' */
  month: string;
  value: number;
  cumulative: number;
  targetLine: number | null;
}

/** One project of a shared investor (name null: a sensitive project of another tenant). */
export interface SharedReport {
  id: string;
  name: string | null;
  sensitive: boolean;
  unitId: string;
  unitName: string;
  stage: Stage;
  enteredOn: string;
  /** Marked 重复报送: the project whose report counts instead. */
  duplicateOf: string | null;
}

/** A 重复报送 mark (POST /api/shared-investors/duplicates). */
export interface DuplicateMark {
  id: string;
  projectId: string;
  keptProjectId: string;
  rule: 'first_reporter' | 'built_unit' | 'chosen';
  reason: string | null;
  markedAt: string;
  markedByName: string;
}

export interface SharedInvestor {
  enterpriseId: string;
  name: string;
  creditCode: string | null;
  tenantId: string;
  unitIds: string[];
  projectIds: string[];
  projects: SharedReport[];
  rule: SharedInvestorRule;
  /** The report the tenant's rule keeps when the reports are one investment. */
  proposedKeptProjectId: string | null;
  duplicates: DuplicateMark[];
}

export interface SharedInvestorSetting {
  rule: SharedInvestorRule;
  version: number;
}

export function getSharedInvestorSetting(): Promise<SharedInvestorSetting> {
  return api.get<SharedInvestorSetting>('/api/settings/shared-investors');
}

export function updateSharedInvestorSetting(input: SharedInvestorSetting): Promise<SharedInvestorSetting> {
  return api.put<SharedInvestorSetting>('/api/settings/shared-investors', input);
}

export function markDuplicate(input: {
  projectId: string;
  keptProjectId: string;
  reason?: string;
}): Promise<DuplicateMark> {
  return api.post<DuplicateMark>('/api/shared-investors/duplicates', input);
}

export function unmarkDuplicate(id: string, reason: string): Promise<DuplicateMark> {
  return api.post<DuplicateMark>(`/api/shared-investors/duplicates/${id}/undo`, { reason });
}

/** A rate with the numbers it is made of. */
export interface RatePart {
  rate: number | null;
  numerator: number;
  denominator: number;
}

/** 资金到位率, 开工率, 履约率 and their counts (see packages/domain/src/metrics.ts). */
export interface DashboardRates {
  funding: RatePart;
  start: RatePart;
  fulfilment: RatePart;
  fundingRate: number | null;
  startRate: number | null;
  fulfilmentRate: number | null;
  signedThisYear: number;
  startedThisYear: number;
  dueToStart: number;
  startedOnTime: number;
}

export interface Comparison {
  month: number;
  yearToDate: number;
  lastYear: number;
  yoy: number | null;
}

export interface TierCount {
  id: string;
  label: string;
  minFen: number;
  industrialOnly: boolean;
  signed: number;
  inLibrary: number;
}

export interface SigningSplit {
  new: { projects: number; fundsFen: number };
  continuing: { projects: number; fundsFen: number };
  unsigned: { projects: number; fundsFen: number };
}

export interface Dashboard {
  rates: DashboardRates;
  forecastWeights: { weights: Record<Stage, number>; learnedStages: Stage[] };
  bases: Record<FundsBasis, Comparison> | null;
  signing: SigningSplit;
  tiers: TierCount[];
  tenant: { id: string; name: string; level: TenantLevel };
  year: number;
  asOf: string;
  metric: TargetMetric;
  basis: FundsBasis;
  timeMode: TimeProgressMode;
  timeProgress: number;
  plan: { id: string; status: TargetStatus; revisionEffectiveFrom: string | null } | null;
  kpi: Score & Compared & { forecast: number | null };
  groups: GroupScore[];
  units: UnitScore[];
  districts: DistrictScore[];
  monthly: MonthPoint[];
  byFocusIndustry: { focusIndustryId: string | null; name: string | null; value: number; projects: number }[];
  byRegion: { region: Region | null; value: number; projects: number }[];
  funnel: { stage: Stage; projects: number }[];
  over100mProjects: number;
  sharedInvestors: SharedInvestor[];
}

export interface DashboardQuery {
  year?: number;
  asOf?: string;
  metric?: TargetMetric;
  basis?: FundsBasis;
  tenantId?: string;
  timeMode?: TimeProgressMode;
  /** 统计时点: as known at the end of this day (or at an instant); undefined = now. */
  knownOn?: string;
}

export function getDashboard(query: DashboardQuery): Promise<Dashboard> {
  return api.get<Dashboard>('/api/dashboard', { ...query });
}
