import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseAmountUnit,
  parseStage,
  parseStageLabels,
  parseUsdRate,
  readMappingFile,
} from './import-options.ts';
import { CliError } from './connection.ts';

/** The choices of `landfall import` read before any upload: what they become and what they refuse. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'landfall-mapping-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function mapping(content: string) {
  const path = join(dir, `m${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, content);
  return readMappingFile(path);
}

describe('--stage and --stage-label', () => {
  it('take a stage key or a label as offices write it', () => {
    expect(parseStage('construction', '--stage')).toBe('construction');
    expect(parseStage(' 在建 ', '--stage')).toBe('construction');
    expect(parseStage('已签约', '--stage')).toBe('signed');
    expect(parseStage('在谈', '--stage')).toBe('negotiating');
  });

  it('refuse anything else, naming the stages', () => {
    expect(() => parseStage('快好了', '--stage')).toThrow(CliError);
    expect(() => parseStage('Construction!', '--stage')).toThrow(/不是项目阶段，可用：策划储备=planning/);
  });

  it('read LABEL=STAGE pairs, = or ＝, the stage as key or label', () => {
    expect(parseStageLabels(['在建=construction', '推进中＝开工', ' 谈判中 = 在谈 '])).toEqual({
      在建: 'construction',
      推进中: 'construction',
      谈判中: 'negotiating',
    });
    expect(() => parseStageLabels(['在建'])).toThrow(/应写成“表中写法=阶段”/);
    expect(() => parseStageLabels(['=construction'])).toThrow(/应写成“表中写法=阶段”/);
    expect(() => parseStageLabels(['在建=快了'])).toThrow(/--stage-label 在建「快了」不是项目阶段/);
  });
});

describe('--amount-unit and --usd-rate', () => {
  it('take 元/万元/亿元 or their keys', () => {
    expect(['元', '万元', '万', '亿元', 'yi', 'wan'].map(parseAmountUnit)).toEqual([
      'yuan',
      'wan',
      'wan',
      'yi',
      'yi',
      'wan',
    ]);
    expect(() => parseAmountUnit('千元')).toThrow(/应为 元、万元 或 亿元/);
  });

  it('take a positive decimal rate only', () => {
    expect(parseUsdRate('7.1')).toBe('7.1');
    expect(parseUsdRate(' 7.0825 ')).toBe('7.0825');
    expect(parseUsdRate('0.5')).toBe('0.5');
    for (const bad of ['0', '0.000', '-7', '7,1', '七', '1e3', '', '7.123456789'])
      expect(() => parseUsdRate(bad), bad).toThrow(/--usd-rate 应为正数/);
  });
});

describe('--mapping FILE.json', () => {
  it('reads the web’s array of {column, field, unit}', async () => {
    expect(
      await mapping(
        '[{"column": 1, "field": "name"}, {"column": 6, "field": "agreedInvestment", "unit": "yuan"}, {"column": 7, "field": null}]',
      ),
    ).toEqual({
      kind: 'columns',
      columns: [
        { column: 1, field: 'name', unit: null },
        { column: 6, field: 'agreedInvestment', unit: 'yuan' },
        { column: 7, field: null, unit: null },
      ],
    });
  });

  it('reads an object keyed by header or letter, a value a field, null or {field, unit}', async () => {
    expect(
      await mapping(
        '{"B": "name", "协议投资额（万元）": {"field": "agreedInvestment", "unit": "wan"}, "备注": null}',
      ),
    ).toEqual({
      kind: 'keys',
      entries: [
        { key: 'B', field: 'name', unit: undefined },
        { key: '协议投资额（万元）', field: 'agreedInvestment', unit: 'wan' },
        { key: '备注', field: null, unit: undefined },
      ],
    });
  });

  it('refuses an unknown field with the list of valid ones, bad JSON and other shapes', async () => {
    await expect(mapping('{"B": "projectName"}')).rejects.toThrow(
      /「B」的字段“projectName”无效，可用字段.*name（项目名称）.*agreedInvestment（协议投资额）/,
    );
    await expect(mapping('[{"column": 1, "field": "nmae"}]')).rejects.toThrow(/“nmae”无效/);
    await expect(mapping('{B: name}')).rejects.toThrow(/不是有效的 JSON/);
    await expect(mapping('"name"')).rejects.toThrow(/格式不对/);
    await expect(mapping('[{"col": 1}]')).rejects.toThrow(/格式不对（第 1 项/);
    await expect(mapping('{"B": {"field": "agreedInvestment", "unit": "千元"}}')).rejects.toThrow(/格式不对/);
    await expect(readMappingFile(join(dir, 'missing.json'))).rejects.toThrow(/无法读取/);
  });
});
