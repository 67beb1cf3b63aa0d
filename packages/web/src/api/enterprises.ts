import type { EnterpriseInput, EnterpriseQuery, EnterpriseUpdateInput } from '@landfall/domain';
import { api } from './client.ts';
import type { Enterprise, Page } from './library-types.ts';

const enterprisePath = (id: string) => `/api/enterprises/${encodeURIComponent(id)}`;

export function listEnterprises(query: Partial<EnterpriseQuery>): Promise<Page<Enterprise>> {
  return api.get<Page<Enterprise>>('/api/enterprises', { ...query });
}

export function getEnterprise(id: string): Promise<Enterprise> {
  return api.get<Enterprise>(enterprisePath(id));
}

export function createEnterprise(input: EnterpriseInput & { tenantId?: string }): Promise<Enterprise> {
  return api.post<Enterprise>('/api/enterprises', input);
}

export function updateEnterprise(id: string, input: EnterpriseUpdateInput): Promise<Enterprise> {
  return api.put<Enterprise>(enterprisePath(id), input);
}
