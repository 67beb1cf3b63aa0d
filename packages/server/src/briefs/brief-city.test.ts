import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildSetup, buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';

/**
 * A city's meetings with its districts (联合策划, 联合招商) and their brief across the districts: every
 * line names its 区县; the city brief's lines are the union of the districts' own briefs' lines of the same
 * period and its totals their sum; a district's sensitive project is 敏感项目 in the city's brief, its
 * amount counted. A district cannot hold these meetings.
 * 成都市 → 锦江区, 青羊区.
 */
const YI = 10_000_000_000;
let world: TestWorld;
const t = { jinjiang: '', qingyang: '' };
const accounts: { client: TestClient; username: string }[] = [];
let cityCoordinator: TestClient;
let jjCoordinator: TestClient;
let qyCoordinator: TestClient;

async function at(instant: string) {
  world.clock.set(instant);
  for (const a of accounts) await a.client.login(a.username, PASSWORD);
}
async function coordinatorOf(tenantId: string) {
  const user = await buildUser(world, 'coordinator', { tenantId });
  accounts.push(user);
  return user.client;
}

type Line = { text: string; amountFen: number | null; tenantName: string; masked: boolean; type: string };
type Section = { key: string; summary: string; lines: Line[] };
type BriefJson = {
  title: string;
  tenants: { name: string }[];
  period: { from: string; to: string };
  sections: Section[];
};
const section = (b: BriefJson, key: string) => b.sections.find((s) => s.key === key) as Section;
const view = (l: Line) => ({ text: l.text, amountFen: l.amountFen, tenantName: l.tenantName });

beforeAll(async () => {
  world = await createWorld(
    '2026-03-05T09:00:00+08:00',
    buildSetup({ tenantName: '成都市', divisionCode: '510100' }),
  );
  for (const [key, name, code] of [
    ['jinjiang', '锦江区', '510104'],
    ['qingyang', '青羊区', '510105'],
  ] as const) {
    const res = await world.admin.post('/api/tenants', {
      parentId: world.tenantId,
      name,
      divisionCode: code,
    });
    expect(res.statusCode, res.body).toBe(201);
    t[key] = res.json().id;
  }
  const jjUnit = (await buildUnit(world.admin, { tenantId: t.jinjiang, name: '锦江区经信局' })).id;
  const qyUnit = (await buildUnit(world.admin, { tenantId: t.qingyang, name: '青羊区商务局' })).id;
  cityCoordinator = await coordinatorOf(world.tenantId);
  jjCoordinator = await coordinatorOf(t.jinjiang);
  qyCoordinator = await coordinatorOf(t.qingyang);

  // 5 March: activity in each district.
  const signed = async (
    client: TestClient,
    name: string,
    unitId: string,
    agreed: number,
    funds: number,
    sensitivity = 'normal',
  ) => {
    const p = await buildProject(client, { name, unitId, enteredOn: '2026-03-05', sensitivity });
    await signProject(client, p, {
      negotiatingOn: '2026-03-05',
      signedOn: '2026-03-05',
      agreedInvestmentFen: agreed,
    });
    await recordFunds(client, p.id, '2026-03-05', funds);
    return p.id;
  };
  const jjProject = await signed(jjCoordinator, '锦江新能源装备项目', jjUnit, 10 * YI, 2 * YI);
  await signed(jjCoordinator, '锦江涉密项目', jjUnit, 5 * YI, 3 * YI, 'sensitive');
  const qyProject = await signed(qyCoordinator, '青羊文创产业园项目', qyUnit, 4 * YI, 1.5 * YI);
  await buildProject(qyCoordinator, { name: '青羊储备项目', unitId: qyUnit, enteredOn: '2026-03-05' });
  // A matter the city raises down to 锦江区, a matter of 青羊区's own (overdue by the 31st), and an overdue task.
  const down = await cityCoordinator.post('/api/matters/raise-down', {
    tenantId: t.jinjiang,
    projectId: jjProject,
    title: '市级统筹用地指标',
    blockerKind: 'land',
    deadline: '2026-04-15',
  });
  expect(down.statusCode, down.body).toBe(201);
  const own = await qyCoordinator.post('/api/matters', {
    projectId: qyProject,
    title: '园区道路接驳',
    blockerKind: 'road',
    deadline: '2026-03-10',
  });
  expect(own.statusCode, own.body).toBe(201);
  const weekly = (await qyCoordinator.post('/api/meetings', { kind: 'weekly', heldOn: '2026-03-05' })).json();
  const decided = await qyCoordinator.post(`/api/meetings/${weekly.id}/decisions`, {
    text: '加快推进',
    tasks: [{ unitId: qyUnit, content: '报送项目用地方案', deadline: '2026-03-10' }],
  });
  expect(decided.statusCode, decided.body).toBe(201);
  await at('2026-03-31T09:00:00+08:00');
});
afterAll(async () => world?.close());

describe('a city’s meetings with its districts (联合策划, 联合招商)', () => {
  it('are not a district’s: 400 with the reason; the city holds them', async () => {
    const refused = await qyCoordinator.post('/api/meetings', {
      kind: 'joint_promotion',
      heldOn: '2026-03-31',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({
      path: ['kind'],
      message: '联合策划、联合招商会议由市级（省级）与所辖区县共同召开，区县不能创建',
    });
    const planning = await cityCoordinator.post('/api/meetings', {
      kind: 'joint_planning',
      heldOn: '2026-03-31',
    });
    expect(planning.statusCode, planning.body).toBe(201);
    expect(planning.json()).toMatchObject({ kind: 'joint_planning', title: '联合策划会' });
    // Its agenda follows up what the city raised down.
    expect(planning.json().agenda.map((a: { title: string }) => a.title)).toEqual([
      '通报各区县项目推进情况（见简报）',
      '【下达事项】锦江区：市级统筹用地指标',
    ]);
  });

  it('have a brief across the districts: the union of their briefs’ lines, their totals summed', async () => {
    const meeting = await cityCoordinator.post('/api/meetings', {
      kind: 'joint_promotion',
      heldOn: '2026-03-31',
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const res = await cityCoordinator.get(`/api/meetings/${meeting.json().id}/brief`);
    expect(res.statusCode, res.body).toBe(200);
    const cityBrief = res.json() as BriefJson;
    expect(cityBrief.title).toBe('成都市招商引资联合招商简报');
    expect(cityBrief.tenants.map((x) => x.name)).toEqual(['成都市', '锦江区', '青羊区']);
    expect(cityBrief.period).toMatchObject({ from: '2026-03-02', to: '2026-03-31' });
    // The same through GET /api/briefs on the city's own tenant.
    const byKind = await cityCoordinator.get('/api/briefs?kind=joint_promotion&date=2026-03-31');
    expect(byKind.json().sections).toEqual(cityBrief.sections);

    // The districts' own briefs of the same period (每月情况会商: 30 days, as the city's kinds).
    const jj = (await jjCoordinator.get('/api/briefs?kind=monthly&date=2026-03-31')).json() as BriefJson;
    const qy = (await qyCoordinator.get('/api/briefs?kind=monthly&date=2026-03-31')).json() as BriefJson;
    expect(jj.period).toEqual(cityBrief.period);

    // Hand-checked: funds 2 + 3 (the sensitive project, unnamed) + 1.5 亿.
    const funds = section(cityBrief, 'funds');
    expect(funds.summary).toBe('本期到位资金 6.50 亿元，涉及项目3个。');
    expect(funds.lines.map(view)).toEqual(
      expect.arrayContaining([
        {
          text: '锦江新能源装备项目（锦江区经信局）：到位资金 2.00 亿元（1笔）',
          amountFen: 2 * YI,
          tenantName: '锦江区',
        },
        { text: '敏感项目（锦江区）：到位资金 3.00 亿元（1笔）', amountFen: 3 * YI, tenantName: '锦江区' },
        {
          text: '青羊文创产业园项目（青羊区商务局）：到位资金 1.50 亿元（1笔）',
          amountFen: 1.5 * YI,
          tenantName: '青羊区',
        },
      ]),
    );
    expect(funds.lines).toHaveLength(3);
    expect(section(jj, 'funds').summary).toBe('本期到位资金 5.00 亿元，涉及项目2个。');
    expect(section(qy, 'funds').summary).toBe('本期到位资金 1.50 亿元，涉及项目1个。');
    expect(section(cityBrief, 'newLeadsAndProjects').summary).toBe('新增招商信息0条、项目4个。');
    expect(section(cityBrief, 'stageMoves').summary).toBe('项目阶段变化6次。');
    expect(section(cityBrief, 'stale').lines).toHaveLength(4);
    expect(
      section(cityBrief, 'mattersOpened')
        .lines.map((l) => l.tenantName)
        .sort(),
    ).toEqual(['青羊区', '锦江区'].sort());
    expect(section(cityBrief, 'mattersOverdue').lines.map(view)).toEqual([
      {
        text: '园区道路接驳（责任单位）：青羊区商务局办理，时限 2026-03-10，逾期21天',
        amountFen: null,
        tenantName: '青羊区',
      },
    ]);
    expect(section(cityBrief, 'tasksOverdue').lines.map(view)).toEqual([
      {
        text: '青羊区商务局：报送项目用地方案（2026-03-05每周业务通气交办，时限 2026-03-10，逾期21天）',
        amountFen: null,
        tenantName: '青羊区',
      },
    ]);

    // Every section: the city's lines = the union of the districts' lines (a sensitive project unnamed),
    // amounts summed.
    const unnamed = (l: Line) => ({
      ...view(l),
      text: l.text
        .replace(/^锦江涉密项目（锦江区经信局）/, '敏感项目（锦江区）')
        .replace(/^【项目】锦江涉密项目（锦江区经信局，/, '【项目】敏感项目（锦江区，'),
    });
    const sortByText = <T extends { text: string }>(xs: T[]) =>
      [...xs].sort((a, b) => a.text.localeCompare(b.text));
    for (const s of cityBrief.sections) {
      const districts = [...section(jj, s.key).lines, ...section(qy, s.key).lines].map(unnamed);
      expect(sortByText(s.lines.map(view)), s.key).toEqual(sortByText(districts));
      const sum = (ls: Line[]) => ls.reduce((n, l) => n + (l.amountFen ?? 0), 0);
      expect(sum(s.lines), s.key).toBe(sum(section(jj, s.key).lines) + sum(section(qy, s.key).lines));
    }
    // The sensitive project: named in its district's brief, nowhere in the city's.
    expect(JSON.stringify(jj)).toContain('锦江涉密项目');
    expect(JSON.stringify(cityBrief)).not.toContain('锦江涉密项目');
    const masked = cityBrief.sections.flatMap((s) => s.lines).filter((l) => l.masked);
    expect(masked.map((l) => l.type)).toEqual(['project', 'project', 'project', 'project', 'project']);
  });

  it('comes out of the .docx with 【区县】 prefixes and of the .xlsx with a 区县 column', async () => {
    const docx = await cityCoordinator.get('/api/briefs?kind=joint_promotion&date=2026-03-31&format=docx');
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('【青羊区】青羊文创产业园项目（青羊区商务局）：到位资金 1.50 亿元（1笔）');
    expect(xml).toContain('【锦江区】敏感项目（锦江区）：到位资金 3.00 亿元（1笔）');

    const xlsx = await cityCoordinator.get('/api/briefs?kind=joint_promotion&date=2026-03-31&format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('简报')!;
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      '部分',
      '序号',
      '区县',
      '内容',
      '日期',
      '金额（万元）',
      '记录类型',
      '记录编号',
    ]);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(
      expect.arrayContaining([
        '青羊区',
        '青羊文创产业园项目（青羊区商务局）：到位资金 1.50 亿元（1笔）',
        15_000,
      ]),
    );
    // A district's own workbook keeps its columns.
    const own = await jjCoordinator.get('/api/briefs?kind=monthly&date=2026-03-31&format=xlsx');
    const ownBook = new ExcelJS.Workbook();
    await ownBook.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    expect(ownBook.getWorksheet('简报')!.getRow(4).getCell(3).value).toBe('内容');
  });
});
