import type { UnitCreateInput, UnitUpdateInput } from '@landfall/domain';
import { api } from './client.ts';
import type { Unit } from './types.ts';

export function listUnits(tenantId?: string): Promise<Unit[]> {
  return api.get<Unit[]>('/api/units', { tenantId });
}

export function createUnit(input: UnitCreateInput): Promise<Unit> {
  return api.post<Unit>('/api/units', input);
}

export function updateUnit(id: string, input: UnitUpdateInput): Promise<Unit> {
  return api.put<Unit>(`/api/units/${encodeURIComponent(id)}`, input);
}
