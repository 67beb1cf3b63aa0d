import type { Ctx, Tx } from '../context.ts';
import { listDivisionChildren, listDivisionLineage, searchDivisions } from './division.repo.ts';

/** GB/T 2260 reference data: public, read-only. */
export async function listDivisions(ctx: Ctx, query: { parent?: string; q?: string }) {
  const rows = query.q
    ? await searchDivisions(ctx.db, query.q, 50)
    : await listDivisionChildren(ctx.db, query.parent ?? null);
  return rows.map((r) => ({ code: r.code, level: r.level, name: r.name, parentCode: r.parent_code }));
}

/**
 * The county-level division (区/县/县级市) named `name` below `ancestorCode` (a city's or a
 * province's), or undefined: '万州区', '万州' and '重庆市万州区' all find 500101 below 500000.
 */
export async function findCountyByName(db: Tx, ancestorCode: string, name: string) {
  const bare = name
    .replace(/\s+/g, '')
    .replace(/^.*?(?:省|自治区|市)(?=.+[区县市旗]$)/, '')
    .replace(/(?:自治县|自治旗|区|县|市|旗)$/, '');
  if (bare === '') return undefined;
  const candidates = (await searchDivisions(db, bare, 50)).filter(
    (d) => d.level === 'county' && d.code !== ancestorCode,
  );
  const prefix = ancestorCode.endsWith('0000') ? ancestorCode.slice(0, 2) : ancestorCode.slice(0, 4);
  const below = candidates.filter((d) => d.code.startsWith(prefix));
  const exact = below.find((d) => d.name === name.replace(/\s+/g, ''));
  const found = exact ?? below.find((d) => d.name.replace(/(?:自治县|自治旗|区|县|市|旗)$/, '') === bare);
  if (!found) return undefined;
  const lineage = await listDivisionLineage(db, found.code);
  return lineage.some((d) => d.code === ancestorCode) ? found : undefined;
}

/** A division's name (GB/T 2260), or the code itself when unknown. */
export async function divisionName(db: Tx, code: string): Promise<string> {
  return (await listDivisionLineage(db, code))[0]?.name ?? code;
}
