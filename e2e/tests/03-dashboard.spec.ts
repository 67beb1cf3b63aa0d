import { expect, test } from '@playwright/test';
import { login, typeDate } from './helpers.ts';

/**
 * The leaders' dashboard on the demo district (a second server with its own
 * data folder, since the demo is a first-run choice): a leader opens it in
 * Chinese, rewinds it to an earlier date, clicks a unit behind pace (red) and
 * lands on that unit's projects.
 */
const demoURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3917) + 1}`;
const DEMO_PASSWORD = 'Demo#Wanzhou2026';
const shots = new URL('../../docs/screenshots/', import.meta.url).pathname;

test.use({ baseURL: demoURL });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: demoURL });
  const { needed } = await (await request.get('/api/setup')).json();
  if (needed) {
    const csrf = (await (await request.get('/api/csrf')).json()).token as string;
    const res = await request.post('/api/setup/demo', {
      data: { password: DEMO_PASSWORD },
      headers: { 'x-csrf-token': csrf },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await request.dispose();
});

test('a leader reads the dashboard, rewinds it, and drills into a unit behind pace', async ({ page }) => {
  await login(page, 'leader', DEMO_PASSWORD);
  await page.goto('/dashboard');
  await expect(page.getByText('领导驾驶舱').first()).toBeVisible();
  const completion = page.getByTestId('kpi-completion');
  await expect(completion).toContainText('%');
  await expect(page.locator('[data-testid^="ranking-row-"]').first()).toBeVisible();
  await page.waitForTimeout(800); // let the charts finish their entry animation for the screenshot
  await page.screenshot({ path: `${shots}dashboard-leader.png`, fullPage: true });
  const todayCompletion = await completion.textContent();

  // Rewind to the end of the first quarter of this year (or of last year early in January).
  const now = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const year = now.slice(5) < '04-01' ? Number(now.slice(0, 4)) - 1 : Number(now.slice(0, 4));
  const past = `${year}-03-31`;
  await typeDate(page, '数据截至', past);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`asOf=${past}`));
  await expect(completion).not.toHaveText(todayCompletion ?? '');
  await page.waitForTimeout(1200); // chart transitions
  await page.screenshot({ path: `${shots}dashboard-as-of.png`, fullPage: true });

  // A unit behind pace, in red: its name leads to its projects, as of the same date.
  const red = page.locator('[data-testid^="light-"][data-light="red"]').first();
  await expect(red).toBeVisible();
  const unitId = ((await red.getAttribute('data-testid')) ?? '').replace('light-', '');
  expect(unitId).toMatch(/^[0-9a-f-]{36}$/);
  const unitName = (await page.getByTestId(`ranking-link-${unitId}`).textContent())?.trim() ?? '';
  await page.getByTestId(`ranking-link-${unitId}`).click();
  await expect(page).toHaveURL(new RegExp(`/projects\\?.*unitId=${unitId}`));
  await expect(page.locator('[data-testid^="ranking-row-"]')).toHaveCount(0); // the dashboard has gone
  await expect(page.getByText('显示列').first()).toBeVisible(); // the library's column chooser
  await expect(page.getByTestId('as-of-banner')).toBeVisible();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain(unitName);
});
