import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { workbook } from '../test/workbooks.ts';

/**
 * A workbook as units mail it around: a 汇总 sheet first, then one sheet per responsible unit,
 * each with its own title, meta line (split across cells on one), amount unit and column set, no
 * 责任单位 column. Every sheet is read; the 汇总 only checks the others.
 */
const WAN = 1_000_000;

function unitWorkbook(summaryAgreedLongdu: number) {
  return workbook([
    {
      name: '汇总',
      rows: [
        ['2017年1-9月招商引资项目汇总表'],
        ['单位：万元'],
        ['序号', '单位', '项目个数', '协议投资额', '累计到位'],
        [1, '经开区', 2, 30000, 5000],
        [2, '龙都街道', 1, summaryAgreedLongdu, 1000],
        ['合计', null, 3, 30000 + summaryAgreedLongdu, 6000],
      ],
    },
    {
      name: '经开区',
      rows: [
        ['经开区2017年招商引资项目台账'],
        ['填报单位：经开区管委会', null, '截止时间：2017年9月30日', null, '单位：万元'],
        ['序号', '项目名称', '项目阶段', '协议投资额', '累计到位'],
        [1, '甲汽车零部件项目', '已签约', 20000, 3000],
        [2, '乙新材料项目', '开工建设', 10000, 2000],
        ['合计', null, null, '=SUM(D4:D5)|30000', '=SUM(E4:E5)|5000'],
      ],
      merges: [[1, 1, 1, 5]],
    },
    {
      name: '龙都街道',
      rows: [
        ['龙都街道2017年1-9月招商项目台账'],
        [null, null, null, null, '单位：亿元'],
        ['序号', '项目名称', '协议投资额', '到位资金', '项目阶段'],
        [1, '丙照明电器项目', 0.8, 0.1, '在建'],
        ['小计', null, 0.8, 0.1],
      ],
    },
    { name: '填表说明', rows: [['1. 各单位每月5日前报送'], ['2. 金额单位以表头为准']] },
  ]);
}

describe('import: a workbook of unit sheets with a 汇总', () => {
  let world: TestWorld;
  let coordinator: TestClient;

  beforeAll(async () => {
    world = await createWorld('2017-10-09T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
  });
  afterAll(() => world.close());

  it('reads every sheet: the 汇总 as a summary, each unit sheet with its unit, cut-off and amount unit', async () => {
    const up = await coordinator.upload('/api/imports', '各单位台账.xlsx', await unitWorkbook(8000));
    expect(up.statusCode, up.body).toBe(201);
    const sheets = up.json().layout.sheets as {
      name: string;
      kind: string;
      unitName: string | null;
      unitSource: string | null;
      headerRows: number[];
      meta: { cutOff: string | null; amountUnit: string | null } | null;
    }[];
    expect(sheets.map((s) => [s.name, s.kind, s.unitName, s.unitSource])).toEqual([
      ['汇总', 'summary', null, null],
      ['经开区', 'projects', '经开区管委会', 'reporting_unit'],
      ['龙都街道', 'projects', '龙都街道', 'sheet_name'],
      ['填表说明', 'other', null, null],
    ]);
    expect(sheets[1]!.headerRows).toEqual([3]);
    expect(sheets[1]!.meta).toMatchObject({ cutOff: '2017-09-30', amountUnit: 'wan' });
    // The period in the title gives the cut-off; the unit comes from the line split across cells.
    expect(sheets[2]!.meta).toMatchObject({ cutOff: '2017-09-30', amountUnit: 'yi' });
    // The mapping screen shows the first project sheet.
    expect(up.json().layout.sheet.sheetName).toBe('经开区');
  });

  it('previews each sheet, warns where the 汇总 does not add up, and imports every unit’s projects', async () => {
    const up = await coordinator.upload('/api/imports', '各单位台账2.xlsx', await unitWorkbook(9000));
    const id = up.json().id;
    const preview = (await coordinator.post(`/api/imports/${id}/preview`, { createUnits: true })).json()
      .summary;
    expect(preview.errorCount, JSON.stringify(preview.errors)).toBe(0);
    expect(
      preview.sheets.map(
        (s: { name: string; rows: number; unitName: string; amountUnit: string; cutOffNote: string }) => [
          s.name,
          s.rows,
          s.unitName,
          s.amountUnit,
          s.cutOffNote,
        ],
      ),
    ).toEqual([
      ['经开区', 2, '经开区管委会', 'wan', '截止时间 2017-09-30（来自表格上方的“截止时间：2017年9月30日”）'],
      ['龙都街道', 1, '龙都街道', 'yi', '截止时间 2017-09-30（来自标题中的统计期间“2017年1-9月”）'],
    ]);
    expect(preview.newUnits).toEqual(['经开区管委会', '龙都街道']);
    const warnings = preview.warnings.map((w: { sheet?: string; cell: string; message: string }) => [
      w.sheet,
      w.cell,
      w.message,
    ]);
    expect(warnings).toEqual([
      ['汇总', 'D5', '汇总表「汇总」中「龙都街道」的协议投资额为 9000，与分表「龙都街道」（8000）不符'],
      ['汇总', 'D6', '汇总表「汇总」中「合计」的协议投资额为 39000，与各分表之和（38000）不符'],
    ]);

    const commit = await coordinator.post(`/api/imports/${id}/commit`, { createUnits: true });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json().summary.projects).toMatchObject({ created: 3, updated: 0 });

    // The user's next step: each unit's projects in the library, with their figures in 万元.
    const units = (await coordinator.get('/api/units')).json();
    const list = (units.items ?? units) as { id: string; name: string }[];
    const unitId = (name: string) => list.find((u) => u.name === name)!.id;
    const byUnit = async (name: string) =>
      (await coordinator.get(`/api/projects?unitId=${unitId(name)}`)).json().items as {
        name: string;
        stage: string;
        agreedInvestmentFen: number;
        fundsInPlaceFen: number;
      }[];
    const kaifa = await byUnit('经开区管委会');
    expect(kaifa.map((p) => [p.name, p.stage, p.agreedInvestmentFen / WAN]).sort()).toEqual([
      ['乙新材料项目', 'construction', 10000],
      ['甲汽车零部件项目', 'signed', 20000],
    ]);
    const longdu = await byUnit('龙都街道');
    expect(
      longdu.map((p) => [p.name, p.stage, p.agreedInvestmentFen / WAN, p.fundsInPlaceFen / WAN]),
    ).toEqual([['丙照明电器项目', 'construction', 8000, 1000]]);
  });

  it('imports only the sheets chosen, with the unit a person gives', async () => {
    const up = await coordinator.upload('/api/imports', '各单位台账3.xlsx', await unitWorkbook(8001));
    const id = up.json().id;
    const preview = (
      await coordinator.post(`/api/imports/${id}/preview`, {
        sheets: [
          { index: 1, include: false },
          { index: 2, unitName: '经开区管委会' },
        ],
      })
    ).json().summary;
    expect(preview.sheets.map((s: { name: string; unitName: string }) => [s.name, s.unitName])).toEqual([
      ['龙都街道', '经开区管委会'],
    ]);
    // The project exists (imported above under 龙都街道): a sheet's unit is for rows new to the
    // library; it does not move a project to another unit (no 责任单位 column says so).
    expect(preview.projects).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const none = await coordinator.post(`/api/imports/${id}/preview`, {
      sheets: [
        { index: 1, include: false },
        { index: 2, include: false },
      ],
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe('请至少选择一个工作表');
  });

  it('counts a project two units’ sheets both report (多头报送) once, for the first, naming both', async () => {
    const sheet = (name: string, unit: string, agreed: number) => ({
      name,
      rows: [
        [`${name}招商项目台账`],
        [`填报单位：${unit}    截止时间：2017年9月30日    单位：万元`],
        ['序号', '项目名称', '项目阶段', '协议投资额'],
        [1, '两头报送的物流园项目', '签约', agreed],
        [2, `${name}独有项目`, '在谈', 100],
      ],
    });
    const up = await coordinator.upload(
      '/api/imports',
      '两单位.xlsx',
      await workbook([sheet('商务局', '商务局', 5000), sheet('交通局', '交通局', 5200)]),
    );
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, { createUnits: true });
    expect(commit.statusCode, commit.body).toBe(200);
    const summary = commit.json().summary;
    expect(summary.projects).toMatchObject({ created: 3, reportedTwice: 1 });
    expect(
      summary.warnings.map((w: { sheet: string; cell: string; message: string }) => [
        w.sheet,
        w.cell,
        w.message,
      ]),
    ).toEqual([
      [
        '交通局',
        'B4',
        '多头报送：该项目已见于工作表「商务局」第 4 行（责任单位：商务局），本表（责任单位：交通局）再次报送；按先列出的「商务局」计入，本行不重复计入',
      ],
    ]);
    const list = (
      await coordinator.get(`/api/projects?q=${encodeURIComponent('两头报送的物流园项目')}`)
    ).json().items;
    expect(list.map((p: { agreedInvestmentFen: number }) => p.agreedInvestmentFen / WAN)).toEqual([5000]);
  });
});
