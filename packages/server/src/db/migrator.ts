import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_divisions.ts';
import * as m0003 from './migrations/0003_industries.ts';
import * as m0004 from './migrations/0004_projects.ts';
import * as m0005 from './migrations/0005_targets.ts';
import * as m0006 from './migrations/0006_imports.ts';
import * as m0007 from './migrations/0007_coordination.ts';
import * as m0008 from './migrations/0008_evidence_missing.ts';
import * as m0009 from './migrations/0009_funding_inside_city.ts';
import * as m0010 from './migrations/0010_ledger_baseline.ts';
import * as m0011 from './migrations/0011_month_close.ts';
import * as m0013 from './migrations/0013_funds_basis_total.ts';
import * as m0014 from './migrations/0014_duplicate_reports.ts';
import * as m0015 from './migrations/0015_city_matters.ts';
import * as m0017 from './migrations/0017_accounts.ts';
import * as m0018 from './migrations/0018_chains.ts';
import * as m0020 from './migrations/0020_hardening.ts';
import * as m0019 from './migrations/0019_row_security.ts';
import { withTenantScope } from './tenant-scope.ts';

/** Forward-only migrations, in order. Add new ones at the end; never edit a released one. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_divisions': m0002,
  '0003_industries': m0003,
  '0004_projects': m0004,
  '0005_targets': m0005,
  '0006_imports': m0006,
  '0007_coordination': m0007,
  '0008_evidence_missing': m0008,
  '0009_funding_inside_city': m0009,
  '0010_ledger_baseline': m0010,
  '0011_month_close': m0011,
  '0013_funds_basis_total': m0013,
  '0014_duplicate_reports': m0014,
  '0015_city_matters': m0015,
  '0017_accounts': m0017,
  '0018_chains': m0018,
  '0019_row_security': m0019,
  '0020_hardening': m0020,
};

/** The migrations this version knows, in order. */
export const knownMigrations = Object.keys(migrations);

export interface MigrationReport {
  applied: string[];
  current: string | null;
}

/** Applies pending migrations; on PostgreSQL Kysely's migration lock serialises concurrent instances. */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
  db: Kysely<any>,
  /** Only these migrations (a restore first builds the schema its backup was taken with). */
  only?: readonly string[],
): Promise<MigrationReport> {
  const chosen = only
    ? Object.fromEntries(Object.entries(migrations).filter(([name]) => only.includes(name)))
    : migrations;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => chosen },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
    // Migrations are developed on parallel branches (0006 and 0007 landed separately): a database that
    // already ran a later one still runs an earlier one that arrives afterwards. Each migration only adds.
    allowUnorderedMigrations: true,
  });
  // Migrations are a system path: they see every tenant's rows (row-level security, migration 0019).
  const { error, results } = await withTenantScope('all', () => migrator.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const all = await withTenantScope('all', () => migrator.getMigrations());
  const done = all.filter((m) => m.executedAt);
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    current: done.at(-1)?.name ?? null,
  };
}
