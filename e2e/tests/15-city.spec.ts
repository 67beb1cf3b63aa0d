import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import {
  api,
  createAccount,
  login,
  loginApi,
  logout,
  pick,
  pickIn,
  PASSWORD,
  startCityServer,
  typeDate,
} from './helpers.ts';

/**
 * 纵向联动: a city coordinator's view of two districts. Its own server on a fresh folder (E2E_PORT + 3),
 * set up as 宜宾市 with 翠屏区 and 南溪区, each with a unit and a coordinator who signs projects and
 * records funds through the API (南溪区 has a sensitive project). The city coordinator reads the
 * districts' figures — each district's row equals the district's own dashboard — and their library.
 */
const port = Number(process.env.E2E_PORT ?? 3917) + 3;
const baseURL = `http://127.0.0.1:${port}`;
const CITY = 'shizhaoshang';
const DISTRICTS = [
  { name: '翠屏区', code: '511502', coordinator: 'cuiping', unit: '翠屏区投资促进局' },
  { name: '南溪区', code: '511503', coordinator: 'nanxi', unit: '南溪区经济合作局' },
] as const;
const tenantIds: Record<string, string> = {};
const projectIds: Record<string, string> = {};
let city: Awaited<ReturnType<typeof startCityServer>> | undefined;

test.use({ baseURL });

const year = new Date().getFullYear();
/** An amount as the dashboard prints it, in 万元 (with or without decimals). */
const wan = (n: string) => new RegExp(`^${n}(\\.0+)?\\s*万元$`);
const wanIn = (n: string) => new RegExp(`${n}(\\.0+)?\\s*万元`);
/** A date this year, before today (the server refuses future dates). */
function thisYear(month: number, day: number) {
  const date = new Date(Date.UTC(year, month - 1, day));
  const today = new Date();
  const d = date.getTime() < today.getTime() ? date : new Date(today.getTime() - 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function signedProject(
  request: APIRequestContext,
  unitId: string,
  name: string,
  agreedWan: number,
  fundsWan: number,
  extra: Record<string, unknown> = {},
) {
  const created = await api(request, 'POST', '/api/projects', {
    name,
    unitId,
    agreedInvestmentFen: agreedWan * 1_000_000,
    enteredOn: thisYear(1, 5),
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  let project = created.body as { id: string; version: number };
  const negotiating = await api(request, 'POST', `/api/projects/${project.id}/stage`, {
    to: 'negotiating',
    evidence: { date: thisYear(1, 10) },
    version: project.version,
  });
  expect(negotiating.status, JSON.stringify(negotiating.body)).toBe(200);
  project = negotiating.body.project;
  const signed = await api(request, 'POST', `/api/projects/${project.id}/stage`, {
    to: 'signed',
    evidence: {
      date: thisYear(2, 15),
      agreementKind: 'formal',
      agreedInvestmentFen: agreedWan * 1_000_000,
      noAgreementReason: '协议原件在企业，待扫描上传',
    },
    version: project.version,
  });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  const funds = await api(request, 'POST', `/api/projects/${project.id}/funding`, {
    date: thisYear(3, 20),
    amountFen: fundsWan * 1_000_000,
    source: 'outside_province',
  });
  expect(funds.status, JSON.stringify(funds.body)).toBe(201);
  return project.id;
}

test.beforeAll(async () => {
  test.setTimeout(150_000);
  city = await startCityServer(3);
  const admin = city.admin;
  tenantIds['宜宾市'] = city.cityId;
  const user = await createAccount(
    admin,
    { username: CITY, displayName: '市投资促进局', role: 'coordinator', unitId: null, password: PASSWORD },
    baseURL,
  );
  expect(user.status, JSON.stringify(user.body)).toBe(201);

  const unitIds: Record<string, string> = {};
  for (const d of DISTRICTS) {
    const tenant = await api(admin, 'POST', '/api/tenants', {
      parentId: city.cityId,
      name: d.name,
      divisionCode: d.code,
    });
    expect(tenant.status, JSON.stringify(tenant.body)).toBe(201);
    tenantIds[d.name] = tenant.body.id;
    const unit = await api(admin, 'POST', '/api/units', {
      tenantId: tenant.body.id,
      name: d.unit,
      kind: 'department',
    });
    expect(unit.status, JSON.stringify(unit.body)).toBe(201);
    unitIds[d.name] = unit.body.id;
    const coordinator = await createAccount(
      admin,
      {
        tenantId: tenant.body.id,
        username: d.coordinator,
        displayName: `${d.name}投促局`,
        role: 'coordinator',
        unitId: null,
        password: PASSWORD,
      },
      baseURL,
    );
    expect(coordinator.status, JSON.stringify(coordinator.body)).toBe(201);
  }

  // Each district's coordinator keeps its own ledger: 翠屏区 1,800 万 in place, 南溪区 700 万 (500 of it sensitive).
  const cuiping = await playwrightRequest.newContext({ baseURL });
  await loginApi(cuiping, 'cuiping', PASSWORD);
  projectIds['翠屏锂电材料项目'] = await signedProject(
    cuiping,
    unitIds['翠屏区']!,
    '翠屏锂电材料项目',
    5000,
    1000,
  );
  await signedProject(cuiping, unitIds['翠屏区']!, '翠屏酒类包装项目', 3000, 800);
  await cuiping.dispose();
  const nanxi = await playwrightRequest.newContext({ baseURL });
  await loginApi(nanxi, 'nanxi', PASSWORD);
  projectIds['南溪食品加工项目'] = await signedProject(
    nanxi,
    unitIds['南溪区']!,
    '南溪食品加工项目',
    2000,
    200,
  );
  await signedProject(nanxi, unitIds['南溪区']!, '南溪军工配套项目', 4000, 500, { sensitivity: 'sensitive' });
  await nanxi.dispose();
});

test.afterAll(async () => city?.stop());

test('a city coordinator’s view of two districts: each district’s row is the district’s own figure', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await login(page, CITY, PASSWORD);
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: /宜宾市/ })).toBeVisible();
  // The city's funds in place are its districts' (a sensitive project's amount is not subtracted).
  await expect(page.getByTestId('kpi-actual')).toHaveText(wan('2,500'));
  const ranking = page.getByTestId('district-ranking');
  await expect(ranking.getByRole('row', { name: /翠屏区/ })).toContainText(wanIn('1,800'));
  await expect(ranking.getByRole('row', { name: /南溪区/ })).toContainText(wanIn('700'));
  // Opening a district shows the district's dashboard, read from the city.
  await page.getByTestId(`district-${tenantIds['南溪区']}`).click();
  await expect(page.getByRole('heading', { name: /南溪区/ })).toBeVisible();
  await expect(page.getByTestId('kpi-actual')).toHaveText(wan('700'));
  await logout(page);

  // The district's own dashboard says the same.
  await login(page, 'nanxi', PASSWORD);
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: /南溪区/ })).toBeVisible();
  await expect(page.getByTestId('kpi-actual')).toHaveText(wan('700'));
  await logout(page);
});

/** Today in Asia/Shanghai, YYYY-MM-DD. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const shanghaiDaysAgo = (n: number) =>
  new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

test('the city reads its districts’ library by 区县, raises a matter down, and holds a 联合招商 meeting across them', async ({
  page,
  playwright,
}) => {
  test.setTimeout(150_000);
  const MATTER = '南溪食品加工项目用地指标协调';
  // This week each district records funds: the city's brief lists both, by 区县.
  for (const [user, project, wan] of [
    ['cuiping', '翠屏锂电材料项目', 300],
    ['nanxi', '南溪食品加工项目', 100],
  ] as const) {
    const request = await playwright.request.newContext({ baseURL });
    await loginApi(request, user, PASSWORD);
    const funds = await api(request, 'POST', `/api/projects/${projectIds[project]}/funding`, {
      date: shanghaiDaysAgo(1),
      amountFen: wan * 1_000_000,
      source: 'outside_province',
    });
    expect(funds.status, JSON.stringify(funds.body)).toBe(201);
    await request.dispose();
  }

  await login(page, CITY, PASSWORD);
  // ── The library across the districts: a 区县 column and filter; the sensitive project's details stay below ──
  await page.getByRole('menuitem', { name: '项目库' }).click();
  const table = page.locator('.ant-table');
  await expect(table.getByRole('columnheader', { name: '区县' })).toBeVisible();
  await expect(table.getByRole('row', { name: /翠屏锂电材料项目/ })).toContainText('翠屏区');
  await expect(table.getByRole('row', { name: /南溪食品加工项目/ })).toContainText('南溪区');
  await expect(table.getByText('南溪军工配套项目')).toHaveCount(0);
  await pickIn(page, page.getByTestId('library-district-filter'), '南溪区');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`tenantId=${tenantIds['南溪区']}`));
  await expect(table.getByRole('row', { name: /南溪食品加工项目/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /翠屏锂电材料项目/ })).toHaveCount(0);

  // ── A matter raised down to 南溪区 (下达), on its desk with the city's name ──
  await page.getByRole('menuitem', { name: '协调事项' }).click();
  await page.getByRole('button', { name: '新建协调事项' }).click();
  const raise = page.getByRole('dialog');
  await pickIn(page, page.getByTestId('matter-district-select'), '南溪区');
  await pick(page, '办理单位', '南溪区经济合作局');
  await raise.getByLabel('事项名称').fill(MATTER);
  await raise.getByLabel('具体情况').fill('二期用地指标不足，需市级统筹');
  await typeDate(page, '办理时限', shanghaiToday());
  await raise.getByRole('button', { name: '提出协调事项' }).click();
  await expect(page).toHaveURL(/\/matters\/[0-9a-f-]{36}$/);
  const matterUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { name: MATTER })).toBeVisible();
  await expect(page.getByTestId('matter-level')).toHaveText('综合协调组');

  // ── A city-level 联合招商 meeting today; its brief lists each district's funds by 区县 ──
  await page.getByRole('menuitem', { name: '会议' }).click();
  await page.getByRole('button', { name: '安排会议' }).click();
  const meeting = page.getByRole('dialog');
  await pick(page, '会议类型', '联合招商');
  await typeDate(page, '会议日期', shanghaiToday());
  await meeting.getByRole('button', { name: '新建' }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await page.getByRole('tab', { name: '简报' }).click();
  const brief = page.getByTestId('brief');
  await expect(brief).toContainText('联合招商');
  await expect(brief).toContainText('翠屏锂电材料项目');
  await expect(brief).toContainText('南溪食品加工项目');
  const districts = await page.getByTestId('brief-line-district').allTextContents();
  expect(districts.join(' ')).toContain('翠屏区');
  expect(districts.join(' ')).toContain('南溪区');
  await expect(brief).not.toContainText('南溪军工配套项目');
  await logout(page);

  // ── 南溪区's coordinator finds the matter on its desk, marked as raised by the city ──
  await login(page, 'nanxi', PASSWORD);
  await page.getByRole('menuitem', { name: '协调事项' }).click();
  const row = page.getByRole('row', { name: new RegExp(MATTER) });
  await expect(row.getByTestId('matter-raised-down')).toContainText('宜宾市下达');
  await row.getByRole('link', { name: MATTER }).click();
  await expect(page).toHaveURL(new RegExp(`${matterUrl}$`));
  await expect(page.getByTestId('matter-level')).toHaveText('综合协调组');
  await logout(page);
});
