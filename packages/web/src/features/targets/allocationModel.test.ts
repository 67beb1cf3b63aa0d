import { describe, expect, it } from 'vitest';
import type { Group, Unit } from '../../api/types.ts';
import {
  allocationToTexts,
  buildAllocationTree,
  differencesFromDetails,
  groupKey,
  parseAllocation,
  tenantKey,
  unitKey,
} from './allocationModel.ts';
import { formatSignedValue, parseTargetAmount, toAmountText } from './metricValue.ts';

const yi = (n: number) => n * 10_000_000_000;
const group = (id: string, sortOrder: number): Group => ({
  id,
  tenantId: 't',
  name: `组${id}`,
  kind: 'other',
  sortOrder,
  version: 1,
  createdAt: '',
});
const unit = (id: string, groupId: string | null, active = true): Unit => ({
  id,
  tenantId: 't',
  name: `单位${id}`,
  kind: 'department',
  groupId,
  active,
  version: 1,
  createdAt: '',
});

describe('parseTargetAmount', () => {
  it('parses money exactly, 万元 by default', () => {
    expect(parseTargetAmount('120亿', 'money', 'zh-CN')).toEqual({ state: 'ok', value: yi(120) });
    expect(parseTargetAmount('1,200,000万元', 'money', 'zh-CN')).toEqual({ state: 'ok', value: yi(120) });
    expect(parseTargetAmount('0.01元', 'money', 'zh-CN')).toEqual({ state: 'ok', value: 1 });
    expect(parseTargetAmount('3000', 'money', 'zh-CN')).toEqual({ state: 'ok', value: 3_000_000_000 });
    expect(parseTargetAmount('  ', 'money', 'zh-CN')).toEqual({ state: 'empty' });
    expect(parseTargetAmount('1O亿', 'money', 'zh-CN').state).toBe('bad');
  });
  it('takes whole counts only', () => {
    expect(parseTargetAmount('12 个', 'count', 'zh-CN')).toEqual({ state: 'ok', value: 12 });
    expect(parseTargetAmount('１２', 'count', 'zh-CN')).toEqual({ state: 'ok', value: 12 });
    expect(parseTargetAmount('2.5', 'count', 'zh-CN').state).toBe('bad');
  });
  it('writes amounts back as text that parses to the same fen', () => {
    for (const fen of [0, 1, 123_456, yi(12), yi(0.5), yi(120) + 1]) {
      const text = toAmountText(fen, 'money');
      expect(parseTargetAmount(text, 'money', 'zh-CN')).toEqual({ state: 'ok', value: fen });
    }
    expect(toAmountText(yi(12), 'money')).toBe('12亿');
    expect(toAmountText(3_000_000_000, 'money')).toBe('3000万');
  });
  it('signs differences', () => {
    expect(formatSignedValue(-yi(10), 'money', 'zh-CN')).toBe('-10.00 亿元');
    expect(formatSignedValue(yi(2), 'money', 'zh-CN')).toBe('+2.00 亿元');
    expect(formatSignedValue(-3, 'count', 'zh-CN')).toBe('-3 个');
  });
});

describe('allocation tree', () => {
  const groups = [group('b', 2), group('a', 1), group('empty', 3)];
  const units = [unit('1', 'a'), unit('2', 'a'), unit('3', 'b'), unit('4', null), unit('old', 'b', false)];

  it('puts units under their group, ungrouped units under the tenant, and skips empty groups', () => {
    const root = buildAllocationTree('万州区', groups, units, []);
    expect(root.children?.map((node) => node.key)).toEqual([groupKey('a'), groupKey('b'), unitKey('4')]);
    expect(root.children?.[0]?.children?.map((node) => node.key)).toEqual([unitKey('1'), unitKey('2')]);
    // An inactive unit shows only while an allocation still names it.
    const named = buildAllocationTree('万州区', groups, units, [
      { total: 0, groups: [], units: [{ unitId: 'old', groupId: 'b', amount: 1 }] },
    ]);
    expect(named.children?.[1]?.children?.map((node) => node.id)).toEqual(['3', 'old']);
  });

  it('checks each level with the domain rule; empty fields are left out', () => {
    const root = buildAllocationTree('万州区', groups, units, []);
    const texts = {
      [tenantKey]: '120亿',
      [groupKey('a')]: '50亿',
      [groupKey('b')]: '60亿',
      [unitKey('1')]: '30亿',
      [unitKey('2')]: '10亿',
      [unitKey('3')]: '',
      [unitKey('4')]: '12亿',
    };
    const parsed = parseAllocation(root, texts, 'money', 'zh-CN');
    expect(parsed.ok).toBe(false);
    expect(parsed.body.units.map((u) => u.unitId)).toEqual(['1', '2', '4']);
    expect(parsed.differences[tenantKey]?.difference).toBe(yi(2));
    expect(parsed.differences[groupKey('a')]?.difference).toBe(-yi(10));
    expect(parsed.differences[groupKey('b')]?.difference).toBe(-yi(60));
    const fixed = { ...texts, [unitKey('2')]: '20亿', [unitKey('3')]: '60亿', [tenantKey]: '122亿' };
    expect(parseAllocation(root, fixed, 'money', 'zh-CN').ok).toBe(true);
    const round = parseAllocation(
      root,
      allocationToTexts(parseAllocation(root, fixed, 'money', 'zh-CN').body, 'money'),
      'money',
      'zh-CN',
    );
    expect(round.ok).toBe(true);
  });

  it('reports a bad field and a missing total', () => {
    const root = buildAllocationTree('万州区', groups, units, []);
    const parsed = parseAllocation(root, { [unitKey('1')]: 'abc' }, 'money', 'zh-CN');
    expect(Object.keys(parsed.errors).sort()).toEqual([tenantKey, unitKey('1')].sort());
    expect(parsed.ok).toBe(false);
  });

  it('reads the differences of a 400 answer', () => {
    const difference = { level: 'group', id: 'a', expected: 5, actual: 4, difference: -1 };
    expect(differencesFromDetails({ differences: [difference, { nonsense: true }] })).toEqual([difference]);
    expect(differencesFromDetails(undefined)).toEqual([]);
  });
});
