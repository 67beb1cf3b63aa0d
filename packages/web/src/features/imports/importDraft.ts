import type { AmountUnit, Stage } from '@landfall/domain';
import { importFieldKinds, type ImportField } from '@landfall/domain/import/fields';
import type { ImportBatch, ImportLayout, ImportOptions, ImportProgress } from '../../api/imports.ts';
import { isWorkbook, sheetChoicesFromBatch, sheetOptions, type SheetChoice } from './sheetDraft.ts';

/** One source column's choice on the mapping screen. */
export interface ColumnChoice {
  column: number;
  field: ImportField | null;
  /** Amount columns only; null = the sheet's unit. */
  unit: AmountUnit | null;
}

/** What the person confirms before a preview or a commit; becomes ImportOptions. */
export interface ImportDraft {
  columns: ColumnChoice[];
  cutOff?: string;
  amountUnit?: AmountUnit;
  createUnits: boolean;
  defaultUnitId?: string;
  stageLabels: Record<string, Stage>;
  /** 美元汇率 as typed (元 per 美元, '7.1'); blank: none (a USD amount is then a row error). */
  usdRate?: string;
  /** 基线 or 补录; undefined: the server's default (baseline for the first import of an empty tenant). */
  entries?: 'baseline' | 'late';
  /** A workbook's project sheets (empty for a one-sheet file). */
  sheets: SheetChoice[];
}

/**
 * The proposal (or the options of the batch's last preview) as a draft. A workbook's sheets
 * keep their own cut-off and amount unit: the draft sets one for all only when a person does.
 */
export function draftFromBatch(batch: ImportBatch): ImportDraft {
  const { layout, options } = batch;
  const chosen = options.columns;
  const columns = layout.mapping.map((m): ColumnChoice => {
    const previous = chosen?.find((c) => c.column === m.column);
    return previous
      ? { column: m.column, field: previous.field, unit: previous.unit ?? null }
      : { column: m.column, field: m.field, unit: m.unit };
  });
  const workbook = isWorkbook(layout);
  return {
    columns,
    cutOff: options.cutOff ?? (workbook ? undefined : (layout.meta.cutOff ?? undefined)),
    amountUnit: options.amountUnit ?? (workbook ? undefined : (layout.meta.amountUnit ?? undefined)),
    createUnits: options.createUnits ?? false,
    defaultUnitId: options.defaultUnitId,
    stageLabels: options.stageLabels ?? {},
    usdRate: options.usdRate,
    entries: options.entries,
    sheets: workbook ? sheetChoicesFromBatch(batch) : [],
  };
}

/** The request body for preview and commit: every column's choice, as confirmed. */
export function optionsFromDraft(draft: ImportDraft): ImportOptions {
  return {
    columns: draft.columns.map(({ column, field, unit }) => ({
      column,
      field,
      unit: field !== null && importFieldKinds[field] === 'amount' ? unit : null,
    })),
    stageLabels: draft.stageLabels,
    cutOff: draft.cutOff,
    amountUnit: draft.amountUnit,
    createUnits: draft.createUnits,
    defaultUnitId: mapsField(draft, 'unit') ? undefined : draft.defaultUnitId,
    sheets: sheetOptions(draft.sheets),
    usdRate: draft.usdRate?.trim() || undefined,
    entries: draft.entries,
  };
}

/** Sets one column's field; an amount column keeps its unit, any other column drops it. */
export function chooseField(draft: ImportDraft, column: number, field: ImportField | null): ImportDraft {
  return {
    ...draft,
    columns: draft.columns.map((c) =>
      c.column === column
        ? { column, field, unit: field !== null && importFieldKinds[field] === 'amount' ? c.unit : null }
        : c,
    ),
  };
}

export function chooseUnit(draft: ImportDraft, column: number, unit: AmountUnit | null): ImportDraft {
  return { ...draft, columns: draft.columns.map((c) => (c.column === column ? { ...c, unit } : c)) };
}

export function mapsField(draft: ImportDraft, field: ImportField): boolean {
  return draft.columns.some((c) => c.field === field);
}

/** Fields chosen for more than one column (the server refuses them). */
export function repeatedFields(draft: ImportDraft): Set<ImportField> {
  const seen = new Set<ImportField>();
  const repeated = new Set<ImportField>();
  for (const { field } of draft.columns) {
    if (field === null) continue;
    if (seen.has(field)) repeated.add(field);
    seen.add(field);
  }
  return repeated;
}

/** Up to `max` non-blank sample values of a column, from the rows read at upload. */
export function sampleValues(layout: ImportLayout, column: number, max = 3): string[] {
  const values: string[] = [];
  for (const { cells } of layout.sample) {
    const value = cells[column]?.trim();
    if (value) values.push(value);
    if (values.length >= max) break;
  }
  return values;
}

/** Percent done: rows of the known total, else the share of the file read. */
export function progressPercent(progress: ImportProgress | null | undefined): number {
  if (!progress) return 0;
  const share =
    progress.totalRows && progress.totalRows > 0 ? progress.rows / progress.totalRows : progress.fraction;
  return Math.max(0, Math.min(99, Math.floor(share * 100)));
}
