import { api } from './client.ts';
import type { Division } from './types.ts';

/** Children of a division; without a parent, the provinces. */
export function listDivisions(parent?: string): Promise<Division[]> {
  return api.get<Division[]>('/api/divisions', { parent });
}

export function searchDivisions(q: string): Promise<Division[]> {
  return api.get<Division[]>('/api/divisions', { q });
}
