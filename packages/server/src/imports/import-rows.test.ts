import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeMapping, stageFromTitle, type Cell } from '@landfall/domain/import/index';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/database.ts';
import { industryResolver, loadKnown } from './import-index.ts';
import { interpretRow, type RowContext } from './import-rows.ts';
import { PlaceResolver } from './places.ts';

// Rows read against the reference data as the migrations load it (a real PGlite).
let database: Database;
let base: Omit<RowContext, 'mapping'>;

beforeAll(async () => {
  database = await createTestDatabase();
  base = {
    amountUnit: 'wan',
    stageLabels: {},
    sectionStage: null,
    sectionTitle: null,
    cutOff: '2017-09-30',
    date1904: false,
    places: await PlaceResolver.load(database.db),
    industryCode: industryResolver(await loadKnown(database.db, randomUUID())),
  };
});
afterAll(async () => {
  await database.close();
});

const mappingOf = (...texts: string[]) => proposeMapping(texts.map((text) => ({ text, parent: null })));

describe('interpretRow: the industry cell', () => {
  const mapping = mappingOf('序号', '项目名称', '项目阶段', '行业代码');
  const read = (industry: Cell) => interpretRow(5, [1, '玻纤项目', '已签约', industry], { ...base, mapping });

  it('keeps the code an office writes with its section letter and name', () => {
    const { record, warnings } = read('C3062 玻璃纤维增强塑料制品制造');
    expect(record?.industryCode).toBe('3062');
    expect(warnings).toEqual([]);
  });

  it('reads a number cell as the code it shows', () => {
    expect(read(3062).record?.industryCode).toBe('3062');
  });

  it('warns, naming the cell, when code and name disagree, and keeps the code', () => {
    const { record, errors, warnings } = read('3062 汽车整车制造');
    expect(errors).toEqual([]);
    expect(record?.industryCode).toBe('3062');
    expect(warnings).toEqual([
      {
        row: 5,
        column: '行业代码',
        cell: 'D5',
        value: '3062 汽车整车制造',
        message:
          '行业代码 3062 玻璃纤维增强塑料制品制造 与名称「汽车整车制造」（361 汽车整车制造）不一致，已按代码取值，请核对',
      },
    ]);
  });

  it('imports the row without an industry, with a warning, when the standard has none such', () => {
    const { record, warnings } = read('C9999');
    expect(record?.industryCode).toBeNull();
    expect(warnings.map((w) => [w.cell, w.message])).toEqual([
      ['D5', '行业代码「C9999」不在国民经济行业分类（GB/T 4754-2017）中，行业留空'],
    ]);
  });
});

describe('interpretRow: the stage a table title gives', () => {
  const mapping = mappingOf('序号', '在万州注册名称', '协议投资额');
  const titleStage = stageFromTitle('万州区2017年1-9月新签约工业项目一览表');

  it('takes the title’s stage for a row with no stage cell and no section', () => {
    const { record, errors } = interpretRow(4, [1, '重庆玻纤有限公司', 5000], {
      ...base,
      mapping,
      titleStage,
    });
    expect(errors).toEqual([]);
    expect(record).toMatchObject({ name: '重庆玻纤有限公司', stage: 'signed', agreedFen: 5_000_000_000 });
  });

  it('takes the title’s stage under a section that names no stage (一、工业项目)', () => {
    const ctx = { ...base, mapping, titleStage, sectionTitle: '一、工业项目（3个）' };
    expect(interpretRow(5, [1, '重庆玻纤有限公司', 5000], ctx).record?.stage).toBe('signed');
  });

  it('lets a section’s stage and a stage cell win over the title', () => {
    const ctx = {
      ...base,
      mapping,
      titleStage,
      sectionStage: 'construction' as const,
      sectionTitle: '二、已开工',
    };
    expect(interpretRow(6, [1, '重庆玻纤有限公司', 5000], ctx).record?.stage).toBe('construction');
    const withColumn = mappingOf('序号', '在万州注册名称', '项目阶段');
    const row = interpretRow(6, [1, '重庆玻纤有限公司', '试生产'], {
      ...base,
      mapping: withColumn,
      titleStage,
    });
    expect(row.record?.stage).toBe('production');
  });

  it('still asks for a stage when neither the row, a section nor the title gives one', () => {
    const titleNone = stageFromTitle('万州区2017年重点项目推进台账');
    const { record, errors } = interpretRow(4, [1, '重庆玻纤有限公司', 5000], {
      ...base,
      mapping,
      titleStage: titleNone,
    });
    expect(record).toBeNull();
    expect(errors.map((e) => e.message)).toEqual(['缺少项目阶段（既无阶段列，也不在阶段分组下）']);
  });
});
