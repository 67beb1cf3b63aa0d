import { sql, type Kysely } from 'kysely';
import { readReferenceCsv } from '../reference-data.ts';

/** GB/T 4754-2017 national economic industry classification (国民经济行业分类), sections first. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table industry (
      code text primary key,
      level text not null check (level in ('section', 'division', 'group', 'class')),
      name text not null,
      parent_code text references industry(code),
      note text
    )`.execute(db);
  await sql`create index industry_parent_idx on industry(parent_code)`.execute(db);
  const rows = await readReferenceCsv('gbt4754-2017.csv');
  const order: Record<string, number> = { section: 0, division: 1, group: 2, class: 3 };
  rows.sort((a, b) => (order[a.level ?? ''] ?? 9) - (order[b.level ?? ''] ?? 9));
  for (let i = 0; i < rows.length; i += 500) {
    const values = sql.join(
      rows
        .slice(i, i + 500)
        .map((r) => sql`(${r.code}, ${r.level}, ${r.name}, ${r.parent || null}, ${r.note || null})`),
    );
    await sql`insert into industry (code, level, name, parent_code, note) values ${values}`.execute(db);
  }
}
