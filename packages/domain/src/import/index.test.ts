import { describe, expect, it } from 'vitest';
import * as importParsing from './index.ts';

describe('@landfall/domain/import/index', () => {
  it('re-exports the functions the server codes against', () => {
    for (const name of [
      'cellText',
      'isEmptyCell',
      'detectAmountUnit',
      'parseSheetAmount',
      'parseSheetDate',
      'excelSerialToDate',
      'dateToExcelSerial',
      'matchStageLabel',
      'normaliseStageLabel',
      'normaliseHeader',
      'matchHeader',
      'rankHeader',
      'mappingKey',
      'proposeMapping',
      'detectLayout',
      'classifyRow',
      'parseMetaLine',
    ]) {
      expect(typeof (importParsing as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(importParsing.importFields).toHaveLength(42);
    expect(Object.keys(importParsing.importFieldKinds)).toHaveLength(42);
    expect(Object.keys(importParsing.headerSynonyms)).toHaveLength(42);
    expect(importParsing.defaultStageLabels['在谈']).toBe('negotiating');
  });
});
