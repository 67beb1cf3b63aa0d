import type { Tx } from '../context.ts';

export async function findIndustry(db: Tx, code: string) {
  return db.selectFrom('industry').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listIndustryChildren(db: Tx, parentCode: string | null) {
  let q = db.selectFrom('industry').selectAll();
  q = parentCode ? q.where('parent_code', '=', parentCode) : q.where('parent_code', 'is', null);
  return q.orderBy('code').execute();
}

/** Name or code search over the classification (the tables are small: 1,971 rows). */
export async function searchIndustries(db: Tx, text: string, limit: number) {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('industry')
    .selectAll()
    .where((eb) => eb.or([eb('name', 'like', like), eb('code', 'like', `${text.replace(/[\\%_]/g, '')}%`)]))
    .orderBy('code')
    .limit(limit)
    .execute();
}
