import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/database.ts';
import { industryResolver, loadKnown } from './import-index.ts';
import type { IndustryMatch } from './industry-text.ts';

// The resolver over the industry table as the migration loads it from the reference CSV.
let database: Database;
let resolve: (text: string) => IndustryMatch;

beforeAll(async () => {
  database = await createTestDatabase();
  resolve = industryResolver(await loadKnown(database.db, randomUUID()));
});
afterAll(async () => {
  await database.close();
});

describe('industryResolver: the forms offices write', () => {
  it.each([
    ['3062', '3062'],
    ['C3062', '3062'],
    ['c3062', '3062'],
    ['C 3062', '3062'],
    ['C-3062', '3062'],
    ['３０６２', '3062'],
    ['3062 玻璃纤维增强塑料制品制造', '3062'],
    ['3062玻璃纤维增强塑料制品制造', '3062'],
    ['C3062玻璃纤维增强塑料制品制造', '3062'],
    ['C3062 玻璃纤维增强塑料制品制造', '3062'],
    ['3062-玻璃纤维增强塑料制品制造', '3062'],
    ['3062：玻璃纤维增强塑料制品制造', '3062'],
    ['玻璃纤维增强塑料制品制造', '3062'],
    [' 玻璃纤维增强塑料制品制造 ', '3062'],
    ['玻璃纤维增强塑料制品制造（3062）', '3062'],
    ['玻璃纤维增强塑料制品制造(C3062)', '3062'],
    ['玻璃纤维增强塑料制品制造 C3062', '3062'],
    ['30', '30'],
    ['C30', '30'],
    ['C30 非金属矿物制品业', '30'],
    ['306', '306'],
    ['306 玻璃纤维和玻璃纤维增强塑料制品制造', '306'],
    ['C', 'C'],
    ['C 制造业', 'C'],
    ['C制造业', 'C'],
    ['制造业', 'C'],
    ['制造业（C）', 'C'],
    ['农、林、牧、渔业', 'A'],
    ['农林牧渔业', 'A'],
    ['农，林，牧，渔业', 'A'],
    ['瓶(罐)装饮用水制造', '1522'],
    ['瓶（罐） 装饮用水制造', '1522'],
    ['瓶罐装饮用水制造', '1522'],
    ['C 非金属矿物制品业', '30'],
    ['3062 制造业', '3062'],
    ['30 玻璃纤维增强塑料制品制造', '3062'],
    ['3062 玻璃纤维增强塑料制品', '3062'],
    ['制造业/非金属矿物制品业', '30'],
    ['制造业-汽车制造业', '36'],
    ['121', '0121'],
    ['111', '111'],
    ['1', '01'],
    ['0111', '0111'],
    ['A0111', '0111'],
  ])('%j → %s, without a warning', (text, code) => {
    expect(resolve(text)).toEqual({ code, warning: null });
  });

  it('takes the most specific code for a name several levels share', () => {
    // 其他采矿业 is division 12, group 120 and class 1200 at once.
    expect(resolve('其他采矿业')).toEqual({ code: '1200', warning: null });
  });
});

describe('industryResolver: disagreement and unknowns', () => {
  it('keeps the code and warns when code and name disagree, naming both', () => {
    const match = resolve('3062 汽车整车制造');
    expect(match.code).toBe('3062');
    expect(match.warning).toBe(
      '行业代码 3062 玻璃纤维增强塑料制品制造 与名称「汽车整车制造」（361 汽车整车制造）不一致，已按代码取值，请核对',
    );
    expect(resolve('C3062 玻璃钢').warning).toMatch(
      /^行业代码 3062 玻璃纤维增强塑料制品制造 与名称「玻璃钢」不一致/,
    );
  });

  it('warns when the section letter is not the code’s', () => {
    expect(resolve('A3062')).toEqual({
      code: '3062',
      warning: '门类 A 与行业代码 3062 玻璃纤维增强塑料制品制造（属门类 C）不一致，已按代码取值，请核对',
    });
  });

  it('takes the name when the code does not exist, with a warning', () => {
    expect(resolve('3063 玻璃纤维增强塑料制品制造')).toEqual({
      code: '3062',
      warning:
        '行业代码「3063」不在国民经济行业分类（GB/T 4754-2017）中，已按名称取 3062 玻璃纤维增强塑料制品制造，请核对',
    });
  });

  it.each([
    ['3063', '行业代码「3063」不在国民经济行业分类（GB/T 4754-2017）中，行业留空'],
    ['C99', '行业代码「C99」不在国民经济行业分类（GB/T 4754-2017）中，行业留空'],
    ['30621', '未能对应到国民经济行业分类，行业留空'],
    ['新能源汽车', '未能对应到国民经济行业分类，行业留空'],
    ['A股上市公司', '未能对应到国民经济行业分类，行业留空'],
    ['5G通信', '未能对应到国民经济行业分类，行业留空'],
    ['IT服务', '未能对应到国民经济行业分类，行业留空'],
  ])('%j is unknown: no code, a warning', (text, warning) => {
    expect(resolve(text)).toEqual({ code: null, warning });
  });
});

describe('industryResolver: every entry of the standard', () => {
  it('reads each code, each name and each "letter+code name" back to that entry, without a warning', async () => {
    const rows = await database.db.selectFrom('industry').select(['code', 'name', 'parent_code']).execute();
    const byCode = new Map(rows.map((row) => [row.code, row]));
    const sectionOf = (code: string): string => {
      const parent = byCode.get(code)?.parent_code;
      return parent ? sectionOf(parent) : code;
    };
    expect(rows.length).toBe(1971);
    for (const row of rows) {
      expect(resolve(row.code), row.code).toEqual({ code: row.code, warning: null });
      // A name several levels share gives the most specific entry of that name.
      const byName = resolve(row.name);
      expect(byName.warning, row.name).toBeNull();
      expect(byCode.get(byName.code ?? '')?.name, row.name).toBe(row.name);
      const section = sectionOf(row.code);
      const full = section === row.code ? `${row.code} ${row.name}` : `${section}${row.code}${row.name}`;
      expect(resolve(full), full).toEqual({ code: row.code, warning: null });
    }
  });
});
