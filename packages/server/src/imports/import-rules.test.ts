import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { creditCode, officeLedger, toXlsx, type OfficeRow } from '../test/ledger-files.ts';
import { pdfBytes } from '../test/library-fixtures.ts';

/**
 * Imported rows obey the tenant's rules: an expansion (增资/扩产/二期) grows its investor's project
 * instead of becoming a second one; with 报送审核 on, imported projects wait for review; a project
 * imported at a stage without that stage's evidence is marked 待补证据 until someone records it.
 */
const WAN = 1_000_000;

async function importSheet(
  client: TestClient,
  sections: { title: string; rows: OfficeRow[] }[],
  cutOff = '2017年9月30日',
) {
  const file = await toXlsx(
    officeLedger({ sections, metaLine: `填报单位：万州区投资促进局 截止时间：${cutOff} 单位：万元` }),
  );
  const up = await client.upload('/api/imports', `台账${cutOff}.xlsx`, file);
  expect(up.statusCode, up.body).toBe(201);
  const preview = await client.post(`/api/imports/${up.json().id}/preview`, {});
  expect(preview.statusCode, preview.body).toBe(200);
  const commit = await client.post(`/api/imports/${up.json().id}/commit`, { createUnits: true });
  expect(commit.statusCode, commit.body).toBe(200);
  return { preview: preview.json().summary, summary: commit.json().summary };
}

async function library(client: TestClient) {
  const res = await client.get('/api/projects?pageSize=100');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    total: number;
    items: { id: string; name: string; agreedInvestmentFen: number; evidenceMissing: string[] }[];
  };
}

const park: OfficeRow = {
  name: '智能终端产业园',
  investor: '深圳华科智能有限公司',
  code: creditCode(3, '440305'),
  place: '深圳',
  unit: '经信委',
  agreed: 200000,
  fixed: 150000,
  cumulative: 8000,
  signed: '2017-03-15',
};

describe('增资扩产: an expansion row grows its investor’s project', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  beforeAll(async () => {
    world = await createWorld('2026-03-02T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
  });
  afterAll(() => world.close());

  it('adds the increment to the agreed investment and the funds, once, and counts one project', async () => {
    await importSheet(coordinator, [{ title: '二、已签约项目', rows: [park] }]);
    const expansion: OfficeRow = {
      ...park,
      name: '智能终端产业园二期',
      agreed: 50000,
      fixed: 30000,
      month: 200,
      cumulative: 1000,
      signed: '2017-10-10',
    };
    const second = await importSheet(
      coordinator,
      [{ title: '二、已签约项目', rows: [park, expansion] }],
      '2017年10月31日',
    );
    const item = second.preview.items.find((i: { name: string }) => i.name === '智能终端产业园二期');
    expect(item).toMatchObject({ outcome: 'changed' });
    expect(item.changes).toContain('增资扩产：并入「智能终端产业园」');
    expect(second.summary.projects).toMatchObject({ created: 0 });

    const lib = await library(coordinator);
    expect(lib.items.map((p) => p.name)).toEqual(['智能终端产业园']);
    const project = lib.items[0]!;
    expect(project.agreedInvestmentFen).toBe(250000 * WAN);
    const detail = (await coordinator.get(`/api/projects/${project.id}`)).json();
    expect(detail.project).toMatchObject({ fixedAssetFen: 180000 * WAN, fundsInPlaceFen: 9000 * WAN });
    const expansionEntry = detail.entries.find(
      (e: { kind: string; payload: { expansion?: unknown } }) =>
        e.kind === 'field_change' && e.payload.expansion,
    );
    expect(expansionEntry).toMatchObject({ effectiveOn: '2017-10-31' });
    const stats = (await coordinator.get('/api/stats?asOf=2017-10-31')).json();
    expect(stats).toMatchObject({ projects: 1, agreedInvestmentWan: 250000, fundsInPlaceWan: 9000 });

    // The next month's sheet names the expansion again with the same figures: nothing is added twice.
    const third = await importSheet(
      coordinator,
      [{ title: '二、已签约项目', rows: [park, { ...expansion, month: 0 }] }],
      '2017年11月30日',
    );
    expect(third.summary.items.find((i: { name: string }) => i.name === '智能终端产业园二期')).toMatchObject({
      outcome: 'unchanged',
      changes: ['增资扩产：并入「智能终端产业园」'],
    });
    const after = (await library(coordinator)).items[0]!;
    expect(after.agreedInvestmentFen).toBe(250000 * WAN);
    expect((await coordinator.get(`/api/projects/${after.id}`)).json().project.fundsInPlaceFen).toBe(
      9000 * WAN,
    );
  });

  it('is a new project, with a warning naming them, when several projects share the investor', async () => {
    const code = creditCode(7, '500112');
    const base = { investor: '重庆康源药业有限公司', code, place: '重庆市渝北区', unit: '农委' };
    await importSheet(
      coordinator,
      [
        {
          title: '二、已签约项目',
          rows: [
            { ...base, name: '中药材精深加工项目', agreed: 30000, signed: '2017-05-01' },
            { ...base, name: '中药饮片项目', agreed: 10000, signed: '2017-06-01' },
          ],
        },
      ],
      '2017年12月31日',
    );
    const { summary } = await importSheet(
      coordinator,
      [
        {
          title: '二、已签约项目',
          rows: [{ ...base, name: '康源药业扩产项目', agreed: 5000, signed: '2018-01-05' }],
        },
      ],
      '2018年1月31日',
    );
    expect(summary.projects).toMatchObject({ created: 1 });
    const warning = summary.warnings.find((w: { message: string }) => w.message.startsWith('增资扩产'));
    expect(warning.message).toContain('「中药材精深加工项目」');
    expect(warning.message).toContain('「中药饮片项目」');
    expect(warning.message).toContain('按新项目导入');
    expect((await library(coordinator)).items.map((p) => p.name)).toContain('康源药业扩产项目');
  });
});

describe('报送审核: imported projects wait for review when the tenant asks for it', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  beforeAll(async () => {
    world = await createWorld('2026-03-02T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
  });
  afterAll(() => world.close());

  it('keeps them out of the library and stats until approved', async () => {
    const on = await coordinator.put('/api/review/settings', { unitSubmissions: true, version: 0 });
    expect(on.statusCode, on.body).toBe(200);
    const { summary } = await importSheet(coordinator, [
      {
        title: '二、已签约项目',
        rows: [park, { ...park, name: '冷链物流园项目', code: creditCode(2, '310115') }],
      },
    ]);
    expect(summary.projects).toMatchObject({ created: 2, pendingReview: 2 });
    expect((await library(coordinator)).total).toBe(0);
    expect((await coordinator.get('/api/stats?asOf=2017-09-30')).json().projects).toBe(0);

    const queue = (await coordinator.get('/api/review/submissions')).json().projects as {
      id: string;
      name: string;
    }[];
    expect(queue.map((p) => p.name).sort()).toEqual(['冷链物流园项目', '智能终端产业园']);
    const approved = await coordinator.post(`/api/projects/${queue[0]!.id}/review`, { decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await library(coordinator)).items.map((p) => p.id)).toEqual([queue[0]!.id]);
    expect((await coordinator.get('/api/stats?asOf=2017-09-30')).json().projects).toBe(1);
  });
});

describe('待补证据: a stage reached without its evidence', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    world = await createWorld('2026-03-02T09:00:00+08:00');
    coordinator = (await buildUser(world, 'coordinator')).client;
  });
  afterAll(() => world.close());

  const funnel = async () => {
    const res = await coordinator.get('/api/dashboard?year=2017&asOf=2017-12-31');
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(
      (res.json().funnel as { stage: string; projects: number; evidencePending: number }[]).map((f) => [
        f.stage,
        [f.projects, f.evidencePending],
      ]),
    );
  };

  it('imports the project, marked with what is missing, shown in the library and counted apart', async () => {
    const { summary } = await importSheet(coordinator, [
      {
        title: '一、在谈项目',
        rows: [{ name: '在谈项目', code: creditCode(11), investor: '甲公司', unit: '商务局' }],
      },
      {
        title: '二、已签约项目',
        rows: [
          {
            name: '签约无金额项目',
            code: creditCode(12),
            investor: '乙公司',
            unit: '商务局',
            signed: '2017-05-01',
          },
        ],
      },
      {
        title: '三、开工建设项目',
        rows: [
          {
            name: '开工无日期项目',
            code: creditCode(13),
            investor: '丙公司',
            unit: '商务局',
            agreed: 1000,
            signed: '2017-02-01',
          },
        ],
      },
    ]);
    expect(summary.evidencePending.count).toBe(2);
    expect(summary.evidencePending.items).toContainEqual(
      expect.objectContaining({
        name: '开工无日期项目',
        stage: 'construction',
        message: '待补证据：协议类型、注册登记日期、本地注册主体统一社会信用代码、实际开工日期',
      }),
    );
    expect(summary.warnings.filter((w: { message: string }) => w.message.includes('待补证据'))).toEqual([]);

    const lib = await library(coordinator);
    const by = Object.fromEntries(lib.items.map((p) => [p.name, p]));
    for (const p of lib.items) ids[p.name] = p.id;
    expect(by['在谈项目']!.evidenceMissing).toEqual([]);
    expect(by['签约无金额项目']!.evidenceMissing).toEqual(['agreementKind', 'agreedInvestment']);
    expect(by['开工无日期项目']!.evidenceMissing).toEqual([
      'agreementKind',
      'registeredOn',
      'localCreditCode',
      'actualStartOn',
    ]);
    const page = (await coordinator.get(`/api/projects/${ids['开工无日期项目']}`)).json();
    expect(page.project.evidenceMissing).toContain('actualStartOn');
    expect(await funnel()).toMatchObject({
      negotiating: [1, 0],
      signed: [1, 1],
      construction: [1, 1],
    });
  });

  it('clears what someone records: 补录证据, and a stage move', async () => {
    const id = ids['开工无日期项目']!;
    const version = (await coordinator.get(`/api/projects/${id}`)).json().project.version;
    const future = await coordinator.post(`/api/projects/${id}/evidence`, {
      version,
      actualStartOn: '2026-05-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({
      path: ['actualStartOn'],
      message: '日期不能晚于今天',
    });
    const notMissing = await coordinator.post(`/api/projects/${id}/evidence`, {
      version,
      productionOn: '2017-09-01',
    });
    expect(notMissing.statusCode).toBe(400);
    expect(notMissing.json().error.fields[0].message).toContain('无需补录');

    // Dates as a typed move takes them: within the supported range (not year 1), not before the project
    // entered the library.
    const yearOne = await coordinator.post(`/api/projects/${id}/evidence`, {
      version,
      actualStartOn: '0001-01-01',
    });
    expect(yearOne.statusCode).toBe(400);
    expect(yearOne.json().error.fields[0].message).toBe('日期应在 1949-10-01 至 2099-12-31 之间');
    const beforeEntry = await coordinator.post(`/api/projects/${id}/evidence`, {
      version,
      actualStartOn: '1950-01-01',
    });
    expect(beforeEntry.statusCode).toBe(400);
    expect(beforeEntry.json().error.fields[0].message).toMatch(/^实际开工日期不能早于项目入库日期 /);
    const part = await coordinator.post(`/api/projects/${id}/evidence`, {
      version,
      actualStartOn: '2017-04-18',
    });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({ actualStartOn: '2017-04-18' });
    expect(part.json().evidenceMissing).toEqual(['agreementKind', 'registeredOn', 'localCreditCode']);
    expect((await funnel()).construction).toEqual([1, 1]);
    const done = await coordinator.post(`/api/projects/${id}/evidence`, {
      version: part.json().version,
      agreementKind: 'formal',
      registeredOn: '2017-03-01',
      localCreditCode: creditCode(21, '500101'),
      noAgreementReason: '协议原件在投资方，待扫描',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().evidenceMissing).toEqual([]);
    expect((await funnel()).construction).toEqual([1, 0]);
    const entries = (await coordinator.get(`/api/projects/${id}`)).json().entries as {
      kind: string;
      payload: { evidence?: boolean };
    }[];
    expect(entries.filter((e) => e.kind === 'field_change' && e.payload.evidence)).toHaveLength(2);

    // A revert to 在谈 leaves nothing the stage needs.
    const signedId = ids['签约无金额项目']!;
    const p = (await coordinator.get(`/api/projects/${signedId}`)).json().project;
    const back = await coordinator.post(`/api/projects/${signedId}/stage`, {
      to: 'negotiating',
      version: p.version,
      evidence: { date: '2017-10-01', reason: '协议尚未正式签订' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().project.evidenceMissing).toEqual([]);
    expect(await funnel()).toMatchObject({ negotiating: [2, 0] });
  });

  it('补录 of a signing asks for the agreement file or the reason there is none, as a signing move does', async () => {
    await importSheet(
      coordinator,
      [
        {
          title: '二、已签约项目',
          rows: [
            {
              name: '补录协议项目',
              code: creditCode(14),
              investor: '丁公司',
              unit: '商务局',
              signed: '2017-06-01',
            },
          ],
        },
      ],
      '2017年10月31日',
    );
    const id = (await library(coordinator)).items.find((p) => p.name === '补录协议项目')!.id;
    const version = (await coordinator.get(`/api/projects/${id}`)).json().project.version;
    const bare = await coordinator.post(`/api/projects/${id}/evidence`, {
      version,
      agreementKind: 'framework',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields[0]).toMatchObject({
      path: ['agreementAttachmentId'],
      message: '补录签约证据须上传协议文件，或说明未上传的原因',
    });
    const other = (await library(coordinator)).items.find((p) => p.name === '在谈项目')!.id;
    const foreign = await coordinator.upload(`/api/projects/${other}/attachments`, '协议.pdf', pdfBytes);
    const wrongFile = await coordinator.post(`/api/projects/${id}/evidence`, {
      version,
      agreementKind: 'framework',
      agreementAttachmentId: foreign.json().id,
    });
    expect(wrongFile.statusCode).toBe(400);
    expect(wrongFile.json().error.fields[0]).toMatchObject({
      path: ['agreementAttachmentId'],
      message: '附件不存在',
    });

    const file = await coordinator.upload(`/api/projects/${id}/attachments`, '投资协议.pdf', pdfBytes);
    const ok = await coordinator.post(`/api/projects/${id}/evidence`, {
      version,
      agreementKind: 'framework',
      agreementAttachmentId: file.json().id,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().evidenceMissing).toEqual(['agreedInvestment']);
    const entry = (await coordinator.get(`/api/projects/${id}`))
      .json()
      .entries.find(
        (e: { kind: string; payload: { agreement?: unknown } }) =>
          e.kind === 'field_change' && e.payload.agreement,
      );
    expect(entry.payload.agreement).toEqual({ attachmentId: file.json().id });

    // Once on record, the rest of the signing is recorded without it; a second agreement is refused.
    const twice = await coordinator.post(`/api/projects/${id}/evidence`, {
      version: ok.json().version,
      noAgreementReason: '另有一份',
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields[0].message).toContain('已登记');
    const rest = await coordinator.post(`/api/projects/${id}/evidence`, {
      version: ok.json().version,
      agreedInvestmentFen: 500 * WAN,
    });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().evidenceMissing).toEqual([]);
  });
});
