import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditQuery } from '@landfall/domain';
import { listAudit, verifyAudit } from '../../api/audit.ts';

export function useAudit(query: Partial<AuditQuery>) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => listAudit(query),
    placeholderData: keepPreviousData,
  });
}

/** 校验 on demand: a walk over every chain is not a query to refetch on focus. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => verifyAudit() });
}
