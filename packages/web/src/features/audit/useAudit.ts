import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditQuery } from '@landfall/domain';
import { listAudit } from '../../api/audit.ts';

export function useAudit(query: Partial<AuditQuery>) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => listAudit(query),
    placeholderData: keepPreviousData,
  });
}
