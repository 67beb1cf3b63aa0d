import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';

/**
 * 封账: close a month after the check, the issued report stored with its hash and served as issued;
 * entries into a closed month refused or recorded as 补录 for the next open month; reopen with a
 * reason (audited) and reissue beside the earlier report; a leader's sign-off.
 */
let world: TestWorld;
let coordinator: TestClient;
let leader: TestClient;
let staff: TestClient;
let viewer: TestClient;
let projectId: string;
let juneEntryId: number;
let planning: { id: string; version: number };
let unitA: string;
const accounts: { client: TestClient; username: string }[] = [];
/** Moves the clock and logs everyone in again (sessions expire across the jump). */
async function at(instant: string) {
  world.clock.set(instant);
  for (const a of accounts) await a.client.login(a.username, PASSWORD);
}
async function account(...args: Parameters<typeof buildUser>) {
  const user = await buildUser(...args);
  accounts.push(user);
  return user.client;
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Report {
  id: string;
  kind: string;
  issue: number;
  sha256: string;
  superseded: boolean;
  issuedBy: string;
}
interface Month {
  month: string;
  status: string;
  version: number;
  reports: Report[];
}
async function month(m: string): Promise<Month> {
  const list = (await coordinator.get(`/api/months?year=${m.slice(0, 4)}`)).json();
  return list.months.find((x: Month) => x.month === m);
}
async function setting(patch: { signOffRequired?: boolean; lateEntries?: boolean }) {
  const current = (await coordinator.get('/api/months/settings')).json();
  const res = await coordinator.put('/api/months/settings', { ...current, ...patch });
  expect(res.statusCode, res.body).toBe(200);
}
async function close(m: string, client = coordinator) {
  return client.post(`/api/months/${m}/close`, { version: (await month(m)).version });
}
async function download(id: string, client = coordinator) {
  const res = await client.get(`/api/months/reports/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
}

beforeAll(async () => {
  world = await createWorld('2026-05-01T09:00:00+08:00');
  unitA = (await buildUnit(world.admin, { name: '区商务委' })).id;
  await buildUnit(world.admin, { name: '分水镇', kind: 'town' });
  coordinator = await account(world, 'coordinator');
  leader = await account(world, 'leader');
  staff = await account(world, 'unit_staff', { unitId: unitA });
  viewer = await account(world, 'viewer');
  const p = await buildProject(coordinator, { name: '新能源电池项目', unitId: unitA });
  await at('2026-05-20T09:00:00+08:00');
  await signProject(coordinator, p, {
    negotiatingOn: '2026-05-05',
    signedOn: '2026-05-18',
    agreedInvestmentFen: 50_000_000_000,
  });
  projectId = p.id;
  planning = await buildProject(coordinator, { name: '冷链物流园项目', unitId: unitA });
  await at('2026-06-15T09:00:00+08:00');
  juneEntryId = (await recordFunds(coordinator, projectId, '2026-06-12', 1_234_500_000)).id;
  await at('2026-07-03T09:00:00+08:00');
});
afterAll(async () => world?.close());

describe('closing a month', () => {
  it('checks each unit’s figures for the month before closing', async () => {
    const res = await coordinator.get('/api/months/2026-06/check');
    expect(res.statusCode, res.body).toBe(200);
    const check = res.json();
    expect(check).toMatchObject({ status: 'open', version: 0, canClose: true });
    expect(check.units.find((u: { unitName: string }) => u.unitName === '区商务委')).toMatchObject({
      fundsMonthFen: 1_234_500_000,
      fundsYearFen: 1_234_500_000,
      signed: 0,
    });
    const may = (await coordinator.get('/api/months/2026-05/check')).json();
    expect(may.units.find((u: { unitName: string }) => u.unitName === '区商务委').signed).toBe(1);
    // July has not ended: closing it is refused.
    const july = (await coordinator.get('/api/months/2026-07/check')).json();
    expect(july.canClose).toBe(false);
    expect((await close('2026-07')).statusCode).toBe(409);
  });

  it('is refused to unit staff and the viewer through the policy (403)', async () => {
    for (const client of [staff, viewer, leader]) {
      const res = await close('2026-06', client);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await staff.get('/api/months')).statusCode).toBe(403);
  });

  it('closes June, issues the report, and then refuses a funding entry dated in June', async () => {
    const res = await close('2026-06');
    expect(res.statusCode, res.body).toBe(200);
    const june = res.json() as Month;
    expect(june.status).toBe('closed');
    expect(june.reports.map((r) => r.kind).sort()).toEqual(['ledger', 'monthly', 'stats']);
    for (const r of june.reports) expect(sha(await download(r.id))).toBe(r.sha256);
    const stats = JSON.parse((await download(june.reports.find((r) => r.kind === 'stats')!.id)).toString());
    expect(stats).toMatchObject({ asOf: '2026-06-30', month: '2026-06', fundsInPlaceWan: 1234.5 });

    const refused = await coordinator.post(`/api/projects/${projectId}/funding`, {
      date: '2026-06-20',
      amountFen: 100_000_000,
      source: 'outside_province',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^该月已封账/);
    const progress = await coordinator.post(`/api/projects/${projectId}/progress`, {
      date: '2026-06-28',
      current: '设备进场',
    });
    expect(progress.statusCode).toBe(409);
    // A stage move and a new project dated in June are refused the same way.
    const move = await coordinator.post(`/api/projects/${planning.id}/stage`, {
      to: 'negotiating',
      evidence: { date: '2026-06-20' },
      version: planning.version,
    });
    expect(move.statusCode).toBe(409);
    expect(move.json().error.message).toMatch(/^该月已封账/);
    const created = await coordinator.post('/api/projects', {
      name: '六月入库项目',
      enteredOn: '2026-06-10',
      unitId: unitA,
    });
    expect(created.statusCode).toBe(409);
    const after = await month('2026-06');
    expect(after.reports).toEqual(june.reports);
    for (const r of after.reports) expect(sha(await download(r.id))).toBe(r.sha256);
    expect((await close('2026-06')).statusCode).toBe(409);
  });

  it('records a late entry on the first day of the next open month when the tenant allows it', async () => {
    const june = await month('2026-06');
    await setting({ lateEntries: true });
    const res = await coordinator.post(`/api/projects/${projectId}/funding`, {
      date: '2026-06-25',
      amountFen: 300_000_000,
      source: 'outside_province',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ effectiveOn: '2026-07-01', payload: { lateFor: '2026-06-25' } });
    // A correction of a June entry is late too.
    const corrected = await coordinator.post(`/api/ledger-entries/${juneEntryId}/correction`, {
      reason: '金额录错',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ effectiveOn: '2026-07-01', payload: { lateFor: '2026-06-12' } });

    expect((await month('2026-06')).reports).toEqual(june.reports);
    for (const r of june.reports) expect(sha(await download(r.id))).toBe(r.sha256);
    // July's 月度统计表 says what its 本月 holds for June (补录), unit by unit.
    const julySheet = await coordinator.get('/api/exports/monthly.xlsx?month=2026-07');
    expect(julySheet.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(julySheet.rawPayload as unknown as ArrayBuffer);
    const notes: string[] = [];
    book.worksheets[0]!.eachRow((row) => notes.push(String(row.getCell(1).value ?? '')));
    expect(notes.find((n) => n.startsWith('其中补录'))).toBe(
      '其中补录（已封账月份的到位资金，于本月登记）：区商务委 -934.50 万元（属 2026-06-12、2026-06-25）。',
    );
    // The week's brief shows the moved funds as 补录, not as news of July.
    const brief = await coordinator.get('/api/briefs?kind=weekly&date=2026-07-03');
    expect(brief.statusCode, brief.body).toBe(200);
    const funds = brief.json().sections.find((s: { key: string }) => s.key === 'funds');
    expect(funds.lines.map((l: { text: string }) => l.text).join('\n')).toContain('补录');
    const july = (await coordinator.get('/api/months/2026-07/check')).json();
    expect(july.units.find((u: { unitName: string }) => u.unitName === '区商务委')).toMatchObject({
      fundsMonthFen: 300_000_000 - 1_234_500_000,
      late: 2,
    });
    await setting({ lateEntries: false });
  });

  it('reopens only with a reason, audited, and a second close keeps the earlier report beside the new one', async () => {
    const june = await month('2026-06');
    const noReason = await coordinator.post('/api/months/2026-06/reopen', {
      version: june.version,
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await staff.post('/api/months/2026-06/reopen', { version: june.version, reason: 'x' })).statusCode,
    ).toBe(403);
    const reopened = await coordinator.post('/api/months/2026-06/reopen', {
      version: june.version,
      reason: '区商务委补报6月到位资金',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', reopenReason: '区商务委补报6月到位资金' });
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'month.reopen')
      .where('outcome', '=', 'ok')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).toContain('区商务委补报6月到位资金');

    await recordFunds(coordinator, projectId, '2026-06-29', 500_000_000);
    const again = await close('2026-06');
    expect(again.statusCode, again.body).toBe(200);
    const reports = (again.json() as Month).reports;
    expect(reports).toHaveLength(6);
    const first = reports.filter((r) => r.issue === 1);
    const second = reports.filter((r) => r.issue === 2);
    expect(first.every((r) => r.superseded)).toBe(true);
    expect(second.every((r) => !r.superseded)).toBe(true);
    for (const r of june.reports) {
      const kept = first.find((x) => x.id === r.id)!;
      expect(kept.sha256).toBe(r.sha256);
      expect(sha(await download(r.id))).toBe(r.sha256);
    }
    const stats2 = JSON.parse((await download(second.find((r) => r.kind === 'stats')!.id)).toString());
    // June as of its last day: the entry made while reopened counts, July's 补录 entries do not.
    expect(stats2.fundsInPlaceWan).toBe(1234.5 + 500);
    // Stored bytes cannot be changed, even by SQL.
    await expect(
      world.database.db
        .updateTable('issued_report')
        .set({ content: Buffer.from('x') })
        .where('id', '=', first[0]!.id)
        .execute(),
    ).rejects.toThrow(/kept as issued/);
  });

  it('waits for a leader’s sign-off when the tenant requires it, then issues the report in the leader’s name', async () => {
    await setting({ signOffRequired: true });
    const res = await close('2026-05');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'awaiting_signoff', reports: [] });
    // Awaiting sign-off, the month takes no entries either.
    const refused = await coordinator.post(`/api/projects/${projectId}/progress`, {
      date: '2026-05-30',
      current: '洽谈推进',
    });
    expect(refused.statusCode).toBe(409);
    const version = (await month('2026-05')).version;
    expect((await coordinator.post('/api/months/2026-05/sign-off', { version })).statusCode).toBe(403);
    const signed = await leader.post('/api/months/2026-05/sign-off', { version });
    expect(signed.statusCode, signed.body).toBe(200);
    const may = signed.json() as Month & { signedOffBy: string };
    expect(may.status).toBe('closed');
    expect(may.reports).toHaveLength(3);
    expect(new Set(may.reports.map((r) => r.issuedBy))).toEqual(new Set([may.signedOffBy]));
    expect((await leader.post('/api/months/2026-05/sign-off', { version: version + 1 })).statusCode).toBe(
      409,
    );
    await setting({ signOffRequired: false });
  });
});

describe('a city closes after its districts', () => {
  let city: TestWorld;
  afterAll(async () => city?.close());

  it('refuses the city’s close until every district below it has closed the month', async () => {
    city = await createWorld('2026-07-03T09:00:00+08:00', {
      tenantName: '重庆市',
      divisionCode: '500000',
      adminUsername: 'admin',
      adminDisplayName: '系统管理员',
      password: 'Landfall#2026',
    });
    const districts: Record<string, TestClient> = {};
    for (const [name, code] of [
      ['万州区', '500101'],
      ['涪陵区', '500102'],
    ] as const) {
      const t = await city.admin.post('/api/tenants', { parentId: city.tenantId, name, divisionCode: code });
      expect(t.statusCode, t.body).toBe(201);
      districts[name] = (await buildUser(city, 'coordinator', { tenantId: t.json().id })).client;
    }
    const cityCoordinator = (await buildUser(city, 'coordinator')).client;
    const closeAs = (client: TestClient) => client.post('/api/months/2026-06/close', { version: 0 });

    const early = await closeAs(cityCoordinator);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('下级区县尚未封账：万州区、涪陵区');
    expect((await closeAs(districts['万州区']!)).statusCode).toBe(200);
    const check = (await cityCoordinator.get('/api/months/2026-06/check')).json();
    expect(check.districts.map((d: { name: string; status: string }) => `${d.name}:${d.status}`)).toEqual([
      '万州区:closed',
      '涪陵区:open',
    ]);
    expect((await closeAs(cityCoordinator)).json().error.message).toContain('下级区县尚未封账：涪陵区');
    expect((await closeAs(districts['涪陵区']!)).statusCode).toBe(200);
    const done = await closeAs(cityCoordinator);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('closed');
    // While the city's month stands closed, a district cannot reopen its own: the city reopens first.
    const reopen = (client: TestClient) =>
      client.post('/api/months/2026-06/reopen', { version: 1, reason: '补报' });
    const refused = await reopen(districts['万州区']!);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('上级区域已封账该月，请先由上级重新开账');
    expect((await reopen(cityCoordinator)).statusCode).toBe(200);
    expect((await reopen(districts['万州区']!)).statusCode).toBe(200);
  });
});
