import { importOptionsSchema } from '@landfall/domain/schemas/import';
import type { ImportSummary } from '../../api/imports.ts';

/** The server's row error for a USD amount read without a rate (server imports/import-rows.ts). */
export const usdRateMissingMessage = '金额为美元，请在导入设置中填写美元汇率';

export type UsdRateText = { ok: true; rate: string | undefined } | { ok: false; message: string };

/**
 * The 美元汇率 field's text as the import option: blank is no rate; anything else must pass the
 * very schema the server applies (a positive decimal, at most 8 decimals: '7.1', '7.18840').
 */
export function readUsdRate(text: string | undefined): UsdRateText {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return { ok: true, rate: undefined };
  const result = importOptionsSchema.shape.usdRate.safeParse(trimmed);
  if (result.success) return { ok: true, rate: result.data };
  return { ok: false, message: result.error.issues[0]?.message ?? '美元汇率无效' };
}

/** The preview found USD amounts it could not convert: the person has to give a rate. */
export function needsUsdRate(summary: Pick<ImportSummary, 'errors'>): boolean {
  return summary.errors.some((issue) => issue.message.includes(usdRateMissingMessage));
}
