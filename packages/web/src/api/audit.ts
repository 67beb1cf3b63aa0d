import type { AuditQuery } from '@landfall/domain';
import { api } from './client.ts';
import type { AuditPage } from './types.ts';

export function listAudit(query: Partial<AuditQuery>): Promise<AuditPage> {
  return api.get<AuditPage>('/api/audit', { ...query });
}
