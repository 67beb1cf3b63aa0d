import { describe, expect, it } from 'vitest';
import { ledgerMoveKindLabels, stageLabels } from '@landfall/domain';
import { labelOf } from './labels.ts';

describe('labelOf', () => {
  it('gives the label of a known value in the locale', () => {
    expect(labelOf(stageLabels, 'signed', 'zh-CN')).toBe('签约');
    expect(labelOf(ledgerMoveKindLabels, 'import', 'zh-CN')).toBe('导入');
    expect(labelOf(ledgerMoveKindLabels, 'import', 'en-US')).toBe('Import');
  });

  it('shows an unknown value as itself and a missing one as —, never throwing', () => {
    expect(labelOf(stageLabels, 'someday', 'zh-CN')).toBe('someday');
    // Inherited names are not labels.
    expect(labelOf(stageLabels, 'toString', 'zh-CN')).toBe('toString');
    for (const missing of [undefined, null, '', 3, {}])
      expect(labelOf(stageLabels, missing, 'zh-CN')).toBe('—');
  });
});
