import { api } from './client.ts';
import type { FocusIndustry, Industry } from './library-types.ts';

/** GB/T 4754-2017: children of a code; without a parent, the 20 sections. */
export function listIndustries(parent?: string): Promise<Industry[]> {
  return api.get<Industry[]>('/api/industries', { parent });
}

/** Name or code search (≤ 50 rows; a code matches as a prefix). */
export function searchIndustries(q: string): Promise<Industry[]> {
  return api.get<Industry[]>('/api/industries', { q });
}

export function listFocusIndustries(tenantId?: string): Promise<FocusIndustry[]> {
  return api.get<FocusIndustry[]>('/api/focus-industries', { tenantId });
}
