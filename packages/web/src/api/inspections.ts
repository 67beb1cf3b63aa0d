import type { InspectionInput, InspectionResultInput, InspectionStatus } from '@landfall/domain';
import { api } from './client.ts';
import type { Page } from './library-types.ts';
import type { Inspection } from './coordination-types.ts';

const inspectionPath = (id: string) => `/api/inspections/${encodeURIComponent(id)}`;

export interface InspectionListQuery {
  unitId?: string;
  year?: number;
  status?: InspectionStatus;
  page?: number;
  pageSize?: number;
}

export function listInspections(query: InspectionListQuery): Promise<Page<Inspection>> {
  return api.get<Page<Inspection>>('/api/inspections', { ...query });
}

export function getInspection(id: string): Promise<Inspection> {
  return api.get<Inspection>(inspectionPath(id));
}

/** 安排检查 */
export function scheduleInspection(input: InspectionInput): Promise<Inspection> {
  return api.post<Inspection>('/api/inspections', input);
}

/** 检查结果: findings, score and, when needed, the rectification asked for. */
export function recordInspectionResult(id: string, input: InspectionResultInput): Promise<Inspection> {
  return api.post<Inspection>(`${inspectionPath(id)}/result`, input);
}

/** The unit's rectification report (整改情况). */
export function reportRectification(
  id: string,
  input: { report: string; version: number },
): Promise<Inspection> {
  return api.post<Inspection>(`${inspectionPath(id)}/rectification`, input);
}
