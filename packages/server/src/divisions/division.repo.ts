import type { Tx } from '../context.ts';

export async function findDivision(db: Tx, code: string) {
  return db.selectFrom('division').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listDivisionChildren(db: Tx, parentCode: string | null) {
  let q = db.selectFrom('division').selectAll();
  q = parentCode ? q.where('parent_code', '=', parentCode) : q.where('parent_code', 'is', null);
  return q.orderBy('code').execute();
}

export async function searchDivisions(db: Tx, text: string, limit: number) {
  return db
    .selectFrom('division')
    .selectAll()
    .where('name', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .orderBy('code')
    .limit(limit)
    .execute();
}

/** The division and its ancestors, nearest first. */
export async function listDivisionLineage(db: Tx, code: string) {
  const lineage: { code: string; level: string; name: string; parent_code: string | null }[] = [];
  let current = await findDivision(db, code);
  while (current) {
    lineage.push(current);
    current = current.parent_code ? await findDivision(db, current.parent_code) : undefined;
  }
  return lineage;
}
