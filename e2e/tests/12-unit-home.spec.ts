import { expect, test, type APIRequestContext } from '@playwright/test';
import { formatAmount, formatPercent } from '@landfall/domain';
import { api, login, loginApi, DEMO_PASSWORD, DEMO_URL as demoURL, ensureDemo } from './helpers.ts';

/**
 * 单位工作台 on the demo district: a unit's staff member logs in and lands on the unit's standing,
 * whose figures are the very row the coordinator's dashboard gives for that unit; the full
 * ranking appears only once the coordinator lets units see it.
 */
const shots = new URL('../../docs/screenshots/', import.meta.url).pathname;

test.use({ baseURL: demoURL });

async function asUser(
  playwright: { request: { newContext(o: { baseURL: string }): Promise<APIRequestContext> } },
  username: string,
) {
  const request = await playwright.request.newContext({ baseURL: demoURL });
  await loginApi(request, username, DEMO_PASSWORD);
  return request;
}

type UnitRow = {
  unitId: string;
  name: string;
  actual: number;
  target: number | null;
  completion: number | null;
  light: string;
  rank: number;
  forecast: number | null;
};

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: demoURL });
  await ensureDemo(request);
  await request.dispose();
});

test("a unit's staff member lands on the unit's standing, as the coordinator's dashboard gives it", async ({
  page,
  playwright,
}) => {
  const staff = await asUser(playwright, 'unit01');
  const me = (await api(staff, 'GET', '/api/me')).body as { unitId: string; unitName: string };
  await staff.dispose();
  const coordinator = await asUser(playwright, 'coordinator');
  const dashboard = (await api(coordinator, 'GET', '/api/dashboard')).body as {
    units: UnitRow[];
    timeProgress: number;
  };
  const row = dashboard.units.find((u) => u.unitId === me.unitId);
  expect(row, 'the unit is in the dashboard ranking').toBeDefined();
  if (!row) return;

  await login(page, 'unit01', DEMO_PASSWORD);
  await page.goto('/');
  await expect(page.getByTestId('unit-home')).toBeVisible();
  await expect(page.getByText(`单位工作台 · ${me.unitName}`)).toBeVisible();
  await expect(page.getByTestId('unit-actual')).toHaveText(formatAmount(row.actual, 'zh-CN'));
  await expect(page.getByTestId('unit-target')).toHaveText(
    row.target === null ? '—' : formatAmount(row.target, 'zh-CN'),
  );
  await expect(page.getByTestId('unit-completion')).toHaveText(formatPercent(row.completion));
  await expect(page.getByTestId('unit-time-progress')).toHaveText(formatPercent(dashboard.timeProgress));
  await expect(page.getByTestId('unit-light')).toHaveAttribute('data-light', row.light);
  await expect(page.getByTestId('unit-rank')).toHaveText(`第 ${row.rank} 名`);
  if (row.forecast !== null)
    await expect(page.getByTestId('unit-forecast')).toHaveText(formatAmount(row.forecast, 'zh-CN'));
  // Off by default: no other unit's row, only the unit's own rank.
  await expect(page.getByTestId('unit-ranking-hidden')).toBeVisible();
  await page.screenshot({ path: `${shots}unit-home.png`, fullPage: true });
  await expect(page.getByTestId('unit-ranking')).toHaveCount(0);
  const other = dashboard.units.find((u) => u.unitId !== me.unitId);
  if (other) await expect(page.getByTestId('unit-home')).not.toContainText(other.name);

  // The lists link to their records.
  const stale = page.getByTestId('unit-stale').locator('a[href^="/projects/"]').first();
  if (await stale.count()) {
    await stale.click();
    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}/);
    await page.goBack();
  }

  // The coordinator lets units see the ranking: the home page then shows every unit's row.
  const setting = (await api(coordinator, 'GET', '/api/settings/unit-ranking')).body;
  const on = await api(coordinator, 'PUT', '/api/settings/unit-ranking', {
    showRanking: true,
    version: setting.version,
  });
  expect(on.status, JSON.stringify(on.body)).toBe(200);
  await page.reload();
  await expect(page.getByTestId('unit-ranking')).toBeVisible();
  for (const unit of dashboard.units)
    await expect(page.getByTestId(`ranking-link-${unit.unitId}`)).toHaveText(unit.name);
  const off = await api(coordinator, 'PUT', '/api/settings/unit-ranking', {
    showRanking: false,
    version: on.body.version,
  });
  expect(off.status).toBe(200);
  await coordinator.dispose();
});
