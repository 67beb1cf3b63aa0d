import type { Allocation, FundsBasis, TargetMetric } from '@landfall/domain';
import { api } from './client.ts';

/** Response shapes of the targets API (docs/API.md). Amounts: fen for money metrics, counts otherwise. */

export type TargetStatus = 'draft' | 'final';

export interface TargetRevision {
  id: number;
  effectiveFrom: string;
  recordedAt: string;
  actorName: string;
  reason: string | null;
  total: number;
  allocation: Allocation;
}

export interface TargetPlan {
  id: string;
  tenantId: string;
  year: number;
  metric: TargetMetric;
  basis: FundsBasis;
  status: TargetStatus;
  total: number;
  draft: Allocation;
  version: number;
  createdAt: string;
  finalizedAt: string | null;
  revisions: TargetRevision[];
}

export interface TargetPlanCreate {
  year: number;
  metric: TargetMetric;
  basis?: FundsBasis;
  total: number;
  tenantId?: string;
}

export type AllocationBody = Pick<Allocation, 'total' | 'groups' | 'units'>;

const planPath = (id: string) => `/api/targets/${encodeURIComponent(id)}`;

export function listTargetPlans(year: number, tenantId?: string): Promise<TargetPlan[]> {
  return api.get<TargetPlan[]>('/api/targets', { year, tenantId });
}

export function getTargetPlan(id: string): Promise<TargetPlan> {
  return api.get<TargetPlan>(planPath(id));
}

export function createTargetPlan(input: TargetPlanCreate): Promise<TargetPlan> {
  return api.post<TargetPlan>('/api/targets', input);
}

export function saveTargetDraft(
  id: string,
  input: AllocationBody & { version: number },
): Promise<TargetPlan> {
  return api.put<TargetPlan>(`${planPath(id)}/draft`, input);
}

export function finalizeTargetPlan(
  id: string,
  input: { version: number; effectiveFrom?: string },
): Promise<TargetPlan> {
  return api.post<TargetPlan>(`${planPath(id)}/finalize`, input);
}

export function reallocateTargetPlan(
  id: string,
  input: AllocationBody & { effectiveFrom: string; reason: string },
): Promise<TargetPlan> {
  return api.post<TargetPlan>(`${planPath(id)}/reallocate`, input);
}
