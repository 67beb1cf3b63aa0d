import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { creditCode, officeLedger, toXlsx, type OfficeRow } from '../test/ledger-files.ts';

/** The office ledger of the examples: 2 在谈, 3 已签约 (two with funds), 1 开工. */
function sampleRows(): { title: string; rows: OfficeRow[] }[] {
  return [
    {
      title: '一、在谈项目',
      rows: [
        {
          name: '锂电池正极材料项目',
          investor: '广东星源新材料有限公司',
          code: creditCode(1),
          place: '广东省佛山市',
          unit: '经信委',
          agreed: 50000,
          fixed: 40000,
          leader: '张副区长',
          contact: '李明',
          progress: '已完成第三轮洽谈',
        },
        {
          name: '冷链物流园项目',
          investor: '上海冷运集团有限公司',
          code: creditCode(2, '310115'),
          place: '上海市浦东新区',
          unit: '商务局',
          agreed: '12,000',
          fixed: '8,000.50',
          progress: '客商来万州考察',
        },
      ],
    },
    {
      title: '二、已签约项目',
      rows: [
        {
          name: '智能终端产业园',
          investor: '深圳华科智能有限公司',
          code: creditCode(3, '440305'),
          place: '深圳',
          unit: '经信委',
          agreed: 200000,
          fixed: 150000,
          plan: 30000,
          month: 1500.25,
          cumulative: 8000.25,
          signed: '2017.3.15',
          progress: '正在办理用地手续',
          problems: '用地指标不足',
        },
        {
          name: '中药材精深加工项目',
          investor: '重庆康源药业有限公司',
          code: creditCode(4, '500112'),
          place: '重庆市渝北区',
          unit: '农委',
          agreed: 30000,
          fixed: 20000,
          cumulative: 0,
          signed: '2017年5月',
        },
        {
          name: '文旅小镇项目',
          investor: '北京东方文旅投资有限公司',
          code: creditCode(5, '110105'),
          place: '北京市朝阳区',
          unit: '商务局',
          agreed: '8亿',
          fixed: 60000,
          month: 0,
          cumulative: 2000,
          signed: new Date(Date.UTC(2017, 5, 20)),
        },
      ],
    },
    {
      title: '三、开工建设项目',
      rows: [
        {
          name: '汽车零部件生产基地',
          investor: '浙江精工汽配股份有限公司',
          code: creditCode(6, '330281'),
          place: '浙江宁波',
          unit: '经信委',
          agreed: 100000,
          fixed: 90000,
          month: 500,
          cumulative: 45000,
          signed: '2016-11-08',
          started: '2017年4月18日',
          progress: '主体厂房封顶',
        },
      ],
    },
  ];
}

describe('import an office ledger', () => {
  let world: TestWorld;
  let coordinator: TestClient;

  beforeAll(async () => {
    world = await createWorld('2026-03-02T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
  });
  afterAll(() => world.close());

  async function count(table: 'project' | 'enterprise' | 'ledger_entry' | 'unit' | 'import_batch') {
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(
      world.database.db,
    );
    return Number(r.rows[0]!.n);
  }

  it('detects the layout, previews, and commits an .xlsx all at once', async () => {
    const file = await toXlsx(officeLedger({ sections: sampleRows() }));
    const up = await coordinator.upload('/api/imports', '万州区招商台账2017.9.xlsx', file);
    expect(up.statusCode, up.body).toBe(201);
    const batch = up.json();
    expect(batch.layout.headerRows).toEqual([3, 4]);
    expect(batch.layout.dataStart).toBe(5);
    expect(batch.layout.meta).toMatchObject({ cutOff: '2017-09-30', amountUnit: 'wan' });
    // Sample values come from project rows only (row 5 is the section 一、在谈项目).
    expect(batch.layout.sample.map((r: { row: number }) => r.row)).toEqual([6, 7, 10, 11, 12, 15]);
    const fields = Object.fromEntries(
      batch.layout.mapping
        .filter((m: { field: string | null }) => m.field)
        .map((m: { column: number; field: string }) => [m.field, m.column]),
    );
    expect(fields).toMatchObject({
      name: 1,
      investorName: 2,
      investorCreditCode: 3,
      investorPlace: 4,
      unit: 5,
      agreedInvestment: 6,
      fixedAsset: 7,
      fundsYearPlan: 8,
      fundsMonth: 9,
      fundsCumulative: 10,
      signedOn: 11,
      actualStartOn: 12,
      progress: 15,
      problems: 16,
    });

    const before = { projects: await count('project'), entries: await count('ledger_entry') };
    const preview = await coordinator.post(`/api/imports/${batch.id}/preview`, {});
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json().summary;
    expect(p.rows).toBe(6);
    expect(p.newUnits.sort()).toEqual(['农委', '商务局', '经信委'].sort());
    expect(p.errors.map((e: { row: number }) => e.row)).toEqual([6, 7, 10, 11, 12, 15]);
    expect(p.errors[0].message).toContain('不存在');
    expect(p.skippedRows.map((s: { kind: string; row: number }) => `${s.kind}@${s.row}`)).toEqual([
      'section@5',
      'section@9',
      'section@14',
      'total@17',
      'note@18',
    ]);
    expect(await count('project')).toBe(before.projects);

    const commit = await coordinator.post(`/api/imports/${batch.id}/commit`, { createUnits: true });
    expect(commit.statusCode, commit.body).toBe(200);
    const s = commit.json().summary;
    expect(s).toMatchObject({
      rows: 6,
      errorCount: 0,
      projects: { created: 6, updated: 0, unchanged: 0 },
      enterprises: { created: 6, updated: 0 },
    });
    expect(commit.json().status).toBe('committed');

    const projects = await world.database.db.selectFrom('project').selectAll().orderBy('name').execute();
    const byName = Object.fromEntries(projects.map((r) => [r.name, r]));
    expect(byName['锂电池正极材料项目']).toMatchObject({
      stage: 'negotiating',
      region: 'prd',
      origin_division_code: '440600',
    });
    expect(Number(byName['冷链物流园项目']!.fixed_asset_fen)).toBe(8_000_500_000);
    expect(byName['智能终端产业园']).toMatchObject({
      stage: 'signed',
      signed_on: '2017-03-15',
      region: 'prd',
    });
    expect(Number(byName['智能终端产业园']!.funds_in_place_fen)).toBe(8_000_250_000);
    expect(Number(byName['文旅小镇项目']!.agreed_investment_fen)).toBe(80_000_000_000);
    expect(byName['中药材精深加工项目']).toMatchObject({ signed_on: '2017-05-01', region: 'local' });
    expect(byName['汽车零部件生产基地']).toMatchObject({
      stage: 'construction',
      actual_start_on: '2017-04-18',
      region: 'yrd',
    });

    // Funds: the month's part on the cut-off date; the rest (no 本年 column: its year unknown) on the
    // signing date when the project was signed this year, else on the last day of the year before.
    const funds = await sql<{ name: string; effective_on: string; amount_fen: string }>`
      select p.name, e.effective_on::text, e.amount_fen from ledger_entry e join project p on p.id = e.project_id
      where e.kind = 'funding' order by p.name, e.effective_on`.execute(world.database.db);
    expect(funds.rows.map((r) => [r.name, r.effective_on, Number(r.amount_fen)])).toEqual(
      [
        ['文旅小镇项目', '2017-06-20', 2_000_000_000],
        ['智能终端产业园', '2017-03-15', 6_500_000_000],
        ['智能终端产业园', '2017-09-30', 1_500_250_000],
        ['汽车零部件生产基地', '2016-12-31', 44_500_000_000],
        ['汽车零部件生产基地', '2017-09-30', 500_000_000],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))),
    );
    // Stage history: signed on its date, construction on the start date.
    const stagesOf = await sql<{ kind: string; stage_to: string; effective_on: string }>`
      select e.kind, e.stage_to, e.effective_on::text from ledger_entry e join project p on p.id = e.project_id
      where p.name = '汽车零部件生产基地' and e.stage_to is not null order by e.effective_on, e.id`.execute(
      world.database.db,
    );
    expect(stagesOf.rows).toEqual([
      { kind: 'created', stage_to: 'signed', effective_on: '2016-11-08' },
      { kind: 'stage_move', stage_to: 'construction', effective_on: '2017-04-18' },
    ]);
    // One audit row for the commit, in the same transaction.
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'record_id'])
      .where('action', '=', 'import.commit')
      .execute();
    expect(audit).toEqual([{ action: 'import.commit', record_id: batch.id }]);

    // The same file again is recognised and refused; nothing changes.
    const again = await coordinator.upload('/api/imports', 'copy.xlsx', file);
    expect(again.json().duplicateOf).toMatchObject({ id: batch.id });
    const entries = await count('ledger_entry');
    const refused = await coordinator.post(`/api/imports/${again.json().id}/commit`, { createUnits: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('不再重复导入');
    expect(await count('ledger_entry')).toBe(entries);
  });

  it('a later snapshot updates the projects it names: changed, unchanged, funds and stage to the new cut-off', async () => {
    const sections = sampleRows();
    // October: the terminal park started, received 1000 more; the 冷链 row is unchanged.
    // The 冷链 investor is now written with its full name (same credit code): the enterprise is renamed, audited.
    sections[0]!.rows[1] = { ...sections[0]!.rows[1]!, investor: '上海冷运（集团）有限公司' };
    const signed = sections[1]!.rows;
    signed[0] = { ...signed[0]!, month: 1000, cumulative: 9000.25, progress: '用地手续已办结' };
    const started = signed.splice(0, 1)[0]!;
    sections[2]!.rows.push({ ...started, started: '2017-10-12' });
    const file = await toXlsx(
      officeLedger({
        sections,
        metaLine: '填报单位：万州区投资促进局 截止时间：2017年10月31日 单位：万元',
      }),
    );
    const up = await coordinator.upload('/api/imports', '台账2017.10.xlsx', file);
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    const s = commit.json().summary;
    // 汽车零部件 repeats September's 本月到位 in October: the cumulative figure stands, the month is flagged.
    // The 合计 is Excel's SUM, which skips amounts typed as text: it disagrees with the rows, and says so.
    expect(s.warnings.map((w: { row: number; cell: string }) => [w.row, w.cell])).toEqual([
      [14, 'J14'],
      [17, 'G17'],
    ]);
    expect(s.warnings[1].message).toBe(
      '「合计」与全表项目之和不符：填写 380000，全表项目（6 个）合计 472000',
    );
    expect(s.projects).toEqual({ created: 0, updated: 1, unchanged: 5 });
    expect(s.enterprises).toEqual({ created: 0, updated: 1 });
    const renamed = await world.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'enterprise.update')
      .execute();
    expect(renamed).toHaveLength(1);
    expect(renamed[0]!.before).toMatchObject({ name: '上海冷运集团有限公司' });
    expect(renamed[0]!.after).toMatchObject({ name: '上海冷运（集团）有限公司', source: 'import' });
    const changed = s.items.find((i: { outcome: string }) => i.outcome === 'changed');
    expect(changed).toMatchObject({ name: '智能终端产业园' });
    expect(changed.changes).toEqual(expect.arrayContaining(['开工时间', '项目阶段', '目前进展', '到位资金']));
    const park = await world.database.db
      .selectFrom('project')
      .selectAll()
      .where('name', '=', '智能终端产业园')
      .executeTakeFirstOrThrow();
    expect(park).toMatchObject({
      stage: 'construction',
      stage_on: '2017-10-31',
      actual_start_on: '2017-10-12',
    });
    expect(Number(park.funds_in_place_fen)).toBe(9_000_250_000);
    const sep = await sql<{ n: string }>`select coalesce(sum(amount_fen), 0) as n from ledger_entry
      where project_id = ${park.id} and effective_on <= '2017-09-30'`.execute(world.database.db);
    expect(Number(sep.rows[0]!.n)).toBe(8_000_250_000);
  });

  it('a sheet that puts a project back to an earlier stage is written, with a warning to check it', async () => {
    const sections = sampleRows();
    // 汽车零部件 (开工) listed under 已签约 in an older-looking sheet of a later date.
    const car = sections[2]!.rows.pop()!;
    sections[1]!.rows.push({ ...car, started: null });
    const file = await toXlsx(
      officeLedger({ sections, metaLine: '填报单位：万州区投资促进局 截止时间：2017年11月30日 单位：万元' }),
    );
    const up = await coordinator.upload('/api/imports', '台账2017.11.xlsx', file);
    const preview = (await coordinator.post(`/api/imports/${up.json().id}/preview`, {})).json().summary;
    const warning = preview.warnings.find((w: { message: string }) => w.message.includes('退回'));
    expect(warning).toMatchObject({ column: '项目阶段' });
    expect(warning.message).toContain('由「开工」退回「签约」');
  });

  it('planted bad rows: each error named by row, column and value, and nothing written', async () => {
    const rows: OfficeRow[] = [
      {
        name: '正常项目甲',
        investor: '甲公司',
        code: creditCode(11),
        unit: '经信委',
        agreed: 100,
        fixed: 50,
      },
      {
        name: '错误信用代码项目',
        investor: '乙公司',
        code: '91440606MA4UJ0XX0X',
        unit: '经信委',
        agreed: 100,
      },
      { name: '负数金额项目', investor: '丙公司', unit: '经信委', agreed: -500 },
      { name: '', investor: '丁公司', unit: '经信委', agreed: 100 },
      { name: '固投超总投项目', investor: '戊公司', unit: '经信委', agreed: 100, fixed: 300 },
      {
        name: '日期错误项目',
        investor: '己公司',
        unit: '经信委',
        agreed: 100,
        signed: '2017-02-30',
        cumulative: 10,
      },
      { name: '金额非数字项目', investor: '庚公司', unit: '经信委', agreed: '五千万左右' },
    ];
    const grid = officeLedger({ sections: [{ title: '一、已签约项目', rows }] });
    // An unknown stage, written in a section the office invented.
    grid.rows.splice(
      grid.rows.length - 3,
      0,
      ['二、研究中项目（1个）'],
      [99, '阶段不明项目', '辛公司', null, null, '经信委', 100],
    );
    const file = await toXlsx(grid);
    const before = {
      projects: await count('project'),
      enterprises: await count('enterprise'),
      entries: await count('ledger_entry'),
      units: await count('unit'),
    };
    const up = await coordinator.upload('/api/imports', 'bad.xlsx', file);
    expect(up.statusCode, up.body).toBe(201);
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, { createUnits: true });
    expect(commit.statusCode).toBe(400);
    const s = commit.json().error.details.summary;
    // The same refusal as an NDJSON stream: the last line carries the status and the error body.
    const streamed = await coordinator.request(
      'POST',
      `/api/imports/${up.json().id}/commit`,
      { createUnits: true },
      { headers: { accept: 'application/x-ndjson' } },
    );
    expect(streamed.statusCode).toBe(200);
    expect(streamed.headers['content-type']).toContain('application/x-ndjson');
    const lines = streamed.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
    expect(lines.at(-1).body.error.details.summary.errorCount).toBe(7);
    const errors = s.errors.map((e: { row: number; column: string; value: string; message: string }) => [
      e.row,
      e.column,
      e.value,
      e.message,
    ]);
    expect(errors).toEqual([
      [7, '投资方/统一社会信用代码', '91440606MA4UJ0XX0X', expect.stringContaining('')],
      [8, '协议投资额（万元）', '-500', '金额不能为负数'],
      [9, '项目名称', '', '项目名称不能为空'],
      [10, '其中：固定资产投资', '300', '固定资产投资不能大于协议投资额'],
      [11, '签约时间', '2017-02-30', '日期不存在（该月没有这一天）'],
      [12, '协议投资额（万元）', '五千万左右', '金额不是数字'],
      [
        14,
        '项目阶段',
        '二、研究中项目（1个）',
        expect.stringContaining('无法识别的项目阶段「研究中项目（1个）」'),
      ],
    ]);
    expect(await count('project')).toBe(before.projects);
    expect(await count('enterprise')).toBe(before.enterprises);
    expect(await count('ledger_entry')).toBe(before.entries);
    expect(await count('unit')).toBe(before.units);

    // The error report lists the same rows.
    const report = await coordinator.get(`/api/imports/${up.json().id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('错误')!;
    const reported: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 2) reported.push(Number(row.getCell(1).value));
    });
    expect(reported).toEqual([7, 8, 9, 10, 11, 12, 14]);
    expect(s.unknownStages).toEqual(['研究中']);
  });
});
