import { useState } from 'react';
import type { Tenant } from '../../api/types.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { useTenants } from './useTenants.ts';

export interface TenantScope {
  /** The tenant whose records the page shows; the user's own by default. */
  tenantId: string | undefined;
  setTenantId: (id: string) => void;
  tenants: Tenant[];
  /** The tenantId to send on create: only when it is not the user's own. */
  createTenantId: string | undefined;
}

/** Lets a city or province user look at (and manage) a district below it. */
export function useTenantScope(): TenantScope {
  const { data: me } = useMe();
  const can = useCan();
  const tenants = useTenants(can('tenant.read'));
  const [chosen, setTenantId] = useState<string>();
  const tenantId = chosen ?? me?.tenantId;
  return {
    tenantId,
    setTenantId,
    tenants: tenants.data ?? [],
    createTenantId: tenantId !== me?.tenantId ? tenantId : undefined,
  };
}
