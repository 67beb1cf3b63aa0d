import ExcelJS from 'exceljs';
// jszip comes with exceljs (its dependency); it reads the .docx back as Word would unzip it.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCreditCode } from '@landfall/domain/credit-code';
import { buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildLead, buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';
import { independentBrief } from '../test/brief-sql.ts';

/**
 * A district's fortnight, written out below with the fake clock (what happened, and when it was
 * recorded). The weekly brief of Friday 13 March covers (6 March, 13 March]: it is checked line by
 * line against the story, against an independent computation over the raw tables, then
 * regenerated a week later — after renames, late entries for the period, a backdated meeting and
 * more — and must come out identical, as must the text of its .docx.
 */
const YI = 10_000_000_000;
let world: TestWorld;
let coordinator: TestClient;
let leader: TestClient;
let staffA: TestClient;
let staffB: TestClient;
const accounts: { client: TestClient; username: string }[] = [];
const unit = { A: '', B: '' };
const ids = {} as Record<
  'convener' | 'P1' | 'P2' | 'P3' | 'L1' | 'L2' | 'L3' | 'M1' | 'M2' | 'J' | 'X',
  string
>;

async function at(instant: string) {
  world.clock.set(instant);
  for (const a of accounts) await a.client.login(a.username, PASSWORD);
  await world.admin.login('admin', PASSWORD);
}
async function account(role: 'coordinator' | 'leader' | 'unit_staff', unitId?: string) {
  const user = await buildUser(world, role, unitId ? { unitId } : {});
  accounts.push(user);
  return user.client;
}
async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as Record<string, unknown> & { id: string; version: number };
}
async function docxText(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter(Boolean);
}

let brief: {
  title: string;
  issueNumber: string;
  period: { from: string; to: string; previousMeetingId: string | null };
  meetingId: string | null;
  sections: {
    key: string;
    heading: string;
    summary: string;
    lines: { type: string; id: string; text: string; amountFen: number | null; late: boolean }[];
  }[];
};
let docx: string[];
const section = (key: string) => brief.sections.find((s) => s.key === key) as (typeof brief.sections)[number];

beforeAll(async () => {
  world = await createWorld('2026-03-02T09:00:00+08:00');
  const groups = (await world.admin.get('/api/groups')).json();
  const groupNew = groups.find((g: { kind: string }) => g.kind === 'new_projects').id;
  unit.A = (await buildUnit(world.admin, { name: '区经济信息委', groupId: groupNew })).id;
  unit.B = (await buildUnit(world.admin, { name: '经开区管委会', kind: 'zone' })).id;
  coordinator = await account('coordinator');
  leader = await account('leader');
  staffA = await account('unit_staff', unit.A);
  staffB = await account('unit_staff', unit.B);
  ids.convener = (await world.admin.post('/api/conveners', { name: '王副区长', title: '召集人' })).json().id;

  // The year's target: 100 亿 of funds, A 60 and B 40.
  const plan = await ok(
    coordinator.post('/api/targets', { year: 2026, metric: 'funds_in_place', total: 100 * YI }),
    201,
  );
  const draft = await ok(
    coordinator.put(`/api/targets/${plan.id}/draft`, {
      total: 100 * YI,
      groups: [{ groupId: groupNew, amount: 60 * YI }],
      units: [
        { unitId: unit.A, groupId: groupNew, amount: 60 * YI },
        { unitId: unit.B, groupId: null, amount: 40 * YI },
      ],
      version: plan.version,
    }),
  );
  await ok(coordinator.post(`/api/targets/${plan.id}/finalize`, { version: draft.version }));

  // Monday 2 March: P1 entered late (dated 20 Feb) and signed on 25 Feb; lead L1; the first weekly meeting set for 6 March.
  const p1 = await buildProject(staffA, { name: '某新能源汽车零部件项目', enteredOn: '2026-02-20' });
  ids.P1 = (
    await signProject(staffA, p1, {
      negotiatingOn: '2026-02-22',
      signedOn: '2026-02-25',
      agreedInvestmentFen: 50 * YI,
    })
  ).id;
  ids.L1 = (await buildLead(staffA, { title: '某照明集团扩产意向', reportedOn: '2026-03-02' })).id;
  ids.M1 = (await ok(coordinator.post('/api/meetings', { kind: 'weekly', heldOn: '2026-03-06' }), 201)).id;

  // Monday 9 March.
  await at('2026-03-09T10:00:00+08:00');
  ids.L2 = (
    await buildLead(staffB, {
      title: '某材料公司新建基地',
      reportedOn: '2026-03-09',
      estimatedAmountFen: 3 * YI,
    })
  ).id;
  ids.L3 = (await buildLead(staffA, { title: '某医药企业来访', reportedOn: '2026-03-05' })).id; // 补录
  ids.P2 = (await buildProject(staffB, { name: '某智能装备产业园', enteredOn: '2026-03-09' })).id;
  await recordFunds(staffA, ids.P1, '2026-03-09', 2 * YI);
  await recordFunds(staffA, ids.P1, '2026-03-04', 1 * YI); // 补录
  const p1now = (await staffA.get(`/api/projects/${ids.P1}`)).json().project;
  await ok(
    staffA.post(`/api/projects/${ids.P1}/stage`, {
      to: 'settled',
      evidence: {
        date: '2026-03-09',
        registeredOn: '2026-03-09',
        localCreditCode: buildCreditCode({
          authority: '9',
          entityType: '1',
          divisionCode: '500101',
          organisationBody: '20260309',
        }),
      },
      version: p1now.version,
    }),
  );
  const x = await ok(
    staffA.post('/api/matters', {
      projectId: ids.P1,
      ownerUnitId: unit.B,
      title: '项目用地报征',
      blockerKind: 'land',
      blocksStage: 'construction',
      deadline: '2026-03-11',
    }),
    201,
  );
  ids.X = x.id;
  const x1 = await ok(
    staffA.post(`/api/matters/${ids.X}/escalate`, { reason: '需国土部门协调', version: x.version }),
  );

  // Thursday 12 March: the coordinator takes X to the joint meeting; P3 entered late and left untouched (stale).
  await at('2026-03-12T10:00:00+08:00');
  await ok(
    coordinator.post(`/api/matters/${ids.X}/escalate`, {
      reason: '涉及土地指标，报请联席会议',
      version: x1.version,
    }),
  );
  ids.P3 = (await buildProject(staffA, { name: '某光电材料项目', enteredOn: '2026-02-01' })).id;
  ids.J = (
    await ok(
      coordinator.post('/api/meetings', { kind: 'joint', heldOn: '2026-03-16', convenerId: ids.convener }),
      201,
    )
  ).id;

  // Friday 13 March, evening: the weekly meeting and its brief.
  await at('2026-03-13T18:00:00+08:00');
  ids.M2 = (await ok(coordinator.post('/api/meetings', { kind: 'weekly', heldOn: '2026-03-13' }), 201)).id;
  brief = (await coordinator.get(`/api/meetings/${ids.M2}/brief`)).json();
  const file = await coordinator.get(`/api/meetings/${ids.M2}/brief?format=docx`);
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toContain('wordprocessingml');
  expect(file.headers['content-disposition']).toContain("filename*=UTF-8''");
  docx = await docxText(file.rawPayload);
}, 180_000);
afterAll(async () => world?.close());

describe('the weekly brief of 13 March', () => {
  it('carries the official title, issue number and period', () => {
    expect(brief).toMatchObject({
      title: '万州区招商引资每周业务通气简报',
      issueNumber: '〔2026〕第2期',
      period: { from: '2026-03-07', to: '2026-03-13', previousMeetingId: ids.M1 },
      meetingId: ids.M2,
    });
    expect(brief.sections.map((s) => s.heading)).toEqual([
      '一、新增招商信息和项目',
      '二、项目推进阶段变化',
      '三、到位资金情况',
      '四、超过7天未更新台账的项目',
      '五、目标任务进度滞后的责任单位',
      '六、新提出的协调事项',
      '七、上报的协调事项',
      '八、逾期未办结的协调事项',
      '九、逾期未办结的交办事项',
    ]);
  });

  it('lists what happened in the period, late entries once, each line linked to its record', () => {
    expect(section('newLeadsAndProjects').lines.map((l) => [l.type, l.id, l.late])).toEqual([
      ['lead', ids.L3, true],
      ['lead', ids.L2, false],
      ['project', ids.P3, true],
      ['project', ids.P2, false],
    ]);
    expect(section('newLeadsAndProjects').lines[1]?.text).toBe(
      '【招商信息】某材料公司新建基地（经开区管委会报送，2026-03-09，预计投资 3.00 亿元）',
    );
    expect(section('newLeadsAndProjects').summary).toBe('新增招商信息2条、项目2个。');
    expect(section('stageMoves').lines.map((l) => l.text)).toEqual([
      '某新能源汽车零部件项目（区经济信息委）：签约 → 落地（2026-03-09）',
    ]);
    expect(section('funds').lines).toEqual([
      expect.objectContaining({
        type: 'project',
        id: ids.P1,
        amountFen: 3 * YI,
        late: true,
        text: '某新能源汽车零部件项目（区经济信息委）：到位资金 3.00 亿元（2笔）（含补录）',
      }),
    ]);
    expect(section('funds').summary).toBe('本期到位资金 3.00 亿元，涉及项目1个。');
    expect(section('stale').lines.map((l) => [l.id, l.text])).toEqual([
      [ids.P3, '某光电材料项目（区经济信息委）：最近一次台账记录 2026-02-01，已40天未更新'],
    ]);
    // Both units are behind the time progress of 2/12 (A: 3 of 60 亿, B: nothing of 40 亿), B the most.
    expect(section('behindPace').lines.map((l) => [l.type, l.id])).toEqual([
      ['unit', unit.B],
      ['unit', unit.A],
    ]);
    expect(section('behindPace').lines[1]?.text).toMatch(
      /^区经济信息委：到位资金 3.00 亿元，目标 60.00 亿元，完成 5.00%/,
    );
    expect(section('mattersOpened').lines.map((l) => [l.type, l.id])).toEqual([['matter', ids.X]]);
    expect(section('mattersEscalated').lines.map((l) => l.text)).toEqual([
      expect.stringMatching(
        /^项目用地报征：由责任单位上报综合协调组（u_unit_staff_\d+，2026-03-09）：需国土部门协调$/,
      ),
      expect.stringMatching(
        /^项目用地报征：由综合协调组上报联席会议（u_coordinator_\d+，2026-03-12）：涉及土地指标，报请联席会议$/,
      ),
    ]);
    expect(section('mattersOverdue').lines.map((l) => l.text)).toEqual([
      '项目用地报征（联席会议）：经开区管委会办理，时限 2026-03-11，逾期2天',
    ]);
    expect(section('tasksOverdue').lines).toEqual([]);
    expect(section('tasksOverdue').summary).toBe('无逾期未办结的交办事项。');
  });

  it('equals an independent computation over the raw tables', async () => {
    const expected = await independentBrief(world.database.db, {
      tenantId: world.tenantId,
      after: '2026-03-06',
      through: '2026-03-13',
    });
    const idsOf = (key: string) =>
      section(key)
        .lines.map((l) => l.id)
        .sort();
    expect(idsOf('newLeadsAndProjects')).toEqual([...expected.leads, ...expected.projects].sort());
    expect(
      section('stageMoves')
        .lines.map((l) => l.id)
        .sort(),
    ).toEqual(expected.stageMoves.sort());
    expect(Object.fromEntries(section('funds').lines.map((l) => [l.id, l.amountFen]))).toEqual(
      expected.funds,
    );
    expect(idsOf('stale')).toEqual(expected.stale.sort());
    expect(idsOf('mattersOpened')).toEqual(expected.mattersOpened.sort());
    expect(idsOf('mattersEscalated')).toEqual(expected.escalated.sort());
    expect(idsOf('mattersOverdue')).toEqual(expected.overdue.sort());
    expect(idsOf('behindPace')).toEqual(expected.behindPace.sort());
  });

  it('comes out of the .docx with its title, issue line, numbered sections and lines', () => {
    expect(docx[0]).toBe('万州区招商引资每周业务通气简报');
    expect(docx[1]).toBe('〔2026〕第2期');
    expect(docx[2]).toBe('万州区工业招商引资联席会议综合协调组　　2026年3月13日');
    for (const s of brief.sections) expect(docx).toContain(s.heading);
    expect(docx).toContain('1．某新能源汽车零部件项目（区经济信息委）：签约 → 落地（2026-03-09）');
    expect(docx).toContain('本期到位资金 3.00 亿元，涉及项目1个。');
  });

  it('opens as a workbook with the title and every line', async () => {
    const res = await coordinator.get(`/api/briefs?kind=weekly&date=2026-03-13&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('简报');
    expect(sheet?.getCell('A1').value).toBe('万州区招商引资每周业务通气简报');
    const texts: string[] = [];
    sheet?.eachRow((row) => texts.push(String(row.getCell(3).value ?? '')));
    for (const line of brief.sections.flatMap((s) => s.lines)) expect(texts).toContain(line.text);
  });

  it('is the same brief when asked by kind and date, and only for those who may read it', async () => {
    const byDate = (await leader.get('/api/briefs?kind=weekly&date=2026-03-13')).json();
    expect(byDate).toEqual(brief);
    expect((await staffA.get('/api/briefs?kind=weekly&date=2026-03-13')).statusCode).toBe(403);
    expect((await staffA.get(`/api/meetings/${ids.M2}/brief`)).statusCode).toBe(403);
    const bad = await coordinator.get('/api/briefs?kind=yearly&date=2026-02-30');
    expect(bad.statusCode).toBe(400);
  });

  it('gives the joint meeting the escalated matters for decision', async () => {
    await at('2026-03-16T09:00:00+08:00');
    const joint = (await leader.get(`/api/meetings/${ids.J}/brief`)).json();
    expect(joint.title).toBe('万州区招商引资联席会议简报');
    expect(joint.issueNumber).toBe('〔2026〕第1期');
    expect(joint.period).toMatchObject({ from: '2026-02-15', to: '2026-03-16', previousMeetingId: null });
    expect(joint.sections[0]).toMatchObject({
      key: 'forDecision',
      heading: '一、提请联席会议研究的重大问题',
    });
    expect(joint.sections[0].lines).toEqual([
      expect.objectContaining({
        type: 'matter',
        id: ids.X,
        text: expect.stringContaining('上报理由：涉及土地指标，报请联席会议'),
      }),
    ]);
  });

  it('regenerates identically a week later, whatever happened since', async () => {
    // Saturday 14 March to Friday 20 March: renames, entries dated inside the period but recorded
    // after it, a resolution, a meeting recorded late for 10 March, new leads and funds.
    await at('2026-03-14T10:00:00+08:00');
    const lead = (await staffB.get(`/api/leads/${ids.L2}`)).json();
    await ok(
      staffB.put(`/api/leads/${ids.L2}`, {
        title: '更名后的线索',
        estimatedAmountFen: 9 * YI,
        version: lead.version,
      }),
    );
    const p1 = (await staffA.get(`/api/projects/${ids.P1}`)).json().project;
    await ok(staffA.put(`/api/projects/${ids.P1}`, { name: '更名后的项目', version: p1.version }));
    const unitB = (await world.admin.get('/api/units')).json().find((u: { id: string }) => u.id === unit.B);
    await ok(
      world.admin.put(`/api/units/${unit.B}`, {
        name: '经开区管委会（更名）',
        kind: 'zone',
        groupId: null,
        active: true,
        version: unitB.version,
      }),
    );
    await recordFunds(staffA, ids.P1, '2026-03-12', 5 * YI);
    await ok(staffA.post(`/api/projects/${ids.P3}/progress`, { date: '2026-03-11', current: '补记' }), 201);
    await buildLead(staffA, { title: '期间内补报的线索', reportedOn: '2026-03-10' });
    await ok(coordinator.post('/api/meetings', { kind: 'weekly', heldOn: '2026-03-10' }), 201);
    const xNow = (await coordinator.get(`/api/matters/${ids.X}`)).json();
    await ok(
      coordinator.post(`/api/matters/${ids.X}/resolve`, { result: '已落实用地指标', version: xNow.version }),
    );

    await at('2026-03-20T09:00:00+08:00');
    const again = (await coordinator.get(`/api/meetings/${ids.M2}/brief`)).json();
    expect(again).toEqual(brief);
    const file = await coordinator.get(`/api/briefs?kind=weekly&date=2026-03-13&format=docx`);
    expect(await docxText(file.rawPayload)).toEqual(docx);
    // The next brief picks up what was recorded late for the period (补录), once.
    const next = (await coordinator.get('/api/briefs?kind=weekly&date=2026-03-20')).json();
    expect(next.period).toMatchObject({ from: '2026-03-14', to: '2026-03-20', previousMeetingId: ids.M2 });
    const funds = next.sections.find((s: { key: string }) => s.key === 'funds');
    expect(funds.lines).toEqual([expect.objectContaining({ id: ids.P1, amountFen: 5 * YI, late: true })]);
    expect(funds.lines[0].text).toContain('更名后的项目');
  });
});
