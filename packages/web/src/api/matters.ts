import type {
  MatterAssignInput,
  MatterEscalateInput,
  MatterInput,
  MatterLevel,
  MatterRaiseDownInput,
  MatterStatus,
  MatterUpdateInput,
} from '@landfall/domain';
import { api } from './client.ts';
import type { Page } from './library-types.ts';
import type { Matter, MatterDetail, MatterEvent, Reminder } from './coordination-types.ts';

const matterPath = (id: string) => `/api/matters/${encodeURIComponent(id)}`;

export interface MatterListQuery {
  /** One tenant of the caller's scope (a city's 区县 filter). */
  tenantId?: string;
  status?: MatterStatus;
  level?: MatterLevel;
  unitId?: string;
  projectId?: string;
  overdue?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function listMatters(query: MatterListQuery): Promise<Page<Matter>> {
  return api.get<Page<Matter>>('/api/matters', { ...query });
}

export function getMatter(id: string): Promise<MatterDetail> {
  return api.get<MatterDetail>(matterPath(id));
}

/** 提出协调事项 */
export function raiseMatter(input: MatterInput): Promise<Matter> {
  return api.post<Matter>('/api/matters', input);
}

/** 下达协调事项: a city's coordinator raises a matter to a district below it. */
export function raiseMatterDown(input: MatterRaiseDownInput): Promise<Matter> {
  return api.post<Matter>('/api/matters/raise-down', input);
}

/** A reply in the thread (进展情况). */
export function addMatterUpdate(id: string, input: MatterUpdateInput): Promise<MatterEvent> {
  return api.post<MatterEvent>(`${matterPath(id)}/updates`, input);
}

/** 上报: one level up (unit → 综合协调组 → 联席会议). */
export function escalateMatter(id: string, input: MatterEscalateInput): Promise<Matter> {
  return api.post<Matter>(`${matterPath(id)}/escalate`, input);
}

/** 交办: a new acting unit and/or deadline. */
export function assignMatter(id: string, input: MatterAssignInput): Promise<Matter> {
  return api.post<Matter>(`${matterPath(id)}/assign`, input);
}

export function resolveMatter(id: string, input: { result: string; version: number }): Promise<Matter> {
  return api.post<Matter>(`${matterPath(id)}/resolve`, input);
}

/** 撤销 */
export function closeMatter(id: string, input: { reason: string; version: number }): Promise<Matter> {
  return api.post<Matter>(`${matterPath(id)}/close`, input);
}

/** 催办单 to the acting unit (overdue matters only). */
export function remindMatter(id: string, note: string): Promise<Reminder> {
  return api.post<Reminder>(`${matterPath(id)}/remind`, { note });
}
