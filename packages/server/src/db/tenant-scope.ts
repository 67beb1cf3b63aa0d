import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which tenants' rows the current code may see on PostgreSQL (row-level security, migration 0019):
 * `'all'` for system paths (migrations, setup, login, the CLI operator, background jobs), or the
 * actor's subtree. The database layer sends it as `landfall.tenants` on every connection it hands
 * out (db/database.ts), so each query and each transaction runs under the scope of the code that
 * issued it. Code outside any scope sees nothing (`''`), unless its database was opened with
 * `outsideScope: 'all'` (tests' own fixture writes).
 */
export type TenantScope = 'all' | readonly string[];

const storage = new AsyncLocalStorage<{ readonly tenants: TenantScope }>();

/** Runs `fn` (and everything it starts) under `scope`. */
export function withTenantScope<T>(scope: TenantScope, fn: () => T): T {
  return storage.run({ tenants: scope }, fn);
}

/** Runs `fn` under a scope read afresh at each connection (a request's: 'all' until its actor is known). */
export function withDynamicTenantScope<T>(scope: () => TenantScope, fn: () => T): T {
  return storage.run(
    {
      get tenants() {
        return scope();
      },
    },
    fn,
  );
}

/** The scope in force here, if any. */
export function currentTenantScope(): TenantScope | undefined {
  return storage.getStore()?.tenants;
}

/** The value of `landfall.tenants`: 'all', a comma list of tenant ids, or '' (nothing visible). */
export function tenantSetting(scope: TenantScope | undefined): string {
  if (scope === undefined) return '';
  if (scope === 'all') return 'all';
  return scope.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(',');
}
