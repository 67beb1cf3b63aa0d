import type { Stage } from '@landfall/domain';
import { stageFromTitle } from '@landfall/domain/import/stage-labels';
import type { ImportBatch, ImportLayout, ImportOptions, ImportSheet } from '../../api/imports.ts';

/** What the person confirms for one project sheet of a workbook; becomes options.sheets[i]. */
export interface SheetChoice {
  index: number;
  include: boolean;
  /** The unit of the sheet's rows without a 责任单位; null: none (then the rows need one). */
  unitName: string | null;
  /** The stage of the sheet's rows that give none; null: none chosen (the title's, if any). */
  stage: Stage | null;
}

/** The sheets of the upload (a batch from before workbooks were read whole has none listed). */
export function sheetsOf(layout: ImportLayout): ImportSheet[] {
  return layout.sheets ?? [];
}

/** A workbook of more than one sheet gets the 工作表 table; a one-sheet file keeps the plain wizard. */
export function isWorkbook(layout: ImportLayout): boolean {
  return sheetsOf(layout).length > 1;
}

/** The stage a sheet's title names (新签约项目一览表 → 签约), the server's default for it. */
export function titleStage(sheet: ImportSheet): Stage | null {
  return stageFromTitle(sheet.meta?.title ?? null);
}

/** The proposal for each project sheet (or the batch's last confirmed choice): the server's defaults. */
export function sheetChoicesFromBatch(batch: ImportBatch): SheetChoice[] {
  const chosen = batch.options.sheets ?? [];
  return sheetsOf(batch.layout)
    .filter((sheet) => sheet.kind === 'projects')
    .map((sheet) => {
      const previous = chosen.find((c) => c.index === sheet.index);
      return {
        index: sheet.index,
        include: previous?.include ?? !sheet.hidden,
        unitName: previous?.unitName === undefined ? sheet.unitName : previous.unitName,
        stage: previous?.stage ?? titleStage(sheet),
      };
    });
}

/** options.sheets: every project sheet's choice, or nothing for a one-sheet file. */
export function sheetOptions(choices: SheetChoice[]): ImportOptions['sheets'] {
  if (choices.length === 0) return undefined;
  return choices.map(({ index, include, unitName, stage }) => ({
    index,
    include,
    unitName: unitName?.trim() || null,
    stage,
  }));
}

export function chooseSheet(
  choices: SheetChoice[],
  index: number,
  change: Partial<Omit<SheetChoice, 'index'>>,
): SheetChoice[] {
  return choices.map((c) => (c.index === index ? { ...c, ...change } : c));
}

/** Whether the sheet's rows take their unit from a 责任单位 column (so the sheet's unit is not used). */
export function sheetHasUnitColumn(sheet: ImportSheet, layout: ImportLayout, primaryMapsUnit: boolean) {
  if (layout.signature && sheet.signature === layout.signature) return primaryMapsUnit;
  return sheet.mapping.some((m) => m.field === 'unit');
}

/** Names compared as the server does for units: no spaces, case-insensitive. */
export function sameUnitName(a: string, b: string): boolean {
  const flat = (text: string) => text.replace(/[\s\u3000]+/g, '').toLowerCase();
  return flat(a) === flat(b);
}
