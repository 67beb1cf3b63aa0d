/** What a run needs from the stored layout and the options a person confirmed; remembering a confirmed mapping. */
import { shanghaiToday } from '@landfall/domain/dates';
import { describeCutOff } from '@landfall/domain/import/cut-off-text';
import type { AmountUnit } from '@landfall/domain/money';
import type { Stage } from '@landfall/domain/stages';
import {
  normaliseStageLabel,
  stageFromTitle,
  type ColumnMapping,
  type ImportField,
} from '@landfall/domain/import/index';
import type { Ctx, Tx } from '../context.ts';
import { AppError } from '../http/app-error.ts';
import { getTenant } from '../tenants/tenant.repo.ts';
import type { ImportSummary } from './import-types.ts';
import {
  headerKey,
  type ImportOptions,
  type loadBatch,
  type StoredLayout,
  sheetsOf,
  type StoredSheet,
} from './import-batch.ts';

/** What the run of one project sheet needs. */
export interface SheetSettings {
  index: number;
  name: string | null;
  mapping: ColumnMapping[];
  dataStart: number;
  cutOff: string;
  cutOffGiven: boolean;
  /** Where the cut-off came from, in Chinese: 截止时间 2017-09-30（来自标题中的统计期间“1-9月”）. */
  cutOffNote: string;
  amountUnit: AmountUnit;
  amountUnitGiven: boolean;
  /** The unit of rows without a 责任单位 of their own (the sheet's 填报单位 or name), if any. */
  unitName: string | null;
  /** The stage of rows that give none: chosen, or the table's kind in its title (新签约项目一览表). */
  defaultStage: Stage | null;
}

function invalid(ctx: Ctx, path: string, zh: string, en: string): never {
  const message = ctx.locale === 'zh-CN' ? zh : en;
  throw new AppError('validation_failed', message, { fields: [{ path: [path], message }] });
}

function chosenMapping(sheet: StoredSheet, options: ImportOptions): ColumnMapping[] {
  if (!options.columns) return sheet.mapping;
  return sheet.headers.map((h) => {
    const chosen = options.columns!.find((c) => c.column === h.column);
    const proposed = sheet.mapping.find((m) => m.column === h.column);
    return {
      column: h.column,
      header: proposed?.header ?? h.text,
      field: chosen ? chosen.field : (proposed?.field ?? null),
      unit: chosen ? (chosen.unit ?? null) : (proposed?.unit ?? null),
    };
  });
}

export async function settingsFor(
  ctx: Ctx,
  batch: Awaited<ReturnType<typeof loadBatch>>,
  options: ImportOptions,
) {
  const layout = batch.layout as StoredLayout;
  const all = sheetsOf(layout);
  const today = shanghaiToday(ctx.clock.now());
  // The workbook's own cut-off: the first sheet that states one (a unit sheet may not).
  const bookCutOff = all.map((sheet) => sheet.meta?.cutOff).find(Boolean) ?? null;
  const bookUnit = all.map((sheet) => sheet.meta?.amountUnit).find(Boolean) ?? null;
  const choice = (index: number) => options.sheets?.find((s) => s.index === index);
  const included = all.filter((sheet) => {
    if (sheet.kind !== 'projects') return false;
    return choice(sheet.index)?.include ?? !sheet.hidden;
  });
  if (!included.length) invalid(ctx, 'sheets', '请至少选择一个工作表', 'Choose at least one sheet');
  const sheets: SheetSettings[] = included.map((sheet) => {
    // The mapping screen shows the first project sheet: its choices hold for every sheet with the same header.
    const mapping = sheet.signature === layout.signature ? chosenMapping(sheet, options) : sheet.mapping;
    const label = sheet.name ? `工作表「${sheet.name}」：` : '';
    const labelEn = sheet.name ? `Sheet ${sheet.name}: ` : '';
    const fields = mapping.map((m) => m.field).filter(Boolean);
    if (!fields.includes('name'))
      invalid(
        ctx,
        'columns',
        `${label}请指定“项目名称”对应的列`,
        `${labelEn}choose the column holding 项目名称`,
      );
    if (fields.some((f, i) => fields.indexOf(f) !== i))
      invalid(
        ctx,
        'columns',
        `${label}同一字段只能对应一列`,
        `${labelEn}a field can be mapped to one column only`,
      );
    const cutOff = options.cutOff ?? sheet.meta?.cutOff ?? bookCutOff ?? today;
    const bookSheet = all.find((other) => other.meta?.cutOff === bookCutOff);
    const cutOffNote = options.cutOff
      ? `截止时间 ${cutOff}（导入时指定）`
      : sheet.meta?.cutOff
        ? describeCutOff(sheet.meta)
        : bookCutOff
          ? `截止时间 ${cutOff}（本表未写明，取自工作表「${bookSheet?.name ?? ''}」）`
          : `文件未写明截止时间，按今天 ${today}`;
    if (cutOff > today)
      invalid(
        ctx,
        'cutOff',
        `${label}截止日期 ${cutOff} 晚于今天`,
        `${labelEn}the cut-off ${cutOff} is in the future`,
      );
    const unitChoice = choice(sheet.index)?.unitName;
    return {
      index: sheet.index,
      name: sheet.name,
      mapping,
      dataStart: sheet.dataStart,
      cutOff,
      cutOffGiven: Boolean(options.cutOff ?? sheet.meta?.cutOff ?? bookCutOff),
      cutOffNote,
      amountUnit: options.amountUnit ?? sheet.meta?.amountUnit ?? bookUnit ?? 'wan',
      amountUnitGiven:
        Boolean(options.amountUnit ?? sheet.meta?.amountUnit ?? bookUnit) || mapping.some((m) => m.unit),
      unitName: unitChoice === undefined ? sheet.unitName : unitChoice?.trim() || null,
      defaultStage:
        // A stage chosen for the sheet (null: none) wins over the default and over its title's.
        choice(sheet.index)?.stage !== undefined
          ? (choice(sheet.index)!.stage ?? null)
          : (options.defaultStage ?? stageFromTitle(sheet.meta?.title ?? '') ?? null),
    };
  });
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
    if (!unit) invalid(ctx, 'defaultUnitId', '默认责任单位不存在', 'No such unit');
  }
  const tenant = await getTenant(ctx.db, batch.tenant_id);
  // 基线 or 补录: chosen, else baseline for the first import into a tenant (and its districts) with no projects.
  const entries =
    options.entries ??
    ((await ctx.db
      .selectFrom('project as p')
      .innerJoin('tenant as t', 't.id', 'p.tenant_id')
      .select('p.id')
      .where('t.path', 'like', `${tenant.path}%`)
      .limit(1)
      .executeTakeFirst())
      ? 'late'
      : 'baseline');
  // The sheet the mapping screen showed (its headers are layout.headers): remembered only when it is imported.
  const shown = sheets.find(
    (sheet) => sheet.index === all.find((s) => s.signature === layout.signature)?.index,
  );
  const primary = shown ?? sheets[0]!;
  return {
    layout,
    sheets,
    summaries: all.filter((sheet) => sheet.kind === 'summary' && sheet.summary),
    /** The first sheet's: what a one-sheet file had. */
    mapping: primary.mapping,
    /** The confirmed mapping to remember for this header, or null when its sheet is not imported. */
    mappingToSave: shown ? shown.mapping : null,
    cutOff: primary.cutOff,
    amountUnit: primary.amountUnit,
    stageLabels,
    tenant,
    tenantDivision: tenant.division_code,
    entries,
  };
}

export function withFileNotes(summary: ImportSummary, s: Awaited<ReturnType<typeof settingsFor>>) {
  const notes: ImportSummary['warnings'] = [];
  for (const sheet of s.sheets) {
    const where = s.sheets.length > 1 && sheet.name ? { sheet: sheet.name } : {};
    if (!sheet.cutOffGiven) {
      notes.push({
        row: 0,
        column: '截止日期',
        cell: '',
        value: '',
        message: `文件未写明截止日期，按 ${sheet.cutOff} 处理`,
        ...where,
      });
    }
    if (!sheet.amountUnitGiven) {
      notes.push({
        row: 0,
        column: '金额单位',
        cell: '',
        value: '',
        message: '文件未写明金额单位，按万元处理',
        ...where,
      });
    }
  }
  summary.warnings.unshift(...notes);
  summary.warningCount += notes.length;
  summary.entries = s.entries;
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
