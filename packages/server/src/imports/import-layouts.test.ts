import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { workbook } from '../test/workbooks.ts';
import { toCsv, toXls } from '../test/ledger-files.ts';

/**
 * Layouts offices send, each built here as a real file and imported as it stands: a 新开工 list
 * with no 项目名称 and no stage column (the company registered here names the project, the
 * title gives the stage), dates in Chinese numerals and without a year, a 1-9月 period beside a
 * 填报日期; subtotals standing above their rows and a 合计 on top; a GB18030 CSV with characters
 * beyond GBK and a line break inside a quoted cell.
 */
const WAN = 1_000_000;

interface Issue {
  row: number;
  cell: string;
  message: string;
}

describe('import: layouts as offices send them', () => {
  let world: TestWorld;
  let coordinator: TestClient;

  beforeAll(async () => {
    world = await createWorld('2017-10-09T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
    await buildUnit(world.admin, { name: '经信委' });
    await buildUnit(world.admin, { name: '商务局' });
  });
  afterAll(() => world.close());

  async function projectNamed(name: string) {
    const list = await coordinator.get(`/api/projects?q=${encodeURIComponent(name)}`);
    const item = list.json().items.find((p: { name: string }) => p.name === name);
    if (!item) throw new Error(`no project ${name}`);
    return (await coordinator.get(`/api/projects/${item.id}`)).json();
  }

  const newStarts = () =>
    workbook([
      {
        name: 'Sheet1',
        rows: [
          ['万州区2017年1-9月新开工工业项目一览表'],
          ['填报单位：万州区经信委', null, '填报日期：2017年10月8日', null, '单位：万元'],
          ['序号', '项目公司名称', '责任单位', '协议投资额', '开工时间'],
          [1, '重庆启明电子有限公司', '经信委', 6000, '二〇一七年九月十二日'],
          [2, '万州恒达机械有限公司', '商务局', 2500, '5月18日'],
        ],
        merges: [[1, 1, 1, 5]],
      },
    ]);

  it('takes the project from the registered company, the stage from the title, the cut-off from the period', async () => {
    const up = await coordinator.upload('/api/imports', '新开工项目一览表.xlsx', await newStarts());
    expect(up.statusCode, up.body).toBe(201);
    const layout = up.json().layout;
    expect(layout.meta).toMatchObject({ cutOff: '2017-09-30', reportDate: '2017-10-08' });
    expect(layout.mapping.find((m: { field: string }) => m.field === 'name').header).toBe('项目公司名称');
    const preview = (await coordinator.post(`/api/imports/${up.json().id}/preview`, {})).json().summary;
    expect(preview.errors).toEqual([]);
    // The preview says where the cut-off and the stage came from.
    expect(preview.sheets[0]).toMatchObject({
      cutOff: '2017-09-30',
      cutOffNote: '截止时间 2017-09-30（来自标题中的统计期间“2017年1-9月”）',
      defaultStage: 'construction',
    });
    // A date without a year takes the cut-off's, and says so at its cell.
    expect(preview.warnings.map((w: Issue) => [w.cell, w.message])).toEqual([
      ['E5', '日期未写年份，按截止日期所在年份 2017 年计'],
    ]);

    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    const qiming = (await projectNamed('重庆启明电子有限公司')).project;
    expect([qiming.stage, qiming.actualStartOn, qiming.agreedInvestmentFen / WAN]).toEqual([
      'construction',
      '2017-09-12',
      6000,
    ]);
    const hengda = (await projectNamed('万州恒达机械有限公司')).project;
    expect([hengda.stage, hengda.actualStartOn]).toEqual(['construction', '2017-05-18']);
  });

  it('lets a person change the stage the title gave', async () => {
    const file = await workbook([
      {
        name: 'Sheet1',
        rows: [
          ['万州区2017年新签约项目一览表（截至2017年8月31日）'],
          ['序号', '在万州注册名称', '责任单位', '协议投资额'],
          [1, '万州澄明照明有限公司', '经信委', 1800],
        ],
      },
    ]);
    const up = await coordinator.upload('/api/imports', '新签约.xlsx', file);
    const id = up.json().id;
    const asTitled = (await coordinator.post(`/api/imports/${id}/preview`, {})).json().summary;
    expect(asTitled.sheets[0].defaultStage).toBe('signed');
    const changed = (
      await coordinator.post(`/api/imports/${id}/preview`, { sheets: [{ index: 0, stage: 'negotiating' }] })
    ).json().summary;
    expect(changed.sheets[0].defaultStage).toBe('negotiating');
    const commit = await coordinator.post(`/api/imports/${id}/commit`, {
      sheets: [{ index: 0, stage: 'negotiating' }],
    });
    expect(commit.statusCode, commit.body).toBe(200);
    expect((await projectNamed('万州澄明照明有限公司')).project.stage).toBe('negotiating');
  });

  it('checks subtotals standing above their rows and a 合计 on top, naming the cell that disagrees', async () => {
    const file = await workbook([
      {
        name: '台账',
        rows: [
          ['2017年招商引资项目推进台账'],
          ['截止时间：2017.9.30', null, null, null, '单位：万元'],
          ['序号', '项目名称', '责任单位', '项目阶段', '协议投资额'],
          ['合计', null, null, null, 4300],
          ['一、工业项目小计', null, null, null, 3000],
          [1, '小计测试甲项目', '经信委', '签约', 1000],
          [2, '小计测试乙项目', '经信委', '签约', 2000],
          ['二、服务业项目小计', null, null, null, 1200],
          [3, '小计测试丙项目', '商务局', '在谈', 1300],
          ['其中：亿元以上', null, null, null, 0],
        ],
      },
    ]);
    const up = await coordinator.upload('/api/imports', '小计在上.xlsx', file);
    const preview = (await coordinator.post(`/api/imports/${up.json().id}/preview`, {})).json().summary;
    expect(preview.errors).toEqual([]);
    expect(preview.rows).toBe(3);
    expect(preview.skippedRows.map((r: { row: number; kind: string }) => [r.row, r.kind])).toEqual([
      [4, 'total'],
      [5, 'total'],
      [8, 'total'],
      [10, 'total'],
    ]);
    expect(preview.warnings.map((w: Issue) => [w.cell, w.message])).toEqual([
      ['E8', '「二、服务业项目小计」与其下项目之和不符：填写 1200，其下项目（1 个）合计 1300'],
    ]);
  });

  it('reads a GB18030 CSV with characters beyond GBK and a line break inside a quoted cell', async () => {
    const text = [
      '万州区招商项目台账',
      '截止时间：2017年9月30日,,,,单位：万元',
      '序号,项目名称,责任单位,项目阶段,协议投资额,目前进展',
      '1,䶮山𠮷祥新材料项目,经信委,已签约,"1,200","已签约；\n正在办理用地手续"',
      '2,龍騰電子項目,商务局,在谈,800,洽谈中',
    ].join('\r\n');
    const bytes = iconv.encode(text, 'gb18030');
    // 䶮 and 𠮷 have no GBK code: they are four-byte GB18030, as Chinese Excel writes them.
    expect(iconv.encode('𠮷', 'gbk').toString('hex')).toBe('3f');
    expect(bytes.includes(iconv.encode('𠮷', 'gb18030'))).toBe(true);
    const up = await coordinator.upload('/api/imports', '台账.csv', bytes);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().layout.sheet.encoding).toBe('gb18030');
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    const p = await projectNamed('䶮山𠮷祥新材料项目');
    expect(p.project.agreedInvestmentFen / WAN).toBe(1200);
    const progress = p.entries.find((e: { kind: string }) => e.kind === 'progress');
    expect(progress.payload.current).toBe('已签约；\n正在办理用地手续');
    expect((await projectNamed('龍騰電子項目')).project.stage).toBe('negotiating');
  });

  it('without a cut-off, stands as of the latest 更新日期, and dates each row’s progress on its own', async () => {
    const file = await workbook([
      {
        name: '台账',
        rows: [
          ['招商引资项目推进台账'],
          ['序号', '项目名称', '责任单位', '项目阶段', '协议投资额（万元）', '目前进展', '更新日期'],
          [1, '更新日期甲项目', '经信委', '在谈', 500, '第二轮洽谈', '2017.9.20'],
          [2, '更新日期乙项目', '商务局', '在谈', 700, '考察选址', '2017年9月26日'],
        ],
      },
    ]);
    const up = await coordinator.upload('/api/imports', '无截止日期.xlsx', file);
    expect(up.json().layout.meta.cutOff).toBeNull();
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    const summary = commit.json().summary;
    expect(summary.cutOff).toBe('2017-09-26');
    expect(summary.sheets[0].cutOffNote).toBe(
      '截止时间 2017-09-26（文件未写明，取各行更新日期中最晚的一天）',
    );
    // No "按今天" warning: the file's own dates say when it stands.
    expect(summary.warnings.map((w: Issue) => w.message).join()).not.toContain('文件未写明截止日期');
    const progressOn = async (name: string) =>
      (await projectNamed(name)).entries.find((e: { kind: string }) => e.kind === 'progress').effectiveOn;
    expect(await progressOn('更新日期甲项目')).toBe('2017-09-20');
    expect(await progressOn('更新日期乙项目')).toBe('2017-09-26');
  });

  it('gives every row inside a 责任单位 merged down its rows that unit', async () => {
    const file = await workbook([
      {
        name: '台账',
        rows: [
          ['2017年招商引资项目推进台账'],
          ['截止时间：2017年9月30日    单位：万元'],
          ['序号', '责任单位', '项目名称', '项目阶段', '协议投资额'],
          [1, '经信委', '合并单元格甲项目', '在谈', 100],
          [2, null, '合并单元格乙项目', '在谈', 200],
          [],
          [3, null, '合并单元格丙项目', '在谈', 300],
          [4, '商务局', '合并单元格丁项目', '在谈', 400],
          [5, null, '合并单元格戊项目', '在谈', null],
        ],
        // 责任单位 merged over four rows (a blank spacer among them); 丁's 协议投资额 merged over 丁 and 戊.
        merges: [
          [4, 2, 7, 2],
          [8, 2, 9, 2],
          [8, 5, 9, 5],
        ],
      },
    ]);
    const up = await coordinator.upload('/api/imports', '合并单位.xlsx', file);
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    const units = (await coordinator.get('/api/units')).json();
    const unitName = new Map(
      ((units.items ?? units) as { id: string; name: string }[]).map((u) => [u.id, u.name]),
    );
    for (const [name, unit] of [
      ['合并单元格甲项目', '经信委'],
      ['合并单元格乙项目', '经信委'],
      ['合并单元格丙项目', '经信委'],
      ['合并单元格丁项目', '商务局'],
      ['合并单元格戊项目', '商务局'],
    ] as const)
      expect([name, unitName.get((await projectNamed(name)).project.unitId)]).toEqual([name, unit]);
    // The spacer row stays blank; an amount is its project's once, never copied down.
    expect(commit.json().summary.rows).toBe(5);
    expect((await projectNamed('合并单元格丁项目')).project.agreedInvestmentFen / WAN).toBe(400);
    expect((await projectNamed('合并单元格戊项目')).project.agreedInvestmentFen).toBe(0);
  });

  it('checks a 合计 of a 万美元 column as its rows are read: converted at the rate', async () => {
    const sheet = (total: number) =>
      workbook([
        {
          name: '外资',
          rows: [
            ['2017年外资项目台账'],
            ['截止时间：2017年9月30日'],
            ['序号', '项目名称', '责任单位', '项目阶段', '协议投资额（万美元）'],
            [1, '美元合计甲项目', '经信委', '在谈', 1000],
            [2, '美元合计乙项目', '经信委', '在谈', 500],
            ['合计', null, null, null, total],
          ],
        },
      ]);
    const right = await coordinator.upload('/api/imports', '外资.xlsx', await sheet(1500));
    const ok = (await coordinator.post(`/api/imports/${right.json().id}/preview`, { usdRate: '7.1' })).json()
      .summary;
    expect(ok.errors).toEqual([]);
    expect(ok.warnings.filter((w: Issue) => w.cell === 'E6')).toEqual([]);
    const wrong = await coordinator.upload('/api/imports', '外资2.xlsx', await sheet(1600));
    const off = (await coordinator.post(`/api/imports/${wrong.json().id}/preview`, { usdRate: '7.1' })).json()
      .summary;
    expect(off.warnings.filter((w: Issue) => w.cell === 'E6').map((w: Issue) => w.message)).toEqual([
      '「合计」与全表项目之和不符：填写 1600（按汇率折合 11360 万元），全表项目（2 个）合计 10650 万元',
    ]);
  });

  it('takes a NUL and other control characters out of .xls and CSV cells and names: imported, never a 500', async () => {
    const rows = (name: string, unit = '经信\u0000委') => [
      ['控制符台账'],
      ['截止时间：2017年9月30日    单位：万元'],
      ['序号', '项目名称', '责任单位', '项目阶段', '协议投资额'],
      [1, name, unit, '在谈', 100],
    ];
    const files: [string, Buffer][] = [
      ['控制符.xls', toXls({ rows: rows('含\u0000控制\u0007符甲项目'), merges: [] })],
      ['控制\u0000符.csv', toCsv({ rows: rows('含\u0007控制符乙项目', '经信委'), merges: [] }, 'utf8')],
    ];
    for (const [filename, bytes] of files) {
      const up = await coordinator.upload('/api/imports', filename, bytes);
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json().filename).not.toContain('\u0000');
      const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, {});
      expect(commit.statusCode, commit.body).toBe(200);
    }
    expect((await projectNamed('含控制符甲项目')).project.stage).toBe('negotiating');
    expect((await projectNamed('含控制符乙项目')).project.stage).toBe('negotiating');
    // A text file with NUL bytes is not a CSV: a clear 400, nothing kept.
    const nul = await coordinator.upload(
      '/api/imports',
      '二进制.csv',
      toCsv({ rows: rows('含\u0000项目'), merges: [] }, 'utf8'),
    );
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.message).toBe('无法识别的文件：请上传 Excel（.xlsx、.xls）或 CSV 文件');
    expect((await projectNamed('含控制符乙项目')).project.stage).toBe('negotiating');
  });
});
