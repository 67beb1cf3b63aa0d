import type { Ctx, Tx } from '../context.ts';
import { invalidField } from '../http/app-error.ts';
import { findDivision } from '../divisions/division.repo.ts';
import { findIndustry } from './industry.repo.ts';

/** Refuses a GB/T 2260 code that is not in the table, naming the field. */
export async function assertDivision(ctx: Ctx, db: Tx, code: string | null | undefined, field: string) {
  if (code && !(await findDivision(db, code))) {
    throw invalidField(ctx, field, {
      zh: `行政区划代码 ${code} 不存在`,
      en: `Unknown division code ${code}`,
    });
  }
}

/** Refuses a GB/T 4754-2017 code that is not in the classification, naming the field. */
export async function assertIndustry(ctx: Ctx, db: Tx, code: string | null | undefined, field: string) {
  if (code && !(await findIndustry(db, code))) {
    throw invalidField(ctx, field, { zh: `行业代码 ${code} 不存在`, en: `Unknown industry code ${code}` });
  }
}
