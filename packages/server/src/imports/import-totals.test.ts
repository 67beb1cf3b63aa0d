import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '@landfall/domain/import/index';
import type { ImportRecord } from './import-rows.ts';
import { SubtotalChecker } from './import-totals.ts';

const mapping: ColumnMapping[] = [
  { column: 0, header: '项目名称', field: 'name', unit: null },
  { column: 1, header: '协议投资额', field: 'agreedInvestment', unit: 'wan' },
];
const WAN = 1_000_000;
const project = (wan: number) =>
  ({
    agreedFen: wan * WAN,
    fixedFen: null,
    fundsMonthFen: null,
    fundsYearFen: null,
    fundsCumulativeFen: null,
  }) as unknown as ImportRecord;

/** The checker fed a sheet's rows in order; the warnings' cells. */
function run(rows: (['p', number] | ['sub', string, number] | ['all', number])[]) {
  const checker = new SubtotalChecker({ mapping, amountUnit: 'wan' });
  const cells: string[] = [];
  rows.forEach((r, i) => {
    const row = i + 4;
    const found =
      r[0] === 'p'
        ? (checker.project(project(r[1])), [])
        : r[0] === 'sub'
          ? checker.total(row, r[1], 'group', [r[1], r[2]])
          : checker.total(row, '合计', 'all', ['合计', r[1]]);
    cells.push(...found.map((w) => w.cell));
  });
  cells.push(...checker.finish().map((w) => w.cell));
  return cells;
}

describe('SubtotalChecker', () => {
  it('below their rows: a group with no rows read covers none, and the next keeps its own rows', () => {
    expect(
      run([
        ['p', 10],
        ['sub', 'A小计', 10],
        ['sub', 'B小计', 0],
        ['p', 5],
        ['sub', 'C小计', 5],
        ['all', 15],
      ]),
    ).toEqual([]);
    expect(
      run([
        ['p', 10],
        ['sub', 'A小计', 10],
        ['sub', 'B小计', 3],
        ['p', 5],
        ['sub', 'C小计', 5],
      ]),
    ).toEqual(['B6']);
  });
  it('above their rows: each covers the rows up to the next; a 合计 on top covers all', () => {
    expect(
      run([
        ['all', 15],
        ['sub', 'A小计', 10],
        ['p', 10],
        ['sub', 'B小计', 5],
        ['p', 5],
      ]),
    ).toEqual([]);
    expect(
      run([
        ['all', 16],
        ['sub', 'A小计', 10],
        ['p', 10],
        ['sub', 'B小计', 6],
        ['p', 5],
      ]),
    ).toEqual(['B7', 'B4']);
  });
});
