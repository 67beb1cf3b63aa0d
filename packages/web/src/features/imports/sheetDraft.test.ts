import { describe, expect, it } from 'vitest';
import type { ImportBatch, ImportLayout, ImportSheet } from '../../api/imports.ts';
import { chooseField, draftFromBatch, optionsFromDraft } from './importDraft.ts';
import { chooseSheet, isWorkbook, sameUnitName, sheetHasUnitColumn } from './sheetDraft.ts';

const meta = (title: string | null, cutOff: string | null, amountUnit: 'wan' | 'yi' | null) => ({
  title,
  reportingUnit: null,
  cutOff,
  cutOffSource: cutOff ? { kind: 'cut_off_key' as const, text: `截止时间：${cutOff}`, inTitle: false } : null,
  reportDate: null,
  amountUnit,
  lines: [],
});

const columns = [
  { column: 0, letter: 'A', text: '项目名称', parent: null },
  { column: 1, letter: 'B', text: '协议投资额', parent: null },
];

function projectSheet(index: number, name: string, over: Partial<ImportSheet> = {}): ImportSheet {
  return {
    index,
    name,
    hidden: false,
    kind: 'projects',
    headerRows: [3],
    dataStart: 4,
    headers: columns,
    meta: meta(`${name}2025年招商引资项目推进台账`, '2025-09-30', 'wan'),
    mapping: [
      { column: 0, header: '项目名称', field: 'name', unit: null },
      { column: 1, header: '协议投资额', field: 'agreedInvestment', unit: 'wan' },
    ],
    signature: `sig-${index}`,
    savedMapping: false,
    unitName: name,
    unitSource: 'sheet_name',
    mergedDown: 0,
    summary: null,
    sample: [],
    ...over,
  };
}

const summarySheet: ImportSheet = {
  ...projectSheet(0, '汇总'),
  kind: 'summary',
  headers: [],
  mapping: [],
  signature: null,
  unitName: null,
  unitSource: null,
};

/** 汇总, 经开区 (新签约项目一览表, 万元), 龙都街道 (亿元, unit from 填报单位), a hidden 旧表. */
const sheets: ImportSheet[] = [
  summarySheet,
  projectSheet(1, '经开区', { meta: meta('经开区2025年新签约项目一览表', '2025-09-30', 'wan') }),
  projectSheet(2, '龙都街道', {
    meta: meta('龙都街道2025年1-9月招商引资项目推进台账', '2025-09-30', 'yi'),
    unitName: '龙都街道办事处',
    unitSource: 'reporting_unit',
  }),
  projectSheet(3, '旧表', { hidden: true }),
];

const first = sheets[1]!;
const layout: ImportLayout = {
  sheet: { sheetName: first.name, encoding: null, date1904: false },
  headerRows: first.headerRows,
  dataStart: first.dataStart,
  headers: first.headers,
  meta: first.meta!,
  mapping: first.mapping,
  signature: first.signature!,
  savedMapping: false,
  sample: [],
  sheets,
};

const batch = (options: ImportBatch['options'] = {}, over: Partial<ImportLayout> = {}): ImportBatch => ({
  id: 'b',
  tenantId: 't',
  filename: '汇总.xlsx',
  format: 'xlsx',
  sizeBytes: 1,
  sha256: '',
  status: 'uploaded',
  createdAt: '',
  createdBy: 'x',
  committedAt: null,
  committedBy: null,
  layout: { ...layout, ...over },
  options,
  summary: null,
  duplicateOf: null,
  progress: null,
});

describe("a workbook's sheets in the import draft", () => {
  it('proposes each project sheet as the server would: hidden ones off, unit and stage from the sheet', () => {
    const draft = draftFromBatch(batch());
    expect(draft.sheets).toEqual([
      { index: 1, include: true, unitName: '经开区', stage: 'signed' },
      { index: 2, include: true, unitName: '龙都街道办事处', stage: null },
      { index: 3, include: false, unitName: '旧表', stage: null },
    ]);
    expect(optionsFromDraft(draft).sheets).toEqual([
      { index: 1, include: true, unitName: '经开区', stage: 'signed' },
      { index: 2, include: true, unitName: '龙都街道办事处', stage: null },
      { index: 3, include: false, unitName: '旧表', stage: null },
    ]);
  });

  it('leaves each sheet its own cut-off and amount unit unless one is chosen for all', () => {
    const options = optionsFromDraft(draftFromBatch(batch()));
    expect(options.cutOff).toBeUndefined();
    expect(options.amountUnit).toBeUndefined();
    const chosen = optionsFromDraft(draftFromBatch(batch({ cutOff: '2025-06-30', amountUnit: 'yi' })));
    expect(chosen).toMatchObject({ cutOff: '2025-06-30', amountUnit: 'yi' });
  });

  it('sends the unit and stage a person chose, a blank unit as none', () => {
    let draft = draftFromBatch(batch());
    draft = {
      ...draft,
      sheets: chooseSheet(draft.sheets, 2, { unitName: ' 龙都街道 ', stage: 'construction' }),
    };
    draft = { ...draft, sheets: chooseSheet(draft.sheets, 1, { unitName: '   ', include: false }) };
    expect(optionsFromDraft(draft).sheets).toEqual([
      { index: 1, include: false, unitName: null, stage: 'signed' },
      { index: 2, include: true, unitName: '龙都街道', stage: 'construction' },
      { index: 3, include: false, unitName: '旧表', stage: null },
    ]);
  });

  it('restores the choices of the last preview when the batch is opened again', () => {
    const draft = draftFromBatch(
      batch({
        sheets: [
          { index: 2, unitName: '龙都街道', stage: 'construction' },
          { index: 3, include: true },
        ],
      }),
    );
    expect(draft.sheets).toEqual([
      { index: 1, include: true, unitName: '经开区', stage: 'signed' },
      { index: 2, include: true, unitName: '龙都街道', stage: 'construction' },
      { index: 3, include: true, unitName: '旧表', stage: null },
    ]);
  });

  it('keeps the plain wizard for a file of one sheet', () => {
    const single = batch({}, { sheets: [first] });
    expect(isWorkbook(single.layout)).toBe(false);
    const draft = draftFromBatch(single);
    expect(draft.sheets).toEqual([]);
    expect(optionsFromDraft(draft).sheets).toBeUndefined();
    expect(optionsFromDraft(draft)).toMatchObject({ cutOff: '2025-09-30', amountUnit: 'wan' });
    expect(isWorkbook(batch({}, { sheets: undefined }).layout)).toBe(false);
  });

  it("knows when a sheet's rows take their unit from a column: the first sheet's as mapped on screen", () => {
    const draft = draftFromBatch(batch());
    const mapsUnit = chooseField(draft, 1, 'unit').columns.some((c) => c.field === 'unit');
    expect(sheetHasUnitColumn(first, layout, false)).toBe(false);
    expect(sheetHasUnitColumn(first, layout, mapsUnit)).toBe(true);
    const withColumn = projectSheet(4, '其他', {
      mapping: [{ column: 0, header: '责任单位', field: 'unit', unit: null }],
    });
    expect(sheetHasUnitColumn(withColumn, layout, false)).toBe(true);
    expect(sheetHasUnitColumn(sheets[2]!, layout, true)).toBe(false);
  });

  it('compares unit names without spaces or case', () => {
    expect(sameUnitName(' 龙都 街道', '龙都街道')).toBe(true);
    expect(sameUnitName('经开区', '经开区管委会')).toBe(false);
  });
});
