/**
 * 增资 (an expansion of a signed project: a second phase, added capacity, a capital increase) recorded
 * by a unit: a dated ledger entry that raises the project's agreed investment (协议投资额) — and, if
 * given, its fixed-asset part — by the increment, on the date of the supplementary agreement, with
 * the agreement file or the reason there is none (as a signing needs). The import's 增资扩产 rows write
 * the same entry (`payload.expansion`).
 */
import { z } from 'zod';
import { calendarDateSchema } from './dates.ts';
import { fenSchema, positiveFenSchema } from './money.ts';
import { versionSchema } from './schemas/common.ts';

export const expansionInputSchema = z
  .object({
    version: versionSchema,
    /** The supplementary agreement's date: the increment counts from it. */
    date: calendarDateSchema,
    /** What the expansion is called (二期, 扩产, 增资): a later import row naming it is matched by it. */
    name: z
      .string({ error: '请填写增资事项' })
      .trim()
      .min(1, '请填写增资事项')
      .max(200, '增资事项不能超过 200 字'),
    agreedIncrementFen: positiveFenSchema,
    fixedIncrementFen: fenSchema.optional(),
    attachmentId: z.uuid({ error: '附件编号无效' }).optional(),
    noAgreementReason: z.preprocess(
      (v) => (typeof v === 'string' && !v.trim() ? undefined : v),
      z.string().trim().min(1, '请填写原因').max(500, '原因不能超过 500 字').optional(),
    ),
  })
  .refine((v) => v.attachmentId || v.noAgreementReason, {
    path: ['attachmentId'],
    message: '请上传增资协议文件，或说明未上传的原因',
  });
export type ExpansionInput = z.input<typeof expansionInputSchema>;
