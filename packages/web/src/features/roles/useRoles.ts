import { useQuery } from '@tanstack/react-query';
import { listRoles } from '../../api/roles.ts';

export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: listRoles, staleTime: 5 * 60_000 });
}
