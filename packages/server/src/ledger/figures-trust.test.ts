import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';
import { buildSetup, buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';

/**
 * Figures an office can sign: a report printed on 5 July for June gives the same figures when
 * re-run in December as known on 5 July, whatever was back-dated since; a signing reverted as a
 * mistake (误录) counts nowhere; the city's figure for a district is the district's own.
 */
const YI = 10_000_000_000;

/** Every cell value of every sheet, row by row (formulas as their cached result). */
async function cellValues(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  book.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[])
        .slice(1)
        .map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v));
      out.push([sheet.name, ...values]);
    });
  });
  return out;
}

describe('a June report re-run in December with knownOn', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  let username: string;
  let firstEntry: number;
  let projectId: string;
  let unitId: string;
  /** Time passes: sessions end; the coordinator and the administrator keep working (sign in every few weeks). */
  const later = async (at: string) => {
    const target = new Date(at).getTime();
    for (let t = world.clock.now().getTime() + 30 * 86_400_000; t < target; t += 30 * 86_400_000) {
      world.clock.set(new Date(t));
      await coordinator.login(username, PASSWORD);
      await world.admin.login('admin', PASSWORD);
    }
    world.clock.set(new Date(at));
    await coordinator.login(username, PASSWORD);
  };
  beforeAll(async () => {
    world = await createWorld('2026-06-01T09:00:00+08:00');
    const unit = (await buildUnit(world.admin, { name: '经济信息委' })).id;
    unitId = unit;
    ({ client: coordinator, username } = await buildUser(world, 'coordinator'));
    const p = await buildProject(coordinator, { name: '锂电池项目', unitId: unit, enteredOn: '2026-01-05' });
    projectId = p.id;
    await signProject(coordinator, p, {
      negotiatingOn: '2026-01-10',
      signedOn: '2026-02-01',
      agreedInvestmentFen: 20 * YI,
    });
    firstEntry = (await recordFunds(coordinator, p.id, '2026-05-20', 3 * YI)).id;
    await later('2026-06-20T10:00:00+08:00');
    await recordFunds(coordinator, p.id, '2026-06-18', 2 * YI, 'outside_province');
    await later('2026-07-05T16:00:00+08:00');
  });
  afterAll(async () => {
    await world?.close();
  });

  it('gives identical cell values (月度统计表, 推进台账) and stats JSON', async () => {
    const monthly = () => coordinator.get('/api/exports/monthly.xlsx?month=2026-06&knownOn=2026-07-05');
    const ledger = () => coordinator.get('/api/exports/ledger.xlsx?asOf=2026-06-30&knownOn=2026-07-05');
    const stats = () => coordinator.get('/api/stats?asOf=2026-06-30&knownOn=2026-07-05');
    const printedMonthly = await cellValues((await monthly()).rawPayload);
    const printedLedger = await cellValues((await ledger()).rawPayload);
    const printedStats = (await stats()).body;
    expect(JSON.parse(printedStats).fundsInPlaceWan).toBe(50_000);

    // Since then: a funding back-dated into June (补录), a May entry corrected, a new project entered in June.
    await later('2026-12-03T11:00:00+08:00');
    await recordFunds(coordinator, projectId, '2026-06-25', 4 * YI);
    expect(
      (await coordinator.post(`/api/ledger-entries/${firstEntry}/correction`, { reason: '重复登记' }))
        .statusCode,
    ).toBe(201);
    await buildProject(coordinator, { name: '补录项目', unitId, enteredOn: '2026-06-10' });
    // …and the project moves to another unit in December (an edit, effective the day it is made).
    await world.admin.login('admin', PASSWORD);
    const other = (await buildUnit(world.admin, { name: '区商务委' })).id;
    const current = (await coordinator.get(`/api/projects/${projectId}`)).json().project;
    const moved = await coordinator.put(`/api/projects/${projectId}`, {
      name: current.name,
      version: current.version,
      unitId: other,
    });
    expect(moved.statusCode, moved.body).toBe(200);

    expect(await cellValues((await monthly()).rawPayload)).toEqual(printedMonthly);
    expect(await cellValues((await ledger()).rawPayload)).toEqual(printedLedger);
    expect((await stats()).body).toBe(printedStats);
    // As known now, June reads differently: the test would see a report that moved.
    const now = (await coordinator.get('/api/stats?asOf=2026-06-30')).json();
    expect(now.fundsInPlaceWan).toBe(60_000);
    expect(now.projects).toBe(2);
    const nowMonthly = await cellValues(
      (await coordinator.get('/api/exports/monthly.xlsx?month=2026-06')).rawPayload,
    );
    expect(nowMonthly).not.toEqual(printedMonthly);
    // June's funds stay with the unit that had the project in June; December's go to the new one.
    const unitsIn = (rows: unknown[][]) =>
      rows.filter((r) => r[2] === '经济信息委' || r[2] === '区商务委').map((r) => r[2]);
    expect(unitsIn(nowMonthly)).toContain('经济信息委');
    const december = (await coordinator.get('/api/dashboard?year=2026&asOf=2026-12-03')).json();
    const unitFunds = (name: string) =>
      december.units.find((u: { name: string; actual: number }) => u.name === name)?.actual;
    expect(unitFunds('区商务委')).toBe(6 * YI);
    const june = (await coordinator.get('/api/dashboard?year=2026&asOf=2026-06-30')).json();
    expect(june.units.find((u: { name: string }) => u.name === '经济信息委').actual).toBe(6 * YI);
  });

  it('the project page as of June and known on 5 July shows what was known then', async () => {
    const then = (
      await coordinator.get(`/api/projects/${projectId}?asOf=2026-06-30&knownOn=2026-07-05`)
    ).json();
    expect(then.project.fundsInPlaceFen).toBe(5 * YI);
    expect(then.entries.every((e: { recordedAt: string }) => e.recordedAt < '2026-07-05T16:00:00.000Z')).toBe(
      true,
    );
    const now = (await coordinator.get(`/api/projects/${projectId}?asOf=2026-06-30`)).json();
    expect(now.project.fundsInPlaceFen).toBe(6 * YI);
  });
});

describe('a signing reverted as a mistake (误录)', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  let unitId: string;
  beforeAll(async () => {
    world = await createWorld('2026-04-10T09:00:00+08:00');
    unitId = (await buildUnit(world.admin, { name: '经济信息委' })).id;
    coordinator = (await buildUser(world, 'coordinator')).client;
  });
  afterAll(async () => {
    await world?.close();
  });

  const signed = async () =>
    (await coordinator.get('/api/dashboard?year=2026&metric=projects_signed')).json().kpi.actual as number;

  it('leaves 签约项目数 as before the signing; a re-signing counts once on its date; 解约 keeps it', async () => {
    const before = await signed();
    const p = await buildProject(coordinator, { name: '误录项目', unitId, enteredOn: '2026-03-01' });
    const s = await signProject(coordinator, p, {
      negotiatingOn: '2026-03-05',
      signedOn: '2026-03-20',
      agreedInvestmentFen: 2 * YI,
    });
    expect(await signed()).toBe(before + 1);
    const printedAt = new Date(world.clock.now().getTime() + 60_000).toISOString();
    world.clock.advance(10 * 60_000);
    const back = await coordinator.post(`/api/projects/${p.id}/stage`, {
      to: 'negotiating',
      evidence: { date: '2026-04-01', reason: '误录：尚未签约' },
      version: s.version,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(await signed()).toBe(before);
    const lib = (await coordinator.get('/api/projects?asOf=2026-04-05&stage=signed')).json();
    expect(lib.total).toBe(0);
    // The revert is a correction: as of March, as known now, the project was never signed…
    const asOfMarch = (await coordinator.get('/api/stats?asOf=2026-03-31')).json();
    expect(asOfMarch.byStage).toMatchObject({ signed: 0, negotiating: 1 });
    const march = (
      await coordinator.get('/api/dashboard?year=2026&asOf=2026-03-31&metric=projects_signed')
    ).json();
    expect(march.kpi.actual).toBe(before);
    // …while March's report as known before the revert still reads as it was printed.
    const printed = (await coordinator.get(`/api/stats?asOf=2026-03-31&knownOn=${printedAt}`)).json();
    expect(printed.byStage).toMatchObject({ signed: 1, negotiating: 0 });
    expect(printed.agreedInvestmentWan).toBe(20_000);
    expect(asOfMarch.agreedInvestmentWan).toBe(0); // the mistaken signing's amount is no amount either

    // Signed again on 8 April, then 解约 (dropped): counted once, on 8 April, and kept.
    const again = await coordinator.post(`/api/projects/${p.id}/stage`, {
      to: 'signed',
      evidence: {
        date: '2026-04-08',
        agreementKind: 'formal',
        agreedInvestmentFen: 3 * YI,
        noAgreementReason: '协议原件在投资方处盖章',
      },
      version: back.json().project.version,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await signed()).toBe(before + 1);
    const dropped = await coordinator.post(`/api/projects/${p.id}/stage`, {
      to: 'dropped',
      evidence: { date: '2026-04-09', reason: '投资方解约' },
      version: again.json().project.version,
    });
    expect(dropped.statusCode, dropped.body).toBe(200);
    expect(await signed()).toBe(before + 1);
    const item = (await coordinator.get('/api/projects?asOf=2026-04-10&stage=dropped')).json().items[0];
    expect(item.signedOn).toBe('2026-04-08');
  });
});

describe('one truth from district to city (纵向联动)', () => {
  let database: Database;
  let app: FastifyInstance;
  let city: { viewer: TestClient; coordinator: TestClient };
  let district: TestClient;
  let districtId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp({ database, clock: fakeClock('2026-06-30T12:00:00+08:00') });
    const admin = new TestClient(app);
    const root = (
      await admin.post('/api/setup', buildSetup({ tenantName: '重庆市', divisionCode: '500000' }))
    ).json().tenantId;
    await admin.login('admin', PASSWORD);
    districtId = (
      await admin.post('/api/tenants', { parentId: root, name: '万州区', divisionCode: '500101' })
    ).json().id;
    const unitId = (
      await admin.post('/api/units', { tenantId: districtId, name: '经信委', kind: 'department' })
    ).json().id;
    district = (await buildUser({ app, admin }, 'coordinator', { tenantId: districtId })).client;
    for (const [name, sensitivity, funds] of [
      ['普通项目', 'normal', 3],
      ['涉密项目', 'sensitive', 5],
    ] as const) {
      const p = await buildProject(district, { name, unitId, enteredOn: '2026-01-05', sensitivity });
      await signProject(district, p, {
        negotiatingOn: '2026-01-10',
        signedOn: '2026-02-01',
        agreedInvestmentFen: 10 * YI,
      });
      await recordFunds(district, p.id, '2026-03-01', funds * YI);
    }
    city = {
      viewer: (await buildUser({ app, admin }, 'viewer')).client,
      coordinator: (await buildUser({ app, admin }, 'coordinator')).client,
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('every figure of the district, at every date, is the same read by the district and by the city', async () => {
    for (const asOf of ['2026-01-31', '2026-02-28', '2026-03-31', '2026-06-30']) {
      const own = (await district.get(`/api/stats?asOf=${asOf}&tenantId=${districtId}`)).json();
      for (const reader of [city.viewer, city.coordinator]) {
        const above = (await reader.get(`/api/stats?asOf=${asOf}&tenantId=${districtId}`)).json();
        expect(above, asOf).toEqual(own);
      }
      for (const metric of ['funds_in_place', 'projects_signed', 'agreed_investment']) {
        const q = `/api/dashboard?year=2026&asOf=${asOf}&metric=${metric}&tenantId=${districtId}`;
        const mine = (await district.get(q)).json();
        const theirs = (await city.viewer.get(q)).json();
        expect(theirs.kpi, `${metric} ${asOf}`).toEqual(mine.kpi);
        expect(theirs.units, `${metric} ${asOf}`).toEqual(mine.units);
      }
    }
    const june = (await city.viewer.get(`/api/stats?asOf=2026-06-30&tenantId=${districtId}`)).json();
    expect(june.fundsInPlaceWan).toBe(80_000); // 3 亿 + 5 亿: the sensitive project's amounts are not subtracted
    // …while its details stay hidden from the city's viewer.
    const list = (await city.viewer.get(`/api/projects?tenantId=${districtId}`)).json();
    expect(list.items.map((i: { name: string }) => i.name)).not.toContain('涉密项目');
  });
});
