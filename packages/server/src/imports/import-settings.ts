/** What a run needs from the stored layout and the options a person confirmed; remembering a confirmed mapping. */
import { shanghaiToday } from '@landfall/domain/dates';
import type { AmountUnit } from '@landfall/domain/money';
import type { Stage } from '@landfall/domain/stages';
import { normaliseStageLabel, type ColumnMapping, type ImportField } from '@landfall/domain/import/index';
import type { Ctx, Tx } from '../context.ts';
import { AppError } from '../http/app-error.ts';
import { getTenant } from '../tenants/tenant.repo.ts';
import type { ImportSummary } from './import-types.ts';
import { headerKey, type ImportOptions, type loadBatch, type StoredLayout } from './import-batch.ts';

export async function settingsFor(
  ctx: Ctx,
  batch: Awaited<ReturnType<typeof loadBatch>>,
  options: ImportOptions,
) {
  const layout = batch.layout as StoredLayout;
  const mapping: ColumnMapping[] = options.columns
    ? layout.headers.map((h) => {
        const chosen = options.columns!.find((c) => c.column === h.column);
        const proposed = layout.mapping.find((m) => m.column === h.column);
        return {
          column: h.column,
          header: proposed?.header ?? h.text,
          field: chosen ? chosen.field : (proposed?.field ?? null),
          unit: chosen ? (chosen.unit ?? null) : (proposed?.unit ?? null),
        };
      })
    : layout.mapping;
  const fields = mapping.map((m) => m.field).filter(Boolean);
  if (!fields.includes('name')) {
    const message =
      ctx.locale === 'zh-CN' ? '请指定“项目名称”对应的列' : 'Choose the column holding 项目名称';
    throw new AppError('validation_failed', message, { fields: [{ path: ['columns'], message }] });
  }
  const duplicates = fields.filter((f, i) => fields.indexOf(f) !== i);
  if (duplicates.length) {
    const message =
      ctx.locale === 'zh-CN' ? '同一字段只能对应一列' : 'A field can be mapped to one column only';
    throw new AppError('validation_failed', message, { fields: [{ path: ['columns'], message }] });
  }
  const today = shanghaiToday(ctx.clock.now());
  const cutOff = options.cutOff ?? layout.meta.cutOff ?? today;
  if (cutOff > today) {
    const message =
      ctx.locale === 'zh-CN' ? `截止日期 ${cutOff} 晚于今天` : `The cut-off ${cutOff} is in the future`;
    throw new AppError('validation_failed', message, { fields: [{ path: ['cutOff'], message }] });
  }
  const amountUnit: AmountUnit = options.amountUnit ?? layout.meta.amountUnit ?? 'wan';
  const stored = (batch.options as Partial<ImportOptions>).stageLabels ?? {};
  const stageLabels: Record<string, Stage> = {};
  for (const [label, stage] of Object.entries({ ...stored, ...(options.stageLabels ?? {}) })) {
    stageLabels[normaliseStageLabel(label)] = stage as Stage;
  }
  if (options.defaultUnitId) {
    const unit = await ctx.db
      .selectFrom('unit')
      .select('id')
      .where('id', '=', options.defaultUnitId)
      .where('tenant_id', '=', batch.tenant_id)
      .executeTakeFirst();
    if (!unit) {
      const message = ctx.locale === 'zh-CN' ? '默认责任单位不存在' : 'No such unit';
      throw new AppError('validation_failed', message, { fields: [{ path: ['defaultUnitId'], message }] });
    }
  }
  const tenant = await getTenant(ctx.db, batch.tenant_id);
  return {
    layout,
    mapping,
    cutOff,
    cutOffGiven: Boolean(options.cutOff ?? layout.meta.cutOff),
    amountUnit,
    amountUnitGiven: Boolean(options.amountUnit ?? layout.meta.amountUnit) || mapping.some((m) => m.unit),
    stageLabels,
    tenantDivision: tenant.division_code,
  };
}

export function withFileNotes(summary: ImportSummary, s: Awaited<ReturnType<typeof settingsFor>>) {
  const notes = [];
  if (!s.cutOffGiven) {
    notes.push({
      row: 0,
      column: '截止日期',
      cell: '',
      value: '',
      message: `文件未写明截止日期，按 ${s.cutOff} 处理`,
    });
  }
  if (!s.amountUnitGiven) {
    notes.push({
      row: 0,
      column: '金额单位',
      cell: '',
      value: '',
      message: '文件未写明金额单位，按万元处理',
    });
  }
  summary.warnings.unshift(...notes);
  summary.warningCount += notes.length;
  return summary;
}

export async function saveMapping(
  db: Tx,
  tenantId: string,
  layout: StoredLayout,
  mapping: ColumnMapping[],
  stageLabels: Record<string, Stage>,
  now: Date,
) {
  const columns: Record<string, ImportField | null> = {};
  for (const m of mapping) {
    const h = layout.headers[m.column];
    if (h) columns[headerKey(h)] = m.field;
  }
  await db
    .insertInto('import_mapping')
    .values({
      tenant_id: tenantId,
      signature: layout.signature,
      columns: JSON.stringify(columns),
      stage_labels: JSON.stringify(stageLabels),
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'signature']).doUpdateSet({
        columns: JSON.stringify(columns),
        stage_labels: JSON.stringify(stageLabels),
        updated_at: now,
      }),
    )
    .execute();
}
