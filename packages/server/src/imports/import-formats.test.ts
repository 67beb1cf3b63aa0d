import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { creditCode, officeLedger, toCsv, toXls, toXlsx } from '../test/ledger-files.ts';

/** Files as people save them (GBK and UTF-8 CSV, .xls, one-row headers), files that are not ledgers, and who may import. */
describe('import: formats, refusals and permissions', () => {
  let world: TestWorld;
  let coordinator: TestClient;

  beforeAll(async () => {
    world = await createWorld('2026-03-02T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
    for (const name of ['经信委', '商务局']) await buildUnit(world.admin, { name });
  });
  afterAll(() => world.close());

  it('reads a GBK CSV, a UTF-8 CSV with BOM and an .xls of the same ledger alike', async () => {
    const make = (name: string) =>
      officeLedger({
        sections: [
          {
            title: '一、已签约项目',
            rows: [
              {
                name,
                investor: `${name}投资有限公司`,
                code: creditCode(name.length + 40),
                place: '江苏省苏州市',
                unit: '经信委',
                agreed: '1,234.56',
                fixed: 1000,
                cumulative: '100.5',
                month: 0.5,
                signed: '2017/03/15',
              },
            ],
          },
        ],
      });
    const files: [string, Buffer][] = [
      ['gbk.csv', toCsv(make('GBK编码项目'), 'gbk')],
      ['bom.csv', toCsv(make('BOM编码项目'), 'utf8-bom')],
      ['legacy.xls', toXls(make('旧版表格项目'))],
    ];
    for (const [filename, bytes] of files) {
      const up = await coordinator.upload('/api/imports', filename, bytes);
      expect(up.statusCode, `${filename}: ${up.body}`).toBe(201);
      const commit = await coordinator.request(
        'POST',
        `/api/imports/${up.json().id}/commit`,
        {},
        { headers: { accept: 'application/x-ndjson' } },
      );
      const last = JSON.parse(commit.body.trim().split('\n').at(-1)!);
      expect(last.status, `${filename}: ${commit.body}`).toBe(200);
      expect(last.body.summary.projects.created, filename).toBe(1);
    }
    const rows = await world.database.db
      .selectFrom('project')
      .select(['name', 'agreed_investment_fen', 'funds_in_place_fen', 'signed_on', 'origin_division_code'])
      .where('name', 'in', ['GBK编码项目', 'BOM编码项目', '旧版表格项目'])
      .orderBy('name')
      .execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(Number(r.agreed_investment_fen), r.name).toBe(1_234_560_000);
      expect(Number(r.funds_in_place_fen), r.name).toBe(100_500_000);
      expect(r.signed_on, r.name).toBe('2017-03-15');
      expect(r.origin_division_code, r.name).toBe('320500');
    }
  });

  it('a one-row-header CSV: stage column, 亿元 in the header, dates as typed, a mapping and stage labels confirmed and remembered', async () => {
    const csv = [
      '序号,项目名称,投资企业,统一社会信用代码,项目进度,总投资（亿元）,签约日期,开工时间,责任单位,跟踪干部',
      `1,智慧农业示范园,绿源农业有限公司,${creditCode(71)},洽谈中,1.5,待定,,经信委,王五`,
      `2,大数据中心,云端科技有限公司,${creditCode(72)},已签约,"2,000",42999,2017.3,商务局,赵六`,
      '3,新材料产业园,华材集团有限公司,,开工建设,0.8,2017/03/15,2017年5月,经信委,钱七',
      '4,康养小镇,颐养投资有限公司,,研究中,1,,,经信委,孙八',
    ].join('\n');
    const up = await coordinator.upload('/api/imports', '项目清单.csv', Buffer.from(csv, 'utf8'));
    expect(up.statusCode, up.body).toBe(201);
    const batch = up.json();
    expect(batch.layout.headerRows).toEqual([1]);
    expect(batch.layout.savedMapping).toBe(false);
    const tracker = batch.layout.mapping.find((m: { header: string }) => m.header === '跟踪干部');
    expect(tracker.field).toBeNull();
    const columns = [{ column: tracker.column, field: 'contactName' }];

    const preview = await coordinator.post(`/api/imports/${batch.id}/preview`, { columns });
    const p = preview.json().summary;
    expect(p.unknownStages).toEqual(['研究中']);
    expect(
      p.errors.map((e: { row: number; column: string; value: string }) => [e.row, e.column, e.value]),
    ).toEqual([[5, '项目进度', '研究中']]);
    // No cut-off in a CSV: today, said as a file-level warning.
    expect(p.warnings[0]).toMatchObject({ row: 0, column: '截止日期' });
    expect(p.cutOff).toBe('2026-03-02');

    const commit = await coordinator.post(`/api/imports/${batch.id}/commit`, {
      columns,
      stageLabels: { 研究中: 'negotiating' },
    });
    expect(commit.statusCode, commit.body.slice(0, 1000)).toBe(200);
    const byName = Object.fromEntries(
      (
        await world.database.db
          .selectFrom('project')
          .selectAll()
          .where('name', 'in', ['智慧农业示范园', '大数据中心', '新材料产业园', '康养小镇'])
          .execute()
      ).map((r) => [r.name, r]),
    );
    expect(byName['智慧农业示范园']).toMatchObject({
      stage: 'negotiating',
      signed_on: null,
      contact_name: '王五',
    });
    expect(Number(byName['智慧农业示范园']!.agreed_investment_fen)).toBe(15_000_000_000);
    expect(Number(byName['大数据中心']!.agreed_investment_fen)).toBe(20_000_000_000_000);
    expect(byName['大数据中心']).toMatchObject({
      stage: 'signed',
      signed_on: '2017-09-21',
      actual_start_on: '2017-03-01',
    });
    expect(byName['新材料产业园']).toMatchObject({
      stage: 'construction',
      signed_on: '2017-03-15',
      actual_start_on: '2017-05-01',
    });
    expect(byName['康养小镇']).toMatchObject({ stage: 'negotiating', contact_name: '孙八' });

    // The same source again: the confirmed mapping and stage label are proposed this time.
    const again = await coordinator.upload(
      '/api/imports',
      '项目清单（二）.csv',
      Buffer.from(`${csv.split('\n')[0]}\n5,新项目,新公司,,研究中,1,,,经信委,周九`, 'utf8'),
    );
    expect(again.json().layout.savedMapping).toBe(true);
    expect(again.json().layout.mapping.find((m: { header: string }) => m.header === '跟踪干部').field).toBe(
      'contactName',
    );
    const p2 = (await coordinator.post(`/api/imports/${again.json().id}/preview`, {})).json().summary;
    expect(p2.errorCount).toBe(0);
    expect(p2.projects.created).toBe(1);
  });

  it('two commits of one batch at once: one imports, the other is refused, nothing twice', async () => {
    const csv = `项目名称,责任单位,项目阶段\n并发提交项目甲,经信委,在谈\n并发提交项目乙,经信委,在谈\n`;
    const up = await coordinator.upload('/api/imports', 'twice.csv', Buffer.from(csv, 'utf8'));
    const [a, b] = await Promise.all([
      coordinator.post(`/api/imports/${up.json().id}/commit`, {}),
      coordinator.post(`/api/imports/${up.json().id}/commit`, {}),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const n = await world.database.db
      .selectFrom('project')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('name', 'like', '并发提交项目%')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
    const again = await coordinator.post(`/api/imports/${up.json().id}/commit`, {});
    expect(again.statusCode).toBe(409);
  });

  it('refuses a corrupt file, a zip bomb and a sheet of garbage with a clear 4xx', async () => {
    const corrupt = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]);
    const r1 = await coordinator.upload('/api/imports', 'broken.xlsx', corrupt);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.message).toContain('损坏');

    // A zip whose central directory declares a 2 GB entry compressed to a few bytes.
    const bomb = fakeZip(2_000_000_000, 2000);
    const r2 = await coordinator.upload('/api/imports', 'bomb.xlsx', bomb);
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.message).toContain('压缩比');

    const garbage = await toXlsx({ rows: [['你好'], [1, 2, 3], ['abc', 'def']], merges: [] });
    const r3 = await coordinator.upload('/api/imports', 'garbage.xlsx', garbage);
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.message).toContain('表头');

    const binary = Buffer.from([0, 1, 2, 3, 4, 0, 0, 0, 9, 8]);
    const r4 = await coordinator.upload('/api/imports', 'x.bin', binary);
    expect(r4.statusCode).toBe(400);
  });

  it('unit staff may not import', async () => {
    const unit = (await world.admin.post('/api/units', { name: '招商局', kind: 'department' })).json();
    const staff = (await buildUser(world, 'unit_staff', { unitId: unit.id })).client;
    const res = await staff.upload('/api/imports', 'a.csv', Buffer.from('项目名称,责任单位\n甲,乙\n'));
    expect(res.statusCode).toBe(403);
  });
});

/** A zip with one stored entry header and a central directory that declares `size` bytes for it. */
function fakeZip(size: number, compressed: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(compressed, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const data = Buffer.alloc(compressed);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
