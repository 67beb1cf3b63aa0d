/**
 * `landfall import`'s choices → the ImportOptions the web wizard sends. What needs no file is
 * read first (stages, stage labels, the mapping file, the rate), so a typo fails before any
 * upload; sheets and mapping keys are then resolved against the layout the upload found.
 * Every refusal is a CliError (exit 1) in Chinese with English after it.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { stages, stageLabels as stageNames, type Stage } from '@landfall/domain/stages';
import { amountUnits, type AmountUnit } from '@landfall/domain/money';
import {
  importFieldKinds,
  importFieldLabels,
  importFields,
  matchStageLabel,
  normaliseHeader,
  type ImportField,
} from '@landfall/domain/import/index';
import type { ImportOptionsInput } from '@landfall/domain/schemas/import';
import { sheetsOf, type StoredLayout, type StoredSheet } from '../imports/import-batch.ts';
import { CliError } from './connection.ts';

/** One column's choice, as the web sends it (0-based column). */
export interface ColumnChoice {
  column: number;
  field: ImportField | null;
  unit?: AmountUnit | null;
}

/** A mapping file before the upload: the web's array, or keys (header text or letter) to resolve. */
export type MappingInput =
  | { kind: 'columns'; columns: ColumnChoice[] }
  | { kind: 'keys'; entries: { key: string; field: ImportField | null; unit?: AmountUnit | null }[] };

const stageList = stages.map((s) => `${stageNames[s]['zh-CN']}=${s}`).join('、');

/** A stage as people type it: the key (construction) or a Chinese label (开工, 在建, 已签约 …). */
export function parseStage(text: string, what: string): Stage {
  const t = text.trim();
  const stage = (stages as readonly string[]).includes(t) ? (t as Stage) : matchStageLabel(t);
  if (!stage)
    throw new CliError(`${what}「${text}」不是项目阶段，可用：${stageList} / ${what}: unknown stage ${text}`);
  return stage;
}

/** `--stage-label 在建=construction` (or 在建=开工), repeatable → label → stage. */
export function parseStageLabels(pairs: string[]): Record<string, Stage> {
  const out: Record<string, Stage> = {};
  for (const pair of pairs) {
    const m = /^([^=＝]+)[=＝](.+)$/.exec(pair.trim());
    const label = m?.[1]?.trim();
    if (!m || !label || label.length > 50)
      throw new CliError(
        `--stage-label 应写成“表中写法=阶段”，如 在建=construction：${pair} / --stage-label takes LABEL=STAGE`,
      );
    out[label] = parseStage(m[2]!, `--stage-label ${label}`);
  }
  return out;
}

const unitWords: Record<string, AmountUnit> = { 元: 'yuan', 万元: 'wan', 万: 'wan', 亿元: 'yi', 亿: 'yi' };

/** `--amount-unit 万元` (元/万元/亿元 or yuan/wan/yi). */
export function parseAmountUnit(text: string): AmountUnit {
  const t = text.trim();
  const unit = (amountUnits as readonly string[]).includes(t) ? (t as AmountUnit) : unitWords[t];
  if (!unit)
    throw new CliError(
      `--amount-unit 应为 元、万元 或 亿元（yuan/wan/yi）：${text} / --amount-unit takes yuan, wan or yi`,
    );
  return unit;
}

/**
 * `--usd-rate 7.1`: 元 per US dollar, a positive decimal of at most 8 places, kept as text (the
 * import option is decimal text, converted exactly).
 */
export function parseUsdRate(text: string): string {
  const t = text.trim();
  if (!/^\d{1,6}(?:\.\d{1,8})?$/.test(t) || !/[1-9]/.test(t))
    throw new CliError(
      `--usd-rate 应为正数（1 美元折合人民币元数，如 7.1，最多 8 位小数）：${text} / --usd-rate must be a positive number`,
    );
  return t;
}

const fieldList = importFields.map((f) => `${f}（${importFieldLabels[f]['zh-CN']}）`).join(', ');
const fieldSchema = z.string().nullable();
const unitSchema = z.enum(amountUnits).nullable().optional();

function checkField(field: string | null, where: string): ImportField | null {
  if (field === null || field === '') return null;
  if (!(importFields as readonly string[]).includes(field))
    throw new CliError(
      `映射文件中「${where}」的字段“${field}”无效，可用字段 / invalid field ${field}; valid fields: ${fieldList}（null 表示忽略该列 / null ignores the column）`,
    );
  return field as ImportField;
}

/**
 * `--mapping FILE.json`: `[{column, field, unit}]` as the web saves it (column 0-based or a
 * letter), or `{"B": "name", "协议投资额（万元）": "agreedInvestment"}` (a value may also be
 * `{field, unit}`; null ignores the column).
 */
export async function readMappingFile(file: string): Promise<MappingInput> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? `不是有效的 JSON：${err.message}` : '无法读取';
    throw new CliError(`映射文件 ${file} ${why} / cannot read the mapping file ${file}`);
  }
  const bad = (why: string) =>
    new CliError(
      `映射文件 ${file} 格式不对（${why}）：应为 [{"column": 1, "field": "name"}] 或 {"B": "name", "项目名称": "name"} / the mapping must be an array of {column, field, unit} or an object of column → field`,
    );
  if (Array.isArray(data)) {
    const item = z.object({
      column: z.union([z.number().int().min(0).max(255), z.string()]),
      field: fieldSchema,
      unit: unitSchema,
    });
    const columns: ColumnChoice[] = [];
    const entries: { key: string; field: ImportField | null; unit?: AmountUnit | null }[] = [];
    for (const [i, raw] of data.entries()) {
      const parsed = item.safeParse(raw);
      if (!parsed.success) throw bad(`第 ${i + 1} 项 item ${i + 1}`);
      const { column, unit } = parsed.data;
      const field = checkField(parsed.data.field, String(column));
      if (typeof column === 'number') columns.push({ column, field, unit: unit ?? null });
      else entries.push({ key: column, field, unit: unit ?? null });
    }
    if (entries.length)
      return { kind: 'keys', entries: [...columns.map((c) => ({ ...c, key: `#${c.column}` })), ...entries] };
    return { kind: 'columns', columns };
  }
  if (data === null || typeof data !== 'object') throw bad('不是数组或对象 / neither array nor object');
  const entries = Object.entries(data as Record<string, unknown>).map(([key, value]) => {
    const parsed = z
      .union([fieldSchema, z.object({ field: fieldSchema, unit: unitSchema })])
      .safeParse(value);
    if (!parsed.success) throw bad(`「${key}」`);
    const v = parsed.data;
    const field = checkField(typeof v === 'object' && v !== null ? v.field : v, key);
    const unit = typeof v === 'object' && v !== null ? (v.unit ?? null) : undefined;
    return { key, field, unit };
  });
  return { kind: 'keys', entries };
}

function letterIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

const collapse = (s: string) => s.replace(/\s+/g, '');

/** A mapping key → the column of the sheet's header it names (letter, exact header, parent/child, normalised). */
function resolveKey(sheet: StoredSheet, key: string): number {
  if (/^#\d+$/.test(key)) return Number(key.slice(1));
  if (/^[A-Za-z]{1,2}$/.test(key)) return letterIndex(key);
  const shown = (h: StoredSheet['headers'][number]) => (h.parent ? `${h.parent}/${h.text}` : h.text);
  const tries: ((h: StoredSheet['headers'][number]) => boolean)[] = [
    (h) => collapse(shown(h)) === collapse(key),
    (h) => collapse(h.text) === collapse(key),
    (h) => normaliseHeader(shown(h)) === normaliseHeader(key),
    (h) => normaliseHeader(h.text) === normaliseHeader(key),
  ];
  for (const test of tries) {
    const hits = sheet.headers.filter((h) => h.text && test(h));
    if (hits.length === 1) return hits[0]!.column;
    if (hits.length > 1)
      throw new CliError(
        `映射文件中的表头「${key}」对应多列（${hits.map((h) => `${h.letter} ${shown(h)}`).join('、')}），请改用列字母或“上级表头/表头” / header ${key} names several columns; use the column letter`,
      );
  }
  const known = sheet.headers.filter((h) => h.text).map((h) => `${h.letter} ${shown(h)}`);
  throw new CliError(
    `映射文件中的「${key}」不是表头或列字母，本表表头为 / ${key} is neither a header nor a column letter; the headers are:\n  ${known.join('\n  ')}`,
  );
}

/**
 * The columns to send: the sheet's proposal with the file's choices over it. A field the file
 * gives to one column is taken from any other column the proposal gave it to (else the server
 * would refuse the field twice).
 */
export function columnsFor(sheet: StoredSheet, input: MappingInput): ColumnChoice[] {
  const chosen = new Map<number, ColumnChoice>();
  const items =
    input.kind === 'columns'
      ? input.columns
      : input.entries.map((e) => ({ ...e, column: resolveKey(sheet, e.key) }));
  const width = Math.max(sheet.headers.length, ...sheet.mapping.map((m) => m.column + 1));
  for (const c of items) {
    if (c.column >= width)
      throw new CliError(
        `映射文件中的第 ${c.column + 1} 列超出表格（共 ${width} 列） / column ${c.column + 1} is beyond the sheet's ${width} columns`,
      );
    chosen.set(c.column, { column: c.column, field: c.field, unit: c.unit });
  }
  const taken = new Set([...chosen.values()].map((c) => c.field).filter(Boolean));
  return sheet.mapping.map((m) => {
    const c = chosen.get(m.column);
    if (c) {
      const amount = c.field !== null && importFieldKinds[c.field] === 'amount';
      return {
        column: m.column,
        field: c.field,
        unit: amount ? (c.unit === undefined ? m.unit : c.unit) : null,
      };
    }
    const field = m.field && taken.has(m.field) ? null : m.field;
    return { column: m.column, field, unit: field ? m.unit : null };
  });
}

/** The sheets of a layout (an old one-sheet layout: its top level). */
export const layoutSheets = sheetsOf;

const kindNames = { projects: '项目表', summary: '汇总表', other: '非项目表' } as const;
const sheetLabel = (s: StoredSheet) => `${s.index + 1}「${s.name ?? ''}」`;

/**
 * `--sheet NAME|N|all` → options.sheets: the named project sheets included, every other one
 * left out; `all` takes every project sheet, hidden ones too. None given: the server's default.
 */
export function sheetChoices(layout: StoredLayout, wanted: string[]): ImportOptionsInput['sheets'] {
  if (!wanted.length) return undefined;
  const all = layoutSheets(layout);
  const list = all
    .map((s) => `${sheetLabel(s)} ${kindNames[s.kind]}${s.hidden ? '（隐藏）' : ''}`)
    .join('、');
  const picked = new Set<number>();
  for (const w of wanted) {
    const t = w.trim();
    if (t.toLowerCase() === 'all') {
      for (const s of all) if (s.kind === 'projects') picked.add(s.index);
      continue;
    }
    const sheet =
      all.find((s) => s.name === t) ??
      all.find((s) => s.name?.trim() === t) ??
      (/^\d+$/.test(t) ? all.find((s) => s.index === Number(t) - 1) : undefined);
    if (!sheet)
      throw new CliError(`文件中没有工作表「${w}」，现有：${list} / no sheet ${w}; the sheets are: ${list}`);
    if (sheet.kind !== 'projects')
      throw new CliError(
        `工作表${sheetLabel(sheet)}是${kindNames[sheet.kind]}，没有可导入的项目行 / sheet ${w} is not a project sheet (${sheet.kind})`,
      );
    picked.add(sheet.index);
  }
  return all
    .filter((s) => s.kind === 'projects')
    .map((s) => ({ index: s.index, include: picked.has(s.index) }));
}

/** The project sheets a run takes with these choices (as import-settings decides it). */
export function includedSheets(layout: StoredLayout, sheets: ImportOptionsInput['sheets']): StoredSheet[] {
  return layoutSheets(layout).filter(
    (s) => s.kind === 'projects' && (sheets?.find((c) => c.index === s.index)?.include ?? !s.hidden),
  );
}
