import type { Tx } from '../context.ts';

export async function findSetting(db: Tx, key: string) {
  return db.selectFrom('setting').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function upsertSetting(db: Tx, key: string, value: unknown, version: number, now: Date) {
  if (version === 0) {
    return db
      .insertInto('setting')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .returningAll()
      .executeTakeFirst();
  }
  return db
    .updateTable('setting')
    .set({ value: JSON.stringify(value), updated_at: now, version: version + 1 })
    .where('key', '=', key)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
