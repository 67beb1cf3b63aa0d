import { expect, test, type APIRequestContext } from '@playwright/test';
import { addDays, formatAmount, shanghaiToday } from '@landfall/domain';
import { api, login, loginApi, typeDate } from './helpers.ts';

/**
 * 数据截至 / 统计时点 in the web, on the demo district (its history is a baseline, known on its
 * dates): a 补录 recorded now for a date a month ago changes that date's figures as known now,
 * not as known yesterday. On the library and the dashboard the coordinator sets both pickers and
 * sees what the API answers for the same pair; the exports are asked with the pair too.
 */
const demoURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3917) + 1}`;
const DEMO_PASSWORD = 'Demo#Wanzhou2026';
const LATE_FEN = 123_450_000; // 123.45 万元

test.use({ baseURL: demoURL });

type LibraryItem = {
  id: string;
  name: string;
  stage: string;
  signedOn: string | null;
  fundsInPlaceFen: number;
};

let coordinator: APIRequestContext;
const today = shanghaiToday(new Date());
const asOf = addDays(today, -30);
const knownOn = addDays(today, -1);
let project: LibraryItem;

async function fundsOf(query: string) {
  const res = await api(coordinator, 'GET', `/api/projects?q=${encodeURIComponent(project.name)}&${query}`);
  expect(res.status).toBe(200);
  return (res.body.items as LibraryItem[]).find((p) => p.id === project.id)?.fundsInPlaceFen;
}

test.beforeAll(async ({ playwright }) => {
  coordinator = await playwright.request.newContext({ baseURL: demoURL });
  const { needed } = await (await coordinator.get('/api/setup')).json();
  if (needed) {
    const res = await api(coordinator, 'POST', '/api/setup/demo', { password: DEMO_PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  await loginApi(coordinator, 'coordinator', DEMO_PASSWORD);
  // A project signed well before the date, still going: it gets a 补录 dated `asOf`, recorded now.
  const list = await api(coordinator, 'GET', `/api/projects?asOf=${asOf}&pageSize=500`);
  const candidate = (list.body.items as LibraryItem[]).find(
    (p) =>
      p.signedOn !== null &&
      p.signedOn < addDays(asOf, -7) &&
      ['signed', 'registered', 'construction', 'production'].includes(p.stage),
  );
  expect(candidate, 'a signed demo project').toBeDefined();
  project = candidate as LibraryItem;
  // Another spec may have closed that month (封账): reopen it, with a reason, as an office would.
  const month = asOf.slice(0, 7);
  const months = await api(coordinator, 'GET', `/api/months?year=${month.slice(0, 4)}`);
  const state = (months.body.months as { month: string; status: string; version: number }[]).find(
    (m) => m.month === month,
  );
  if (state && state.status !== 'open') {
    const reopened = await api(coordinator, 'POST', `/api/months/${month}/reopen`, {
      version: state.version,
      reason: '补录一笔到位资金',
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
  }
  const late = await api(coordinator, 'POST', `/api/projects/${project.id}/funding`, {
    date: asOf,
    amountFen: LATE_FEN,
    source: 'outside_province',
    note: '补录',
  });
  expect(late.status, JSON.stringify(late.body)).toBe(201);
});

test.afterAll(async () => coordinator.dispose());

test('the library shows a project as of a date and as known on a day, as the API does', async ({ page }) => {
  const before = await fundsOf(`asOf=${asOf}&knownOn=${knownOn}`);
  const now = await fundsOf(`asOf=${asOf}`);
  expect(before).toBeDefined();
  expect(now).toBe((before ?? 0) + LATE_FEN); // the 补录 is known now, not yesterday

  await login(page, 'coordinator', DEMO_PASSWORD);
  await page.goto(`/projects?q=${encodeURIComponent(project.name)}`);
  const header = page.locator('.ant-table-thead th');
  await expect(header.first()).toBeVisible();
  const column = (await header.allTextContents()).findIndex((text) => text.includes('累计到位资金'));
  expect(column).toBeGreaterThanOrEqual(0);
  const cell = page
    .locator('.ant-table-tbody tr.ant-table-row', { hasText: project.name })
    .first()
    .locator('td')
    .nth(column);

  await typeDate(page, '数据截至', asOf);
  await expect(page).toHaveURL(new RegExp(`asOf=${asOf}`));
  await expect(cell).toHaveText(formatAmount(now ?? 0, 'zh-CN'));
  await typeDate(page, '统计时点', knownOn);
  await expect(page).toHaveURL(new RegExp(`knownOn=${knownOn}`));
  await expect(page).toHaveURL(new RegExp(`asOf=${asOf}`));
  await expect(page.getByTestId('as-of-banner')).toContainText('按该时点已登记的数据统计');
  await expect(cell).toHaveText(formatAmount(before ?? 0, 'zh-CN'));

  // 导出台账 asks for the same pair.
  const exported = page.waitForRequest((r) => r.url().includes('/api/exports/ledger.xlsx'));
  await page.getByTestId('export-ledger').click();
  const url = new URL((await exported).url());
  expect([url.searchParams.get('asOf'), url.searchParams.get('knownOn')]).toEqual([asOf, knownOn]);

  // The project page keeps the pair and shows the same figure.
  await page.locator('.ant-table-tbody tr.ant-table-row a', { hasText: project.name }).first().click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}\\?asOf=${asOf}&knownOn=${knownOn}`));
  await expect(page.getByTestId('as-of-banner')).toBeVisible();
});

test('the dashboard shows its figures as of a date and as known on a day, as the API does', async ({
  page,
}) => {
  const kpi = async (query: string) => {
    const res = await api(coordinator, 'GET', `/api/dashboard?${query}`);
    expect(res.status).toBe(200);
    return res.body.kpi.actual as number;
  };
  const before = await kpi(`asOf=${asOf}&knownOn=${knownOn}`);
  const now = await kpi(`asOf=${asOf}`);
  expect(now - before).toBe(LATE_FEN);

  await login(page, 'coordinator', DEMO_PASSWORD);
  await page.goto('/dashboard');
  const actual = page.getByTestId('kpi-actual');
  await expect(actual).toBeVisible();
  await typeDate(page, '数据截至', asOf);
  await expect(page).toHaveURL(new RegExp(`asOf=${asOf}`));
  await expect(actual).toHaveText(formatAmount(now, 'zh-CN'));
  await typeDate(page, '统计时点', knownOn);
  await expect(page).toHaveURL(new RegExp(`knownOn=${knownOn}`));
  await expect(actual).toHaveText(formatAmount(before, 'zh-CN'));

  // 导出月度统计表 asks as known on the same day.
  const exported = page.waitForRequest((r) => r.url().includes('/api/exports/monthly.xlsx'));
  await page.getByTestId('export-monthly').click();
  expect(new URL((await exported).url()).searchParams.get('knownOn')).toBe(knownOn);

  // Back to today and now clears both.
  await page.getByRole('button', { name: '回到今天' }).click();
  await expect(page).not.toHaveURL(/asOf=|knownOn=/);
});
