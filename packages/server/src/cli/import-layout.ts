/**
 * What `landfall import --dry-run` says of the file before anything is written: each sheet with
 * its kind, header rows, cut-off and where it came from, amount unit, the unit and stage its rows
 * default to, and the mapping as header → field — one JSON document, or the same as Chinese text.
 * The figures a run settled (cut-off, unit, stage per sheet) come from the preview's summary.
 */
import { stageFromTitle } from '@landfall/domain/import/index';
import { describeCutOff } from '@landfall/domain/import/cut-off-text';
import { importFieldKinds, importFieldLabels, type ImportField } from '@landfall/domain/import/fields';
import { amountUnitLabels, type AmountUnit } from '@landfall/domain/money';
import { stageLabels, type Stage } from '@landfall/domain/stages';
import type { StoredLayout, StoredSheet } from '../imports/import-batch.ts';
import type { SheetOutcome } from '../imports/import-types.ts';
import { columnLetter } from '../imports/import-rows.ts';
import { includedSheets, layoutSheets, type ColumnChoice } from './import-options.ts';

/** What the command chose, beside the file. */
export interface ChosenOptions {
  sheets?: { index: number; include?: boolean }[];
  columns?: ColumnChoice[];
  cutOff?: string;
  amountUnit?: AmountUnit;
  defaultStage?: Stage;
  defaultUnit?: { id: string; name: string };
  stageLabels?: Record<string, Stage>;
  usdRate?: string;
}

export type CutOffFrom = 'option' | 'sheet' | 'workbook' | 'today';
export type AmountUnitFrom = 'option' | 'sheet' | 'workbook' | 'default';
export type UnitFrom = 'column' | 'reporting_unit' | 'sheet_name' | 'option';

export interface SheetView {
  position: number;
  name: string | null;
  hidden: boolean;
  kind: StoredSheet['kind'];
  included: boolean;
  headerRows: number[];
  dataStart: number;
  title: string | null;
  reportingUnit: string | null;
  cutOff: string | null;
  cutOffFrom: CutOffFrom | null;
  cutOffSource: NonNullable<StoredSheet['meta']>['cutOffSource'];
  cutOffText: string | null;
  amountUnit: AmountUnit | null;
  amountUnitFrom: AmountUnitFrom | null;
  unit: { name: string | null; from: UnitFrom | null };
  defaultStage: { stage: Stage | null; from: 'option' | 'title' | null };
  /** Header (parent/child, or the column letter where two read the same) → field; null: ignored. */
  mapping: Record<string, ImportField | null>;
  /** Amount columns whose header declares its own unit. */
  columnUnits: Record<string, AmountUnit>;
  /** Mapping key → column letter. */
  columnLetters: Record<string, string>;
  rows: number | null;
  skipped: number | null;
}

export interface LayoutView {
  stageLabels: Record<string, Stage>;
  defaultStage: Stage | null;
  defaultUnit: { id: string; name: string } | null;
  usdRate: string | null;
  sheets: SheetView[];
}

const oneLine = (t: string) => t.replace(/\s*[\r\n]+\s*/g, '');
const shown = (h: { text: string; parent: string | null }) =>
  oneLine(h.parent ? `${h.parent}/${h.text}` : h.text);

/** The mapping a run uses on this sheet: the chosen columns where it shares the first sheet's header. */
function effectiveMapping(layout: StoredLayout, sheet: StoredSheet, columns: ColumnChoice[] | undefined) {
  const chosen = columns && sheet.signature === layout.signature ? columns : undefined;
  return sheet.mapping.map((m) => {
    const c = chosen?.find((x) => x.column === m.column);
    return c ? { ...m, field: c.field, unit: c.unit ?? null } : m;
  });
}

function mappingView(sheet: StoredSheet, mapping: StoredSheet['mapping']) {
  const header = (column: number) => sheet.headers.find((h) => h.column === column);
  const names = mapping.map((m) => {
    const h = header(m.column);
    return h ? shown(h) : m.header;
  });
  const out: Record<string, ImportField | null> = {};
  const units: Record<string, AmountUnit> = {};
  const letters: Record<string, string> = {};
  mapping.forEach((m, i) => {
    const name = names[i]!;
    if (!name && !m.field) return;
    const letter = header(m.column)?.letter ?? columnLetter(m.column);
    const unique = name && names.filter((n) => n === name).length === 1;
    const key = unique ? name : letter;
    out[key] = m.field;
    letters[key] = letter;
    if (m.field && importFieldKinds[m.field] === 'amount' && m.unit) units[key] = m.unit;
  });
  return { mapping: out, columnUnits: units, columnLetters: letters };
}

export function describeLayout(
  layout: StoredLayout,
  chosen: ChosenOptions,
  outcomes: SheetOutcome[] = [],
): LayoutView {
  const all = layoutSheets(layout);
  const included = new Set(includedSheets(layout, chosen.sheets).map((s) => s.index));
  const bookCutOff = all.find((s) => s.meta?.cutOff)?.meta?.cutOff ?? null;
  const bookUnit = all.find((s) => s.meta?.amountUnit)?.meta?.amountUnit ?? null;
  const sheets = all.map((sheet): SheetView => {
    const meta = sheet.meta;
    const run = outcomes.find((o) => o.index === sheet.index);
    const projects = sheet.kind === 'projects';
    const cutOffFrom: CutOffFrom = chosen.cutOff
      ? 'option'
      : meta?.cutOff
        ? 'sheet'
        : bookCutOff
          ? 'workbook'
          : 'today';
    const cutOff = run?.cutOff ?? chosen.cutOff ?? meta?.cutOff ?? bookCutOff;
    let cutOffText: string | null = null;
    if (projects) {
      if (cutOffFrom === 'option') cutOffText = `截止时间 ${cutOff}（按 --cut-off 指定）`;
      else if (cutOffFrom === 'sheet' && meta) cutOffText = describeCutOff(meta);
      else if (cutOffFrom === 'workbook')
        cutOffText = `截止时间 ${cutOff}（本表未写明，取自同一文件的其他工作表）`;
      else cutOffText = `文件未写明截止时间，按今天${cutOff ? ` ${cutOff}` : ''}计`;
    }
    const amountUnitFrom: AmountUnitFrom = chosen.amountUnit
      ? 'option'
      : meta?.amountUnit
        ? 'sheet'
        : bookUnit
          ? 'workbook'
          : 'default';
    const mapping = projects ? effectiveMapping(layout, sheet, chosen.columns) : [];
    const hasUnitColumn = mapping.some((m) => m.field === 'unit');
    const unitName = run?.unitName ?? sheet.unitName;
    const unit: SheetView['unit'] = !projects
      ? { name: null, from: null }
      : hasUnitColumn
        ? { name: unitName ?? chosen.defaultUnit?.name ?? null, from: 'column' }
        : unitName
          ? { name: unitName, from: sheet.unitSource ?? 'reporting_unit' }
          : chosen.defaultUnit
            ? { name: chosen.defaultUnit.name, from: 'option' }
            : { name: null, from: null };
    const titleStage = stageFromTitle(meta?.title ?? '');
    const stage = run?.defaultStage ?? chosen.defaultStage ?? titleStage;
    return {
      position: sheet.index + 1,
      name: sheet.name,
      hidden: sheet.hidden,
      kind: sheet.kind,
      included: included.has(sheet.index),
      headerRows: sheet.headerRows,
      dataStart: sheet.dataStart,
      title: meta?.title ?? null,
      reportingUnit: meta?.reportingUnit ?? null,
      cutOff: projects ? cutOff : (meta?.cutOff ?? null),
      cutOffFrom: projects ? cutOffFrom : null,
      cutOffSource: meta?.cutOffSource ?? null,
      cutOffText,
      amountUnit: projects
        ? (run?.amountUnit ?? chosen.amountUnit ?? meta?.amountUnit ?? bookUnit ?? 'wan')
        : (meta?.amountUnit ?? null),
      amountUnitFrom: projects ? amountUnitFrom : null,
      unit,
      defaultStage: projects
        ? { stage: stage ?? null, from: chosen.defaultStage ? 'option' : titleStage ? 'title' : null }
        : { stage: null, from: null },
      ...mappingView(sheet, mapping),
      rows: run?.rows ?? null,
      skipped: run?.skipped ?? null,
    };
  });
  return {
    stageLabels: chosen.stageLabels ?? {},
    defaultStage: chosen.defaultStage ?? null,
    defaultUnit: chosen.defaultUnit ?? null,
    usdRate: chosen.usdRate ?? null,
    sheets,
  };
}

const kindText = { projects: '项目表', summary: '汇总表', other: '非项目表' } as const;
const unitFromText: Record<UnitFrom, string> = {
  column: '各行“责任单位”列',
  reporting_unit: '表格上方的填报单位',
  sheet_name: '工作表名称',
  option: '--unit 指定',
};
const amountUnitFromText: Record<AmountUnitFrom, string> = {
  option: '--amount-unit 指定',
  sheet: '表格上方注明',
  workbook: '取自同一文件的其他工作表',
  default: '文件未注明，按万元',
};
const stageText = (s: Stage) => `${stageLabels[s]['zh-CN']} ${s}`;

function rowSpan(rows: number[]) {
  if (!rows.length) return '—';
  return rows.length === 1 ? `第 ${rows[0]} 行` : `第 ${rows[0]}–${rows[rows.length - 1]} 行`;
}

/** The layout as Chinese text, one block per sheet. */
export function layoutText(view: LayoutView): string {
  const lines = ['文件布局 / layout:'];
  for (const s of view.sheets) {
    const flags = [kindText[s.kind], s.hidden ? '隐藏' : '', s.included ? '导入' : '不导入'].filter(Boolean);
    lines.push(`工作表 ${s.position}「${s.name ?? ''}」 ${flags.join('，')}`);
    if (s.kind === 'other') continue;
    const title = s.title ? `；标题：${s.title}` : '';
    lines.push(`  表头 ${rowSpan(s.headerRows)}，数据自第 ${s.dataStart} 行起${title}`);
    if (s.kind !== 'projects') continue;
    if (s.cutOffText) lines.push(`  ${s.cutOffText}`);
    if (s.amountUnit)
      lines.push(
        `  金额单位：${amountUnitLabels[s.amountUnit]['zh-CN']}（${amountUnitFromText[s.amountUnitFrom ?? 'default']}）`,
      );
    const unit =
      s.unit.from === 'column'
        ? `按${unitFromText.column}${s.unit.name ? `，未填的行为「${s.unit.name}」` : ''}`
        : s.unit.from
          ? `「${s.unit.name}」（${unitFromText[s.unit.from]}）`
          : '未指定（各行须填写）';
    lines.push(`  责任单位：${unit}`);
    const st = s.defaultStage;
    const from = st.from === 'option' ? '--stage 指定' : st.from === 'title' ? '来自标题' : '';
    lines.push(`  未写阶段的行：${st.stage ? `${stageText(st.stage)}（${from}）` : '按所在分节或阶段列'}`);
    if (s.rows !== null) lines.push(`  项目行 ${s.rows}，跳过 ${s.skipped ?? 0}`);
    lines.push('  列映射（表头 → 字段）：');
    for (const [header, field] of Object.entries(s.mapping)) {
      const unit = s.columnUnits[header];
      const target = field ? `${importFieldLabels[field]['zh-CN']} ${field}` : '（忽略 ignored）';
      const letter = s.columnLetters[header];
      const where = letter && letter !== header ? `${letter} ${header}` : header;
      lines.push(`    ${where} → ${target}${unit ? `，${amountUnitLabels[unit]['zh-CN']}` : ''}`);
    }
  }
  const labels = Object.entries(view.stageLabels);
  if (labels.length)
    lines.push(`阶段写法 stage labels: ${labels.map(([l, s]) => `${l}=${stageText(s)}`).join('、')}`);
  if (view.usdRate) lines.push(`美元汇率 USD rate: ${view.usdRate}`);
  return lines.join('\n');
}
