import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';

/**
 * The ledger and monthly statistics exports, read back with exceljs and checked against
 * arithmetic done by hand: a district of three units with a 100 亿 target (60/30/10).
 */
const YI = 10_000_000_000;
let world: TestWorld;
let coordinator: TestClient;
let staffA: TestClient;
const unit = { A: '', B: '', C: '' };

async function sheetOf(res: { statusCode: number; body: string; rawPayload: Buffer }) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

/** The project rows of a ledger sheet: name (column B) → row. */
function projectRows(sheet: ExcelJS.Worksheet) {
  const rows = new Map<string, ExcelJS.Row>();
  sheet.eachRow((row, n) => {
    if (n > 4 && typeof row.getCell(1).value === 'number') rows.set(String(row.getCell(2).value), row);
  });
  return rows;
}

beforeAll(async () => {
  world = await createWorld('2026-07-10T10:00:00+08:00');
  unit.A = (await buildUnit(world.admin, { name: '经信委' })).id;
  unit.B = (await buildUnit(world.admin, { name: '商务局' })).id;
  unit.C = (await buildUnit(world.admin, { name: '龙都街道', kind: 'town' })).id;
  coordinator = (await buildUser(world, 'coordinator')).client;
  staffA = (await buildUser(world, 'unit_staff', { unitId: unit.A })).client;

  const plan = (
    await coordinator.post('/api/targets', { year: 2026, metric: 'funds_in_place', total: 100 * YI })
  ).json();
  const draft = await coordinator.put(`/api/targets/${plan.id}/draft`, {
    total: 100 * YI,
    groups: [],
    units: [
      { unitId: unit.A, groupId: null, amount: 60 * YI },
      { unitId: unit.B, groupId: null, amount: 30 * YI },
      { unitId: unit.C, groupId: null, amount: 10 * YI },
    ],
    version: plan.version,
  });
  expect(draft.statusCode, draft.body).toBe(200);
  const fin = await coordinator.post(`/api/targets/${plan.id}/finalize`, {
    version: draft.json().version,
    effectiveFrom: '2026-01-01',
  });
  expect(fin.statusCode, fin.body).toBe(200);

  const a1 = await buildProject(coordinator, {
    name: '新能源电池项目',
    unitId: unit.A,
    stage: 'negotiating',
    enteredOn: '2026-01-05',
  });
  await signProject(coordinator, a1, {
    negotiatingOn: '2026-01-05',
    signedOn: '2026-02-10',
    agreedInvestmentFen: 50 * YI,
  });
  await recordFunds(coordinator, a1.id, '2026-03-15', 5 * YI);
  await recordFunds(coordinator, a1.id, '2026-05-20', 3 * YI);
  await recordFunds(coordinator, a1.id, '2026-06-05', 2 * YI);
  const b1 = await buildProject(coordinator, {
    name: '冷链物流园',
    unitId: unit.B,
    stage: 'negotiating',
    enteredOn: '2026-01-02',
  });
  await signProject(coordinator, b1, {
    negotiatingOn: '2026-01-02',
    signedOn: '2026-01-20',
    agreedInvestmentFen: 12 * YI,
  });
  await recordFunds(coordinator, b1.id, '2026-05-03', 4 * YI);
  // Text a spreadsheet would take for formulas.
  const c1 = await buildProject(coordinator, {
    name: '=HYPERLINK("http://example.invalid","点击")',
    unitId: unit.C,
    stage: 'negotiating',
    enteredOn: '2026-03-01',
    contactName: '@张三',
  });
  const progress = await coordinator.post(`/api/projects/${c1.id}/progress`, {
    date: '2026-03-02',
    current: '+86 完成洽谈',
    problems: '-用地指标',
    nextSteps: '\t下周再谈',
  });
  expect(progress.statusCode, progress.body).toBe(201);
});
afterAll(() => world.close());

describe('the ledger export (推进台账)', () => {
  it('has the office layout, numbers as numbers, a 合计 with formulas and cached values', async () => {
    const sheet = await sheetOf(await coordinator.get('/api/exports/ledger.xlsx'));
    expect(sheet.getCell('A1').value).toBe('万州区招商引资项目推进台账');
    expect(String(sheet.getCell('A2').value)).toContain('截止时间：2026年7月10日');
    expect(String(sheet.getCell('A2').value)).toContain('单位：万元');
    expect([sheet.getCell('C3').value, sheet.getCell('C4').value, sheet.getCell('O4').value]).toEqual([
      '投资方',
      '名称',
      '累计到位',
    ]);
    const sections: string[] = [];
    sheet.eachRow((row) => {
      const v = String(row.getCell(1).value ?? '');
      if (/^[一二三四五六七八]、/.test(v)) sections.push(v);
    });
    expect(sections).toEqual(['一、在谈项目（1个）', '二、已签约项目（2个）']);
    const rows = projectRows(sheet);
    const a1 = rows.get('新能源电池项目')!;
    // 协议投资额, 本月到位 (July: none), 本年到位, 累计到位 — numbers in 万元.
    expect([11, 13, 14, 15].map((c) => a1.getCell(c).value)).toEqual([500_000, 0, 100_000, 100_000]);
    expect(a1.getCell(6).value).toBe('经信委');
    expect(a1.getCell(7).value).toBe('签约');
    let total: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === '合计') total = row;
    });
    const cumulative = total!.getCell(15).value as { formula: string; result: number };
    expect(cumulative.formula).toMatch(/^SUM\(O\d+:O\d+(,O\d+:O\d+)*\)$/);
    expect(cumulative.result).toBe(140_000); // 10 亿 + 4 亿
    expect((total!.getCell(11).value as { result: number }).result).toBe(620_000);
  });

  it('neutralises text a spreadsheet would run as a formula (CWE-1236)', async () => {
    const sheet = await sheetOf(await coordinator.get('/api/exports/ledger.xlsx'));
    let c1: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (String(row.getCell(2).value).includes('HYPERLINK')) c1 = row;
    });
    expect(c1!.getCell(2).value).toBe('\'=HYPERLINK("http://example.invalid","点击")');
    expect(c1!.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(c1!.getCell(21).value).toBe("'@张三");
    expect([23, 24, 25].map((c) => c1!.getCell(c).value)).toEqual([
      "'+86 完成洽谈",
      "'-用地指标",
      '下周再谈', // the API trims input, so no tab reaches the ledger; neutralise() is tested on its own
    ]);
    // No cell of the sheet holds a formula other than the 合计 row's sums.
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) expect(row.getCell(1).value).toBe('合计');
      });
    });
  });

  it('honours the as-of date and the library filters; unit staff get their own unit', async () => {
    const april = await sheetOf(await coordinator.get('/api/exports/ledger.xlsx?asOf=2026-04-30'));
    expect(String(april.getCell('A2').value)).toContain('截止时间：2026年4月30日');
    const rows = projectRows(april);
    expect([...rows.keys()].sort()).toEqual(
      ['=HYPERLINK("http://example.invalid","点击")', '冷链物流园', '新能源电池项目']
        .sort()
        .map((n) => (n.startsWith('=') ? `'${n}` : n)),
    );
    // 本月到位 (April: none), 本年到位 and 累计到位 5 亿 for A1; B1 had nothing yet.
    expect([13, 14, 15].map((c) => rows.get('新能源电池项目')!.getCell(c).value)).toEqual([
      0, 50_000, 50_000,
    ]);
    expect(rows.get('冷链物流园')!.getCell(15).value).toBe(0);

    const signed = projectRows(await sheetOf(await coordinator.get('/api/exports/ledger.xlsx?stage=signed')));
    expect([...signed.keys()].sort()).toEqual(['冷链物流园', '新能源电池项目'].sort());
    const mine = projectRows(await sheetOf(await staffA.get('/api/exports/ledger.xlsx')));
    expect([...mine.keys()]).toEqual(['新能源电池项目']);
  });
});

describe('the monthly statistics (月度统计表)', () => {
  it('May: target, this month, cumulative, completion, time progress, ahead/behind and rank by unit', async () => {
    const sheet = await sheetOf(await coordinator.get('/api/exports/monthly.xlsx?month=2026-05'));
    expect(sheet.getCell('A1').value).toBe('万州区2026年5月招商引资到位资金统计表');
    expect(String(sheet.getCell('A2').value)).toContain('统计截止：2026年5月31日');
    const byUnit = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 3 && typeof row.getCell(1).value === 'number') {
        byUnit.set(
          String(row.getCell(2).value),
          [1, 3, 4, 5, 8, 9, 10, 11].map((c) => row.getCell(c).value),
        );
      }
    });
    const time = 5 / 12;
    const near = (x: unknown) => Math.round(Number(x) * 1e6) / 1e6;
    const a = byUnit.get('经信委')!;
    // rank, target, May, cumulative (万元), completion, time progress, gap, status
    expect([a[0], a[1], a[2], a[3]]).toEqual([1, 600_000, 30_000, 80_000]);
    expect([near(a[4]), near(a[5]), near(a[6]), a[7]]).toEqual([
      near(8 / 60),
      near(time),
      near(8 / 60 - time),
      '欠进度',
    ]);
    const b = byUnit.get('商务局')!;
    expect([b[0], b[1], b[2], b[3], near(b[4])]).toEqual([2, 300_000, 40_000, 40_000, near(4 / 30)]);
    const c = byUnit.get('龙都街道')!;
    expect([c[0], c[1], c[2], c[3], near(c[4])]).toEqual([3, 100_000, 0, 0, 0]);
    let total: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === '合计') total = row;
    });
    expect((total!.getCell(3).value as { result: number }).result).toBe(1_000_000);
    expect((total!.getCell(4).value as { result: number }).result).toBe(70_000);
    expect((total!.getCell(5).value as { result: number }).result).toBe(120_000);
  });

  it('June counts June only as this month; a month not begun is refused; unit staff may not', async () => {
    const sheet = await sheetOf(await coordinator.get('/api/exports/monthly.xlsx?month=2026-06'));
    let a: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === '经信委') a = row;
    });
    expect([a!.getCell(4).value, a!.getCell(5).value]).toEqual([20_000, 100_000]);
    expect((await coordinator.get('/api/exports/monthly.xlsx?month=2026-09')).statusCode).toBe(400);
    expect((await staffA.get('/api/exports/monthly.xlsx?month=2026-05')).statusCode).toBe(403);
  });
});
