import type { ConvenerCreateInput, ConvenerUpdateInput } from '@landfall/domain';
import { api } from './client.ts';
import type { Convener } from './types.ts';

export function listConveners(tenantId?: string): Promise<Convener[]> {
  return api.get<Convener[]>('/api/conveners', { tenantId });
}

export function createConvener(input: ConvenerCreateInput): Promise<Convener> {
  return api.post<Convener>('/api/conveners', input);
}

export function updateConvener(id: string, input: ConvenerUpdateInput): Promise<Convener> {
  return api.put<Convener>(`/api/conveners/${encodeURIComponent(id)}`, input);
}
