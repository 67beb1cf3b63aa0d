import type { TenantCreateInput, TenantUpdateInput } from '@landfall/domain';
import { api } from './client.ts';
import type { Tenant } from './types.ts';

export function listTenants(): Promise<Tenant[]> {
  return api.get<Tenant[]>('/api/tenants');
}

export function createTenant(input: TenantCreateInput): Promise<Tenant> {
  return api.post<Tenant>('/api/tenants', input);
}

export function updateTenant(id: string, input: TenantUpdateInput): Promise<Tenant> {
  return api.put<Tenant>(`/api/tenants/${encodeURIComponent(id)}`, input);
}
