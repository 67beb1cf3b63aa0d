import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSetup, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';
import { officeLedger, toXlsx } from '../test/ledger-files.ts';
import { openSheet } from '../imports/sheet-reader.ts';
import type { Cell } from '@landfall/domain/import/index';

/**
 * The city library across its districts (纵向联动): 四川省 → 宜宾市 → 翠屏区, 南溪区, and 泸州市 →
 * 江阳区 outside 宜宾's subtree. 南溪区 loads 520 projects at go-live (an office ledger), so the
 * library pages past 500; 翠屏区 enters a few by hand, one of them sensitive (涉密).
 */
const YI = 10_000_000_000;
const BULK = 520;
const NOW = '2026-07-10T10:00:00+08:00';

interface Item {
  id: string;
  name: string;
  unitName: string;
  tenantId: string;
  tenantName: string;
  stage: string;
  sensitivity: string;
}
interface Page {
  total: number;
  items: Item[];
  tenants: { id: string; name: string; level: string }[];
}

let world: TestWorld;
const tenant = { yibin: '', cuiping: '', nanxi: '', luzhou: '', jiangyang: '' };
let city: TestClient;
let cuipingCoordinator: TestClient;
let nanxiCoordinator: TestClient;
let sensitiveId = '';

async function buildTree(w: TestWorld, into: typeof tenant) {
  const add = async (parentId: string, name: string, divisionCode: string) => {
    const res = await w.admin.post('/api/tenants', { parentId, name, divisionCode });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  into.yibin = await add(w.tenantId, '宜宾市', '511500');
  into.cuiping = await add(into.yibin, '翠屏区', '511502');
  into.nanxi = await add(into.yibin, '南溪区', '511503');
  into.luzhou = await add(w.tenantId, '泸州市', '510500');
  into.jiangyang = await add(into.luzhou, '江阳区', '510502');
}

async function unitIn(w: TestWorld, tenantId: string, name: string) {
  const res = await w.admin.post('/api/units', { tenantId, name, kind: 'department' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function list(client: TestClient, query: string): Promise<Page> {
  const res = await client.get(`/api/projects?${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
}

/** The project rows of a ledger as the importer's own reader sees them (0-based cells). */
async function ledgerRows(bytes: Buffer) {
  const sheet = await openSheet(bytes, 'xlsx');
  const rows: Cell[][] = [];
  for await (const { row, cells } of sheet.rows)
    if (row > 4 && typeof cells[0] === 'number') rows.push(cells);
  return { projects: rows };
}

async function headerOf(bytes: Buffer) {
  const sheet = await openSheet(bytes, 'xlsx');
  for await (const { row, cells } of sheet.rows) if (row === 3) return cells;
  return [];
}

beforeAll(async () => {
  world = await createWorld(NOW, buildSetup({ tenantName: '四川省', divisionCode: '510000' }));
  await buildTree(world, tenant);
  city = (await buildUser(world, 'coordinator', { tenantId: tenant.yibin })).client;
  cuipingCoordinator = (await buildUser(world, 'coordinator', { tenantId: tenant.cuiping })).client;
  nanxiCoordinator = (await buildUser(world, 'coordinator', { tenantId: tenant.nanxi })).client;
  const cuipingUnit = await unitIn(world, tenant.cuiping, '翠屏区经信局');
  const nanxiUnit = await unitIn(world, tenant.nanxi, '南溪区经信局');

  for (const [name, sensitivity] of [
    ['翠屏示范电池项目', 'normal'],
    ['翠屏涉密示范项目', 'sensitive'],
  ] as const) {
    const p = await buildProject(cuipingCoordinator, {
      name,
      unitId: cuipingUnit,
      sensitivity,
      enteredOn: '2026-01-05',
    });
    await signProject(cuipingCoordinator, p, {
      negotiatingOn: '2026-01-10',
      signedOn: '2026-02-01',
      agreedInvestmentFen: 10 * YI,
    });
    await recordFunds(cuipingCoordinator, p.id, '2026-03-01', 2 * YI);
    if (sensitivity === 'sensitive') sensitiveId = p.id;
  }
  await buildProject(cuipingCoordinator, {
    name: '翠屏示范物流园',
    unitId: cuipingUnit,
    stage: 'negotiating',
    enteredOn: '2026-02-01',
  });
  const tea = await buildProject(nanxiCoordinator, {
    name: '南溪示范茶叶项目',
    unitId: nanxiUnit,
    enteredOn: '2026-01-08',
  });
  await signProject(nanxiCoordinator, tea, {
    negotiatingOn: '2026-01-12',
    signedOn: '2026-03-02',
    agreedInvestmentFen: 3 * YI,
  });
  await recordFunds(nanxiCoordinator, tea.id, '2026-04-01', 1 * YI);

  // 南溪区's go-live: an office ledger of 520 projects in negotiation.
  const file = await toXlsx(
    officeLedger({
      title: '南溪区招商引资项目推进台账',
      metaLine: '填报单位：南溪区投资促进局    截止时间：2026年6月30日    单位：万元',
      sections: [
        {
          title: '一、在谈项目',
          rows: Array.from({ length: BULK }, (_, i) => ({
            name: `南溪在谈项目${String(i + 1).padStart(3, '0')}号`,
            unit: '南溪区经信局',
            agreed: 1000 + i,
          })),
        },
      ],
      total: false,
    }),
  );
  const up = await nanxiCoordinator.upload('/api/imports', '南溪区台账.xlsx', file);
  expect(up.statusCode, up.body.slice(0, 500)).toBe(201);
  const commit = await nanxiCoordinator.post(`/api/imports/${up.json().id}/commit`, {});
  expect(commit.statusCode, commit.body.slice(0, 1000)).toBe(200);
  expect(commit.json().summary.projects.created).toBe(BULK);
}, 120_000);
afterAll(() => world?.close());

describe('the city library across its districts', () => {
  it('lists both districts, each item with its 区县, the sensitive one hidden above the district', async () => {
    const page = await list(city, 'pageSize=50&sort=tenant&order=asc');
    // 翠屏区: 2 (the sensitive one hidden), 南溪区: 1 + 520.
    expect(page.total).toBe(2 + 1 + BULK);
    expect(page.tenants.map((t) => t.name)).toEqual(['宜宾市', '翠屏区', '南溪区']);
    // By 区县 in GB/T 2260 order (翠屏区 511502 before 南溪区 511503).
    expect(page.items.slice(0, 3).map((i) => [i.tenantName, i.tenantId])).toEqual([
      ['翠屏区', tenant.cuiping],
      ['翠屏区', tenant.cuiping],
      ['南溪区', tenant.nanxi],
    ]);
    expect(
      page.items
        .slice(0, 2)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['翠屏示范物流园', '翠屏示范电池项目'].sort());
    expect(page.items.every((i) => i.sensitivity === 'normal')).toBe(true);
    const descending = await list(city, 'pageSize=1&sort=tenant&order=desc');
    expect(descending.items[0]!.tenantName).toBe('南溪区');

    // The district itself lists its sensitive project; the city cannot open it either.
    const own = await list(cuipingCoordinator, 'pageSize=50');
    expect(own.items.map((i) => i.name).sort()).toEqual(
      ['翠屏示范物流园', '翠屏示范电池项目', '翠屏涉密示范项目'].sort(),
    );
    expect(own.tenants.map((t) => t.name)).toEqual(['翠屏区']);
    expect((await city.get(`/api/projects/${sensitiveId}`)).statusCode).toBe(404);
    expect((await cuipingCoordinator.get(`/api/projects/${sensitiveId}`)).statusCode).toBe(200);
  });

  it('narrows to the 区县 asked for, one or several; a tenant outside is not found', async () => {
    const one = await list(city, `tenantId=${tenant.cuiping}&pageSize=50`);
    expect(one.total).toBe(2);
    expect(new Set(one.items.map((i) => [i.tenantName, i.unitName].join(' ')))).toEqual(
      new Set(['翠屏区 翠屏区经信局']),
    );
    // The filter's choices stay the reader's whole scope.
    expect(one.tenants).toHaveLength(3);
    const both = await list(city, `tenantId=${tenant.cuiping}&tenantId=${tenant.nanxi}&pageSize=1`);
    expect(both.total).toBe(2 + 1 + BULK);
    const withOther = await list(city, `tenantId=${tenant.nanxi}&q=${encodeURIComponent('示范')}`);
    expect(withOther.items.map((i) => i.name)).toEqual(['南溪示范茶叶项目']);

    for (const [reader, query] of [
      [city, `tenantId=${tenant.jiangyang}`],
      [city, `tenantId=${tenant.cuiping}&tenantId=${tenant.luzhou}`],
      [cuipingCoordinator, `tenantId=${tenant.nanxi}`],
      [city, 'tenantId=00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await reader.get(`/api/projects?${query}`);
      expect(res.statusCode, query).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const bad = await city.get('/api/projects?tenantId=not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it('pages past 500 to the last page: every project once, the count unchanged', async () => {
    const total = 2 + 1 + BULK;
    const seen = new Set<string>();
    const pages = Math.ceil(total / 100);
    for (let page = 1; page <= pages; page += 1) {
      const p = await list(city, `pageSize=100&page=${page}&sort=name&order=asc`);
      expect(p.total).toBe(total);
      expect(p.items).toHaveLength(page < pages ? 100 : total - 100 * (pages - 1));
      for (const item of p.items) seen.add(item.id);
    }
    expect(seen.size).toBe(total);
    // A kanban column: one stage, paged by 30, its own total.
    const column = await list(city, 'stage=negotiating&pageSize=30&page=18');
    expect(column.total).toBe(BULK + 1);
    expect(column.items).toHaveLength(BULK + 1 - 30 * 17);
    expect(column.items.every((i) => i.stage === 'negotiating')).toBe(true);
    expect((await city.get('/api/projects?pageSize=501')).statusCode).toBe(400);
  });
});

describe('the city ledger export', () => {
  it('has a 区县 column with each row’s district; the district’s own ledger has none', async () => {
    const res = await city.get(`/api/exports/ledger.xlsx?q=${encodeURIComponent('示范')}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const bytes = res.rawPayload;
    const header = await headerOf(bytes);
    expect(header.slice(0, 3)).toEqual(['序号', '区县', '项目名称']);
    const { projects } = await ledgerRows(bytes);
    // Sections by stage (在谈, then 已签约), by 区县 within a section.
    expect(projects.map((cells) => [cells[0], cells[1], cells[2]])).toEqual([
      [1, '翠屏区', '翠屏示范物流园'],
      [2, '翠屏区', '翠屏示范电池项目'],
      [3, '南溪区', '南溪示范茶叶项目'],
    ]);

    // A district's figures are the same in the city's ledger (less the 区县 cell and the 序号).
    const own = await cuipingCoordinator.get(`/api/exports/ledger.xlsx?q=${encodeURIComponent('示范')}`);
    expect((await headerOf(own.rawPayload)).slice(0, 3)).toEqual(['序号', '项目名称', '投资方']);
    const ownRows = (await ledgerRows(own.rawPayload)).projects;
    expect(ownRows.map((cells) => cells[1]).sort()).toEqual(
      ['翠屏示范电池项目', '翠屏涉密示范项目', '翠屏示范物流园'].sort(),
    );
    for (const cells of projects.filter((c) => c[1] === '翠屏区')) {
      const mine = ownRows.find((c) => c[1] === cells[2])!;
      expect(cells.slice(2)).toEqual(mine.slice(1));
    }

    // The 区县 filter narrows the export too; the column stays (the reader's scope spans districts).
    const narrowed = await city.get(
      `/api/exports/ledger.xlsx?tenantId=${tenant.nanxi}&q=${encodeURIComponent('示范')}`,
    );
    expect((await ledgerRows(narrowed.rawPayload)).projects.map((c) => [c[1], c[2]])).toEqual([
      ['南溪区', '南溪示范茶叶项目'],
    ]);
    expect((await city.get(`/api/exports/ledger.xlsx?tenantId=${tenant.jiangyang}`)).statusCode).toBe(404);
  });

  it('sums a district’s sensitive projects into a note above the district, never listing them', async () => {
    const texts = async (bytes: Buffer) => {
      const sheet = await openSheet(bytes, 'xlsx');
      const out: string[] = [];
      for await (const { cells } of sheet.rows) out.push(cells.filter((c) => c !== null).join(' '));
      return out;
    };
    const res = await city.get(`/api/exports/ledger.xlsx?tenantId=${tenant.cuiping}`);
    expect(res.statusCode).toBe(200);
    const lines = await texts(res.rawPayload);
    expect(lines.join('\n')).not.toContain('翠屏涉密示范项目');
    // 10 亿 agreed, 2 亿 in place this year; with the two listed (10 亿 + 0 agreed, 2 亿 in place).
    expect(lines.find((l) => l.startsWith('3. 敏感项目'))).toBe(
      '3. 敏感项目的明细不在上级显示，上表合计不含其金额：翠屏区1个（协议投资额100,000万元，本年到位20,000万元，累计到位20,000万元）。' +
        '含敏感项目在内共计：协议投资额200,000万元，本年到位40,000万元，累计到位40,000万元。',
    );
    // The district lists it itself, with no such note; a name search above the district gives no hint of it.
    const own = await texts((await cuipingCoordinator.get('/api/exports/ledger.xlsx')).rawPayload);
    expect(own.join('\n')).toContain('翠屏涉密示范项目');
    expect(own.some((l) => l.includes('敏感项目的明细'))).toBe(false);
    const searched = await texts(
      (await city.get(`/api/exports/ledger.xlsx?q=${encodeURIComponent('涉密')}`)).rawPayload,
    );
    expect(searched.some((l) => l.includes('敏感项目的明细'))).toBe(false);
  });

  it('re-imports at a city through the roll-up: each row into its district', async () => {
    const res = await city.get(`/api/exports/ledger.xlsx?q=${encodeURIComponent('示范')}`);
    const other = await createWorld(NOW, buildSetup({ tenantName: '四川省', divisionCode: '510000' }));
    try {
      const ids = { ...tenant };
      await buildTree(other, ids);
      const coordinator = (await buildUser(other, 'coordinator', { tenantId: ids.yibin })).client;
      const up = await coordinator.upload('/api/imports', '宜宾市推进台账.xlsx', res.rawPayload);
      expect(up.statusCode, up.body.slice(0, 500)).toBe(201);
      const preview = (await coordinator.post(`/api/imports/${up.json().id}/preview`, {})).json().summary;
      expect(preview.districts.map((d: { name: string; rows: number }) => [d.name, d.rows]).sort()).toEqual([
        ['南溪区', 1],
        ['翠屏区', 2],
      ]);
      const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, { createUnits: true });
      expect(commit.statusCode, commit.body.slice(0, 1000)).toBe(200);
      const page = await list(coordinator, 'pageSize=50&sort=name&order=asc');
      expect(page.items.map((i) => [i.tenantName, i.name, i.stage])).toEqual(
        (await list(city, `pageSize=50&sort=name&order=asc&q=${encodeURIComponent('示范')}`)).items.map(
          (i) => [i.tenantName, i.name, i.stage],
        ),
      );
    } finally {
      await other.close();
    }
  }, 60_000);
});
