/**
 * 增资 on an existing project (domain/expansion.ts): a field_change entry dated on the supplementary
 * agreement, carrying the raised agreed (and fixed) investment, so every read as of a date on or after
 * it counts the increment (ledger.reads.ts: a value is the latest visible entry carrying it). The
 * date may not precede the signing nor the project's latest entry carrying an amount — the entry
 * states the new total, so it must come last in ledger order to hold from its date on.
 */
import { sql } from 'kysely';
import { canReceiveFunds } from '@landfall/domain/stages';
import { MAX_AMOUNT_FEN } from '@landfall/domain/money';
import { expansionInputSchema, type ExpansionInput } from '@landfall/domain/expansion';
import type { Ctx, Tx } from '../context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { findProject, updateProjectRow } from '../projects/project.repo.ts';
import { toProject } from '../projects/project.mapper.ts';
import { loadProject, today } from '../projects/project.service.ts';
import { lateMark, resolveEntryDate } from '../closing/closing.guard.ts';
import { insertLedgerEntry } from './ledger.repo.ts';
import { toLedgerEntry } from './ledger.mapper.ts';
import { assertAttachmentOf } from './stage-evidence.ts';

/** The date of the project's latest entry that states an amount (agreed or fixed), if any. */
async function latestAmountOn(db: Tx, projectId: string): Promise<string | null> {
  const row = await sql<{ latest: string | null }>`
    select max(effective_on)::text as latest from ledger_entry
    where project_id = ${projectId} and (agreed_fen is not null or fixed_fen is not null)`.execute(db);
  return row.rows[0]?.latest ?? null;
}

export async function recordExpansion(ctx: Ctx, projectId: string, raw: ExpansionInput) {
  const input = expansionInputSchema.parse(raw);
  const project = await loadProject(ctx, ctx.db, projectId, 'project.addEntry');
  if (input.version !== project.version)
    throw new AppError('stale_version', undefined, { current: toProject(project) });
  if (project.stage === 'dropped' || !canReceiveFunds(project.stage, project.stage_before))
    throw new AppError(
      'conflict',
      ctx.locale === 'zh-CN'
        ? '项目签约后（且未终止）才能登记增资'
        : 'An expansion is recorded on a signed project that has not been dropped',
    );
  if (input.date > today(ctx))
    throw invalidField(ctx, 'date', { zh: '日期不能晚于今天', en: 'The date cannot be in the future' });
  if (project.signed_on && input.date < project.signed_on)
    throw invalidField(ctx, 'date', {
      zh: `增资日期不能早于签约日期 ${project.signed_on}`,
      en: `The expansion cannot precede the signing on ${project.signed_on}`,
    });
  const agreedBefore = Number(project.agreed_investment_fen);
  const fixedBefore = Number(project.fixed_asset_fen);
  const agreedAfter = agreedBefore + input.agreedIncrementFen;
  const fixedAfter = fixedBefore + (input.fixedIncrementFen ?? 0);
  if (!Number.isSafeInteger(agreedAfter) || agreedAfter > MAX_AMOUNT_FEN)
    throw invalidField(ctx, 'agreedIncrementFen', {
      zh: '增资后的协议投资额不能超过 1 万亿元',
      en: 'The agreed investment after the expansion cannot exceed 1 万亿元 (10^12 yuan)',
    });
  if (fixedAfter > agreedAfter)
    throw invalidField(ctx, 'fixedIncrementFen', {
      zh: '增资后固定资产投资不能大于协议投资额',
      en: 'The fixed-asset part cannot exceed the agreed investment',
    });
  return ctx.db.transaction().execute(async (trx) => {
    const latest = await latestAmountOn(trx, projectId);
    if (latest && input.date < latest)
      throw invalidField(ctx, 'date', {
        zh: `增资日期不能早于项目投资额最近一次登记的日期 ${latest}`,
        en: `The date cannot precede ${latest}, when the investment was last recorded`,
      });
    if (input.attachmentId)
      await assertAttachmentOf(ctx, trx, input.attachmentId, projectId, 'attachmentId', 'imageOrPdf');
    // 封账: refused in a closed month, or 补录 on the next open month's first day.
    const placed = await resolveEntryDate(ctx, trx, project.tenant_id, input.date);
    const after = await updateProjectRow(trx, projectId, input.version, {
      agreed_investment_fen: agreedAfter,
      fixed_asset_fen: fixedAfter,
      last_entry_on: placed.date > project.last_entry_on ? placed.date : project.last_entry_on,
      updated_at: ctx.clock.now(),
    });
    if (!after) {
      const current = await findProject(trx, projectId);
      throw new AppError('stale_version', undefined, { current: current && toProject(current) });
    }
    const increment = {
      name: input.name,
      agreedFen: input.agreedIncrementFen,
      fixedFen: input.fixedIncrementFen ?? 0,
    };
    const entry = await insertLedgerEntry(trx, {
      tenant_id: project.tenant_id,
      project_id: projectId,
      kind: 'field_change',
      effective_on: placed.date,
      recorded_at: ctx.clock.now(),
      actor_id: ctx.actor?.id ?? null,
      actor_name: ctx.actor?.username ?? 'system',
      baseline: ctx.baseline ?? false,
      agreed_fen: agreedAfter,
      fixed_fen: fixedAfter,
      attachment_id: input.attachmentId ?? null,
      snapshot: JSON.stringify(toProject(after)),
      payload: JSON.stringify({
        changes: {
          agreed_investment_fen: { from: agreedBefore, to: agreedAfter },
          ...(fixedAfter !== fixedBefore ? { fixed_asset_fen: { from: fixedBefore, to: fixedAfter } } : {}),
        },
        expansion: increment,
        evidence: input.attachmentId
          ? { date: input.date, attachmentId: input.attachmentId }
          : { date: input.date, noAgreementReason: input.noAgreementReason },
        ...lateMark(placed),
      }),
    });
    await recordAudit(trx, ctx, {
      action: 'project.addEntry',
      recordType: 'ledger_entry',
      recordId: String(entry.id),
      tenantId: project.tenant_id,
      before: toProject(project),
      after: toLedgerEntry(entry),
    });
    return { project: toProject(after), entry: toLedgerEntry(entry) };
  });
}
