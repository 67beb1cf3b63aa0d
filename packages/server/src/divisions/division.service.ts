import type { Ctx } from '../context.ts';
import { listDivisionChildren, searchDivisions } from './division.repo.ts';

/** GB/T 2260 reference data: public, read-only. */
export async function listDivisions(ctx: Ctx, query: { parent?: string; q?: string }) {
  const rows = query.q
    ? await searchDivisions(ctx.db, query.q, 50)
    : await listDivisionChildren(ctx.db, query.parent ?? null);
  return rows.map((r) => ({ code: r.code, level: r.level, name: r.name, parentCode: r.parent_code }));
}
