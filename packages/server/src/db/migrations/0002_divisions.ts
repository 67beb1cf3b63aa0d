import { sql, type Kysely } from 'kysely';
import { readReferenceCsv } from '../reference-data.ts';

/**
 * GB/T 2260 divisions (2023), parents before children so the foreign key holds
 * row by row. Cities without counties (东莞市, 中山市, 儋州市) appear a second
 * time as a "county" whose parent is itself: the city row is kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = (await readReferenceCsv('gbt2260-divisions.csv')).filter((r) => r.code !== r.parent);
  const order = { province: 0, city: 1, county: 2 } as Record<string, number>;
  rows.sort((a, b) => (order[a.level ?? ''] ?? 9) - (order[b.level ?? ''] ?? 9));
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = sql.join(chunk.map((r) => sql`(${r.code}, ${r.level}, ${r.name}, ${r.parent || null})`));
    await sql`insert into division (code, level, name, parent_code) values ${values}`.execute(db);
  }
}
