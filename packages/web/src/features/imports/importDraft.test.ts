import { describe, expect, it } from 'vitest';
import type { ImportBatch, ImportLayout } from '../../api/imports.ts';
import {
  chooseField,
  chooseUnit,
  draftFromBatch,
  optionsFromDraft,
  progressPercent,
  repeatedFields,
  sampleValues,
} from './importDraft.ts';

const layout: ImportLayout = {
  sheet: { sheetName: '台账', encoding: null, date1904: false },
  headerRows: [3, 4],
  dataStart: 5,
  headers: [
    { column: 0, letter: 'A', text: '项目名称', parent: null },
    { column: 1, letter: 'B', text: '协议投资额', parent: null },
    { column: 2, letter: 'C', text: '挂点领导', parent: null },
  ],
  meta: {
    title: null,
    reportingUnit: null,
    cutOff: '2017-09-30',
    cutOffSource: null,
    reportDate: null,
    amountUnit: 'wan',
    lines: [],
  },
  mapping: [
    { column: 0, header: '项目名称', field: 'name', unit: null },
    { column: 1, header: '协议投资额', field: 'agreedInvestment', unit: 'wan' },
    { column: 2, header: '挂点领导', field: null, unit: null },
  ],
  savedMapping: false,
  sample: [
    { row: 5, cells: ['一、在谈项目（1个）', '', ''] },
    { row: 6, cells: ['锂电池项目', '50000', ' 张副区长 '] },
  ],
};

const batch = (options: ImportBatch['options'] = {}): ImportBatch => ({
  id: 'b',
  tenantId: 't',
  filename: 'a.xlsx',
  format: 'xlsx',
  sizeBytes: 1,
  sha256: '',
  status: 'uploaded',
  createdAt: '',
  createdBy: 'x',
  committedAt: null,
  committedBy: null,
  layout,
  options,
  summary: null,
  duplicateOf: null,
  progress: null,
});

describe('the import draft', () => {
  it('starts from the proposal and the file meta', () => {
    const draft = draftFromBatch(batch({ stageLabels: { 洽谈中: 'negotiating' } }));
    expect(draft.columns.map((c) => c.field)).toEqual(['name', 'agreedInvestment', null]);
    expect(draft).toMatchObject({ cutOff: '2017-09-30', amountUnit: 'wan', createUnits: false });
    expect(draft.stageLabels).toEqual({ 洽谈中: 'negotiating' });
  });

  it('reuses the columns of the last preview when the batch is opened again', () => {
    const draft = draftFromBatch(
      batch({ columns: [{ column: 2, field: 'leaderInCharge' }], createUnits: true }),
    );
    expect(draft.columns.map((c) => c.field)).toEqual(['name', 'agreedInvestment', 'leaderInCharge']);
    expect(draft.createUnits).toBe(true);
  });

  it('keeps units for amount columns only and finds repeated fields', () => {
    let draft = draftFromBatch(batch());
    draft = chooseUnit(draft, 1, 'yi');
    draft = chooseField(draft, 2, 'name');
    expect(repeatedFields(draft)).toEqual(new Set(['name']));
    draft = chooseField(draft, 2, 'leaderInCharge');
    const options = optionsFromDraft(draft);
    expect(options.columns).toEqual([
      { column: 0, field: 'name', unit: null },
      { column: 1, field: 'agreedInvestment', unit: 'yi' },
      { column: 2, field: 'leaderInCharge', unit: null },
    ]);
    expect(chooseField(draft, 1, 'remarks').columns[1]).toEqual({ column: 1, field: 'remarks', unit: null });
  });

  it('sends a default unit only when no column holds the unit', () => {
    const draft = { ...draftFromBatch(batch()), defaultUnitId: 'u1' };
    expect(optionsFromDraft(draft).defaultUnitId).toBe('u1');
    expect(optionsFromDraft(chooseField(draft, 2, 'unit')).defaultUnitId).toBeUndefined();
  });

  it('keeps the USD rate of the last preview and sends it trimmed, blank as none', () => {
    const draft = draftFromBatch(batch({ usdRate: '7.1' }));
    expect(draft.usdRate).toBe('7.1');
    expect(optionsFromDraft({ ...draft, usdRate: ' 7.18840 ' }).usdRate).toBe('7.18840');
    expect(optionsFromDraft({ ...draft, usdRate: '  ' }).usdRate).toBeUndefined();
    expect(optionsFromDraft(draftFromBatch(batch())).usdRate).toBeUndefined();
  });

  it('shows non-blank sample values of a column', () => {
    expect(sampleValues(layout, 2)).toEqual(['张副区长']);
    expect(sampleValues(layout, 0)).toEqual(['一、在谈项目（1个）', '锂电池项目']);
  });

  it('measures progress by rows of a known total, else by the share of the file read', () => {
    const base = { phase: 'preview' as const, startedAt: '' };
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ ...base, rows: 50, fraction: 0.9, totalRows: 200 })).toBe(25);
    expect(progressPercent({ ...base, rows: 50, fraction: 0.42, totalRows: null })).toBe(42);
    expect(progressPercent({ ...base, rows: 300, fraction: 1, totalRows: 200 })).toBe(99);
  });
});
