/**
 * A chunk's bulk writes, on commit, in the order the foreign keys need: the new enterprises
 * (import-refs.ts keeps them pending), the new projects, the project ↔ enterprise links, then
 * the ledger entries — a few hundred rows a statement, inside the import's one transaction.
 */
import type { Insertable } from 'kysely';
import type { Tx } from '../context.ts';
import type { LedgerEntryTable, ProjectTable } from '../db/schema.ts';
import type { ImportReferences } from './import-refs.ts';
import { chainRows, inTransaction } from '../audit/chain.ts';

export type EntryRow = Insertable<LedgerEntryTable>;

/** What a chunk's plans collect for its bulk writes. */
export interface ChunkWrites {
  newProjects: Insertable<ProjectTable>[];
  entries: EntryRow[];
  links: { project_id: string; enterprise_id: string }[];
}

export function emptyWrites(): ChunkWrites {
  return { newProjects: [], entries: [], links: [] };
}

/**
 * Inserts ledger entries, 500 a statement, chained in order to their tenant's ledger chain
 * (audit/chain.ts: hashed here in Node, one head update per call).
 */
export async function insertEntries(db: Tx, entries: readonly EntryRow[]) {
  if (!entries.length) return;
  await inTransaction(db, async (trx) => {
    const chained = await chainRows(trx, 'ledger', entries);
    for (let i = 0; i < chained.length; i += 500) {
      await trx
        .insertInto('ledger_entry')
        .values(chained.slice(i, i + 500))
        .execute();
    }
  });
}

/** Writes the chunk: the pending enterprises, then its projects, links and entries. */
export async function writeChunk(db: Tx, refs: ImportReferences, writes: ChunkWrites) {
  const { newProjects, links, entries } = writes;
  const enterprises = refs.pendingEnterprises.splice(0, refs.pendingEnterprises.length);
  for (let i = 0; i < enterprises.length; i += 500) {
    await db
      .insertInto('enterprise')
      .values(enterprises.slice(i, i + 500))
      .execute();
  }
  for (let i = 0; i < newProjects.length; i += 200) {
    await db
      .insertInto('project')
      .values(newProjects.slice(i, i + 200))
      .execute();
  }
  for (let i = 0; i < links.length; i += 1000) {
    await db
      .insertInto('project_enterprise')
      .values(links.slice(i, i + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await insertEntries(db, entries);
}
