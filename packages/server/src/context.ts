import type { Kysely, Transaction } from 'kysely';
import type { Locale } from '@landfall/domain';
import type { Clock } from './clock.ts';
import type { DB } from './db/schema.ts';
import type { Actor } from './auth/policy.ts';

/** What a service call knows about its request: who, from where, when, and the database. */
export interface Ctx {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor | null;
  ip: string;
  /** The client's User-Agent header, for the audit log (MLPS 安全审计). */
  userAgent?: string | null;
  requestId: string;
  locale: Locale;
  /**
   * 基线: this context loads history at go-live (the demo, a migration from another system): its
   * ledger entries are baseline, known on their effective dates (ledger/ledger.reads.ts).
   */
  baseline?: boolean;
}

export type Tx = Transaction<DB> | Kysely<DB>;
