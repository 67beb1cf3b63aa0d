import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import {
  buildEnterprise,
  buildProject,
  pdfBytes,
  pngBytes,
  recordFunds,
  signProject,
} from '../test/library-fixtures.ts';

let world: TestWorld;
let coordinator: TestClient;
let unitA: string;
let unitB: string;
let staffA: TestClient;
let staffB: TestClient;
let leader: TestClient;
let viewer: TestClient;

beforeAll(async () => {
  world = await createWorld(); // fake clock: 2026-03-02 09:00 Asia/Shanghai
  unitA = (await buildUnit(world.admin, { name: '区经济信息委' })).id;
  unitB = (await buildUnit(world.admin, { name: '高峰园区' })).id;
  coordinator = (await buildUser(world, 'coordinator')).client;
  staffA = (await buildUser(world, 'unit_staff', { unitId: unitA })).client;
  staffB = (await buildUser(world, 'unit_staff', { unitId: unitB })).client;
  leader = (await buildUser(world, 'leader')).client;
  viewer = (await buildUser(world, 'viewer')).client;
});
afterAll(async () => world?.close());

describe('projects', () => {
  it('are created by unit staff in their own unit, seen by the coordinator, read-only to leaders', async () => {
    const p = await buildProject(staffA, {
      name: '三雄极光照明产业园',
      contactName: '李四',
      contactPhone: '13812345678',
      agreedInvestmentFen: 30_000_000_000,
      industryCode: '3872',
    });
    const manufacturing = (await coordinator.get('/api/projects?industry=C')).json();
    expect(manufacturing.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect(
      (await coordinator.get('/api/projects?industry=F')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(p.id);
    expect(
      (await coordinator.get('/api/projects?industry=387')).json().items.map((i: { id: string }) => i.id),
    ).toContain(p.id);
    expect(p.unitId).toBe(unitA);
    const list = (await coordinator.get('/api/projects?q=三雄')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect(list.items[0].contactPhone).toBe('138****5678');
    expect((await coordinator.get(`/api/projects/${p.id}`)).json().project.contactPhone).toBe('13812345678');
    expect((await staffB.get(`/api/projects/${p.id}`)).statusCode).toBe(404);
    expect((await staffB.post('/api/projects', { name: 'x', unitId: unitA })).statusCode).toBe(404);
    const edit = await leader.put(`/api/projects/${p.id}`, { name: '改', version: p.version });
    expect(edit.statusCode).toBe(403);
    expect((await leader.get(`/api/projects/${p.id}`)).statusCode).toBe(200);
  });

  it('keep sensitive projects from the roll-up viewer', async () => {
    const p = await buildProject(coordinator, { unitId: unitA, name: '保密项目', sensitivity: 'sensitive' });
    expect((await viewer.get(`/api/projects/${p.id}`)).statusCode).toBe(404);
    expect((await viewer.get('/api/projects?q=保密')).json().total).toBe(0);
    expect((await leader.get(`/api/projects/${p.id}`)).statusCode).toBe(200);
  });

  it('accept exactly one of 50 parallel saves of one version; the others get 409 with the current record', async () => {
    const p = await buildProject(staffA, { name: '并发项目' });
    const saves = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        coordinator.put(`/api/projects/${p.id}`, {
          name: `并发项目-${i}`,
          version: p.version,
          unitId: unitA,
        }),
      ),
    );
    const ok = saves.filter((r) => r.statusCode === 200);
    const conflicts = saves.filter((r) => r.statusCode === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const winner = ok[0]?.json().name;
    for (const c of conflicts) {
      expect(c.json().error.code).toBe('stale_version');
      expect(c.json().error.details.current.name).toBe(winner);
    }
    const current = (await coordinator.get(`/api/projects/${p.id}`)).json();
    expect(current.project.name).toBe(winner);
    expect(current.project.version).toBe(2);
    expect(current.entries.map((e: { kind: string }) => e.kind)).toEqual(['created', 'field_change']);
    const audits = await world.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('record_id', '=', p.id)
      .where('action', '=', 'project.update')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('move one stage at a time with the evidence each move needs', async () => {
    let p = await buildProject(staffA, { name: '阶段项目', enteredOn: '2026-01-05' });
    const skip = await staffA.post(`/api/projects/${p.id}/stage`, {
      to: 'signed',
      evidence: { date: '2026-02-01' },
      version: p.version,
    });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.fields[0].path).toEqual(['to']);
    const early = await staffA.post(`/api/projects/${p.id}/stage`, {
      to: 'negotiating',
      evidence: { date: '2026-01-01' },
      version: p.version,
    });
    expect(early.statusCode).toBe(400);
    p = await signProject(staffA, p, {
      negotiatingOn: '2026-01-20',
      signedOn: '2026-02-10',
      agreedInvestmentFen: 50_000_000_000,
    });
    expect(p.stage).toBe('signed');
    expect(p.agreedInvestmentFen).toBe(50_000_000_000);
    const badCode = await staffA.post(`/api/projects/${p.id}/stage`, {
      to: 'settled',
      evidence: { date: '2026-02-20', registeredOn: '2026-02-18', localCreditCode: '91350100M000100Y44' },
      version: p.version,
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.fields[0].path).toEqual(['evidence', 'localCreditCode']);
    const settled = await staffA.post(`/api/projects/${p.id}/stage`, {
      to: 'settled',
      evidence: { date: '2026-02-20', registeredOn: '2026-02-18', localCreditCode: '91350100M000100Y43' },
      version: p.version,
    });
    expect(settled.statusCode).toBe(200);
    p = settled.json().project;
    const noPhoto = await staffA.post(`/api/projects/${p.id}/stage`, {
      to: 'construction',
      evidence: { date: '2026-02-25', actualStartOn: '2026-02-25' },
      version: p.version,
    });
    expect(noPhoto.statusCode).toBe(400);
    const photo = (await staffA.upload(`/api/projects/${p.id}/attachments`, '开工现场.png', pngBytes)).json();
    const built = await staffA.post(`/api/projects/${p.id}/stage`, {
      to: 'construction',
      evidence: { date: '2026-02-25', actualStartOn: '2026-02-25', attachmentId: photo.id },
      version: p.version,
    });
    expect(built.statusCode).toBe(200);
    const paused = await staffA.post(`/api/projects/${p.id}/stage`, {
      to: 'paused',
      evidence: { date: '2026-02-27', reason: '等待环评' },
      version: built.json().project.version,
    });
    expect(paused.json().project).toMatchObject({ stage: 'paused', stageBefore: 'construction' });
    const resumed = await staffA.post(`/api/projects/${p.id}/stage`, {
      to: 'construction',
      evidence: { date: '2026-03-01', reason: '环评通过' },
      version: paused.json().project.version,
    });
    expect(resumed.json().project).toMatchObject({ stage: 'construction', stageBefore: null });
  });

  it('receive funds only once signed; corrections reverse, never edit', async () => {
    const p = await buildProject(staffA, { name: '资金项目', enteredOn: '2026-01-05' });
    const tooEarly = await staffA.post(`/api/projects/${p.id}/funding`, {
      date: '2026-02-01',
      amountFen: 100,
      source: 'abroad',
    });
    expect(tooEarly.statusCode).toBe(409);
    await signProject(staffA, p, {
      negotiatingOn: '2026-01-10',
      signedOn: '2026-01-15',
      agreedInvestmentFen: 20_000_000_000,
    });
    const first = await recordFunds(staffA, p.id, '2026-02-01', 3_000_000_000);
    await recordFunds(staffA, p.id, '2026-02-15', 1_234_567_800, 'abroad');
    const reversal = await staffA.post(`/api/ledger-entries/${first.id}/correction`, { reason: '金额填错' });
    expect(reversal.statusCode).toBe(201);
    expect(reversal.json()).toMatchObject({
      kind: 'correction',
      amountFen: -3_000_000_000,
      correctsId: first.id,
      effectiveOn: '2026-02-01',
    });
    expect(
      (await staffA.post(`/api/ledger-entries/${first.id}/correction`, { reason: '再改' })).statusCode,
    ).toBe(409);
    await recordFunds(staffA, p.id, '2026-02-01', 2_000_000_000);
    const detail = (await staffA.get(`/api/projects/${p.id}`)).json();
    expect(detail.project.fundsInPlaceFen).toBe(3_234_567_800);
  });

  it('keep ledger entries immutable, even to the database user', async () => {
    await expect(sql`update ledger_entry set amount_fen = 1`.execute(world.database.db)).rejects.toThrow(
      /never changed/,
    );
    await expect(sql`delete from ledger_entry`.execute(world.database.db)).rejects.toThrow(/never changed/);
  });

  it('refuse files that are not what their name says', async () => {
    const p = await buildProject(staffA);
    const fake = await staffA.upload(
      `/api/projects/${p.id}/attachments`,
      '合同.pdf',
      Buffer.from('MZ\u0090\u0000 not a pdf'),
    );
    expect(fake.statusCode).toBe(415);
    const ok = await staffA.upload(`/api/projects/${p.id}/attachments`, '合同.pdf', pdfBytes);
    expect(ok.statusCode).toBe(201);
    const download = await coordinator.get(`/api/attachments/${ok.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdfBytes)).toBe(true);
    expect((await staffB.get(`/api/attachments/${ok.json().id}`)).statusCode).toBe(404);
  });
});

describe('enterprises', () => {
  it('refuse a wrong credit code with a clear message and keep one enterprise per code', async () => {
    const wrong = await staffA.post('/api/enterprises', {
      name: '广东三雄极光照明股份有限公司',
      creditCode: '91440300708461136X',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toEqual(['creditCode']);
    expect(wrong.json().error.fields[0].message).toMatch(/校验/);
    const ok = await buildEnterprise(staffA, {
      name: '广东三雄极光照明股份有限公司',
      creditCode: '91440300708461136T',
      divisionCode: '440600',
      industryCode: '3871',
    });
    const again = await staffB.post('/api/enterprises', {
      name: '三雄极光',
      creditCode: '91440300708461136t',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.existing.id).toBe(ok.id);
    const found = (await coordinator.get(`/api/enterprises?q=${encodeURIComponent('三雄')}`)).json();
    expect(found.items[0].name).toBe('广东三雄极光照明股份有限公司');
  });
});

describe('leads', () => {
  /** Moving the fake clock by days ends sessions (30-minute idle limit): log in again after each move. */
  async function loginAs(role: 'unit_staff' | 'coordinator', unitId?: string) {
    return (await buildUser(world, role, unitId ? { unitId } : {})).client;
  }

  it('run a response clock in working days and become projects keeping their history', async () => {
    world.clock.set('2026-03-06T10:00:00+08:00'); // a Friday
    await world.admin.login('admin', PASSWORD);
    let staff = await loginAs('unit_staff', unitA);
    const lead = (
      await staff.post('/api/leads', {
        title: '某车企拟投资零部件项目',
        investorName: '某汽车集团',
        estimatedAmountFen: 80_000_000_000,
      })
    ).json();
    expect(lead.clock).toMatchObject({ acknowledgeBy: '2026-03-09', assessBy: '2026-03-11', overdue: false });
    const onTime = (await staff.post('/api/leads', { title: '准时签收的线索' })).json();
    let coord = await loginAs('coordinator');
    expect((await coord.post(`/api/leads/${onTime.id}/acknowledge`)).json().status).toBe('acknowledged');
    expect((await staff.post(`/api/leads/${lead.id}/acknowledge`)).statusCode).toBe(403);

    world.clock.set('2026-03-10T10:00:00+08:00'); // Tuesday: past the Monday acknowledgement deadline
    await world.admin.login('admin', PASSWORD);
    staff = await loginAs('unit_staff', unitA);
    coord = await loginAs('coordinator');
    const overdue = (await staff.get('/api/leads?overdue=true'))
      .json()
      .items.map((l: { id: string }) => l.id);
    expect(overdue).toContain(lead.id);
    expect(overdue).not.toContain(onTime.id);
    const assessed = (
      await coord.post(`/api/leads/${lead.id}/assess`, { assessment: '符合产业方向，建议对接' })
    ).json();
    expect(assessed.clock).toMatchObject({ acknowledgedLate: true, assessedLate: false, overdue: false });

    const converted = await staff.post(`/api/leads/${lead.id}/convert`, {
      name: '汽车零部件生产基地',
      agreedInvestmentFen: 80_000_000_000,
    });
    expect(converted.statusCode).toBe(201);
    const project = converted.json();
    expect(project).toMatchObject({ leadId: lead.id, unitId: unitA, stage: 'planning' });
    const after = (await staff.get(`/api/leads/${lead.id}`)).json();
    expect(after).toMatchObject({
      status: 'converted',
      projectId: project.id,
      assessment: '符合产业方向，建议对接',
    });
    expect((await staff.post(`/api/leads/${lead.id}/convert`, { name: '再转一次' })).statusCode).toBe(409);
    const history = await world.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', lead.id)
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.action)).toEqual(['lead.create', 'lead.respond', 'lead.convert']);
  });
});
