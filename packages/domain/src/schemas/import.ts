import { z } from 'zod';
import { calendarDateSchema } from '../dates.ts';
import { amountUnits } from '../money.ts';
import { stages } from '../stages.ts';
import { importFields } from '../import/fields.ts';
import { parseUsdRate } from '../import/amounts.ts';
import { idSchema } from './common.ts';

/** What a person confirms on the mapping screen before a preview or a commit. */
export const importOptionsSchema = z.object({
  /** Column → field (null: ignore the column) and, for amounts, the column's unit. Omitted: the proposal. */
  columns: z
    .array(
      z.object({
        column: z.number().int().min(0).max(255),
        field: z.enum(importFields).nullable(),
        unit: z.enum(amountUnits).nullable().optional(),
      }),
    )
    .max(256)
    .optional(),
  /** Stage labels as the office writes them → stages (在谈 → negotiating …), on top of the defaults. */
  stageLabels: z.record(z.string().max(50), z.enum(stages)).optional(),
  /** The ledger's cut-off date (截止时间) when the file does not say it. */
  cutOff: calendarDateSchema.optional(),
  /** The amount unit when the file does not say it. */
  amountUnit: z.enum(amountUnits).optional(),
  /** Create the responsible units the file names that do not exist yet. */
  createUnits: z.boolean().default(false),
  /**
   * Per sheet of a workbook (by 0-based index): whether to import it (default: every visible
   * project sheet) and the unit of its rows without a 责任单位 (default: its 填报单位 or name).
   */
  sheets: z
    .array(
      z.object({
        index: z.number().int().min(0).max(255),
        include: z.boolean().optional(),
        unitName: z.string().max(100).nullable().optional(),
        /** The stage of the sheet's rows that give none (default: from its title). */
        stage: z.enum(stages).nullable().optional(),
      }),
    )
    .max(256)
    .optional(),
  /** The stage of rows that give none, when no sheet says otherwise (its title may: 新签约项目一览表). */
  defaultStage: z.enum(stages).optional(),
  /**
   * 元人民币 per 1 美元 for amounts the file gives in USD (万美元 columns, '500万美元' cells), as
   * decimal text ('7.1'), converted exactly; without it a USD amount is a row error.
   */
  usdRate: z
    .string()
    .trim()
    .refine((rate) => parseUsdRate(rate) !== null, { error: '美元汇率应为正数，如 7.1（最多 8 位小数）' })
    // A plausible rate: a typo such as 0.00000001 would turn every dollar amount into 0 fen.
    .refine(
      (rate) => {
        const r = parseUsdRate(rate);
        if (!r) return true;
        const one = 10n ** BigInt(r.scale);
        return r.units * 100n >= one && r.units <= 1000n * one;
      },
      { error: '美元汇率应在 0.01 至 1000 元人民币之间，如 7.1' },
    )
    .optional(),
  /** The unit for every row when the file has no 责任单位 column. */
  defaultUnitId: idSchema.optional(),
  /**
   * How the file's dated entries are known: 'baseline' (基线 — history loaded at go-live, each entry
   * known on its own date, so past weeks' briefs show it and the next brief is not flooded) or
   * 'late' (补录 — known now, listed as 补录 in the next brief). Default: baseline for the first
   * import of a tenant with no projects, else late.
   */
  entries: z.enum(['baseline', 'late']).optional(),
});
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;
