import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, pdfBytes, signProject, type BuiltProject } from '../test/library-fixtures.ts';

/**
 * 增资 on an existing project: a dated entry raising the agreed investment by the increment, with the
 * supplementary agreement (or the reason there is none); every figure as of a date counts it from its
 * date on (1亿 signed on 10 March, +0.5亿 on 1 May).
 */
const YI = 10_000_000_000;
let world: TestWorld;
let staff: TestClient;
let coordinator: TestClient;
let project: BuiltProject;

beforeAll(async () => {
  world = await createWorld('2026-07-10T10:00:00+08:00');
  const unitId = (await buildUnit(world.admin, { name: '区经信委' })).id;
  staff = (await buildUser(world, 'unit_staff', { unitId })).client;
  coordinator = (await buildUser(world, 'coordinator')).client;
  const built = await buildProject(staff, { name: '增资项目', enteredOn: '2026-01-05' });
  project = await signProject(staff, built, {
    negotiatingOn: '2026-02-01',
    signedOn: '2026-03-10',
    agreedInvestmentFen: YI,
  });
});
afterAll(async () => world?.close());

const expand = (body: Record<string, unknown>) =>
  staff.post(`/api/projects/${project.id}/expansions`, {
    version: project.version,
    date: '2026-05-01',
    name: '增资项目二期',
    agreedIncrementFen: YI / 2,
    ...body,
  });

async function agreedWan(asOf: string) {
  const res = await coordinator.get(`/api/stats?asOf=${asOf}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().agreedInvestmentWan;
}

describe('增资 on an existing project', () => {
  it('needs the supplementary agreement or a reason, a date after the signing, not in the future', async () => {
    const bare = await expand({});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields[0]).toMatchObject({
      path: ['attachmentId'],
      message: '请上传增资协议文件，或说明未上传的原因',
    });
    const early = await expand({ date: '2026-03-01', noAgreementReason: '协议在企业' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0].message).toBe('增资日期不能早于签约日期 2026-03-10');
    const future = await expand({ date: '2026-07-11', noAgreementReason: '协议在企业' });
    expect(future.json().error.fields[0].message).toBe('日期不能晚于今天');
    const fixed = await expand({ noAgreementReason: '协议在企业', fixedIncrementFen: 2 * YI });
    expect(fixed.json().error.fields[0]).toMatchObject({ path: ['fixedIncrementFen'] });
    // 1 亿 + 1 万亿元 would pass what one investment can state (MAX_AMOUNT_FEN).
    const huge = await expand({ noAgreementReason: '协议在企业', agreedIncrementFen: 10_000 * YI });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.fields[0]).toEqual({
      path: ['agreedIncrementFen'],
      message: '增资后的协议投资额不能超过 1 万亿元',
    });

    const unsigned = await buildProject(staff, { name: '未签约项目', enteredOn: '2026-01-05' });
    const refused = await staff.post(`/api/projects/${unsigned.id}/expansions`, {
      version: unsigned.version,
      date: '2026-05-01',
      name: '二期',
      agreedIncrementFen: YI,
      noAgreementReason: '协议在企业',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('项目签约后（且未终止）才能登记增资');
  });

  it('adds the increment from its date in every figure, and keeps the agreement with it', async () => {
    const file = await staff.upload(`/api/projects/${project.id}/attachments`, '增资协议.pdf', pdfBytes);
    expect(file.statusCode, file.body).toBe(201);
    const res = await expand({ attachmentId: file.json().id, fixedIncrementFen: YI / 5 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().project).toMatchObject({ agreedInvestmentFen: 1.5 * YI, fixedAssetFen: YI / 5 });
    expect(res.json().entry).toMatchObject({
      kind: 'field_change',
      effectiveOn: '2026-05-01',
      attachmentId: file.json().id,
      payload: { expansion: { name: '增资项目二期', agreedFen: YI / 2, fixedFen: YI / 5 } },
    });
    project = res.json().project;

    expect(await agreedWan('2026-04-30')).toBe(10000);
    expect(await agreedWan('2026-05-01')).toBe(15000);
    const page = (await staff.get(`/api/projects/${project.id}?asOf=2026-04-30`)).json();
    expect(page.project.agreedInvestmentFen).toBe(YI);
    const dashboard = async (asOf: string) =>
      (await coordinator.get(`/api/dashboard?year=2026&asOf=${asOf}&metric=agreed_investment`)).json().kpi
        .actual;
    expect(await dashboard('2026-04-30')).toBe(YI);
    expect(await dashboard('2026-06-30')).toBe(1.5 * YI);

    // The entry states the new total: a second one may not be dated before it.
    const backwards = await expand({ date: '2026-04-15', noAgreementReason: '协议在企业' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields[0].message).toBe(
      '增资日期不能早于项目投资额最近一次登记的日期 2026-05-01',
    );
    const stale = await expand({ version: 1, date: '2026-06-01', noAgreementReason: '协议在企业' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
  });

  it('counts in 协议投资额 of the year it is agreed, for a project signed in an earlier year', async () => {
    const agreedIn = async (year: number) =>
      (
        await coordinator.get(`/api/dashboard?year=${year}&asOf=${year}-12-31&metric=agreed_investment`)
      ).json().kpi.actual as number;
    const before2026 = await agreedIn(2026);
    const before2025 = await agreedIn(2025);
    const old = await buildProject(staff, { name: '去年签约项目', enteredOn: '2025-09-01' });
    const signed = await signProject(staff, old, {
      negotiatingOn: '2025-10-01',
      signedOn: '2025-11-01',
      agreedInvestmentFen: 2 * YI,
    });
    const res = await staff.post(`/api/projects/${old.id}/expansions`, {
      version: signed.version,
      date: '2026-04-20',
      name: '去年签约项目二期',
      agreedIncrementFen: YI,
      noAgreementReason: '协议在企业',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await agreedIn(2025)).toBe(before2025 + 2 * YI); // signed in 2025 at 2 亿
    expect(await agreedIn(2026)).toBe(before2026 + YI); // the 增资 agreed in 2026 adds 1 亿 to 2026
  });
});
