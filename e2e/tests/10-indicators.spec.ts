import { expect, test } from '@playwright/test';
import { login, DEMO_PASSWORD, DEMO_URL as demoURL, ensureDemo } from './helpers.ts';

/**
 * The assessed indicators on the demo district's dashboard (issue 11 §5): 本月 / 本年累计 / 上年同期 /
 * 同比, funds by 口径, 新签约 vs 续建, the tiers (each a link to the library filtered to it), and the
 * rates' formulas with their numbers on hover.
 */
const shots = new URL('../../docs/screenshots/', import.meta.url).pathname;

test.use({ baseURL: demoURL });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: demoURL });
  await ensureDemo(request);
  await request.dispose();
});

test('a leader reads the indicators, each rate’s formula, and opens a tier in the library', async ({
  page,
}) => {
  await login(page, 'leader', DEMO_PASSWORD);
  await page.goto('/dashboard');
  for (const id of ['kpi-month', 'kpi-year-to-date', 'kpi-last-year', 'kpi-yoy']) {
    await expect(page.getByTestId(id)).not.toBeEmpty();
  }
  await expect(page.getByTestId('kpi-year-to-date')).toHaveText(
    (await page.getByTestId('kpi-actual').textContent()) ?? '',
  );
  const bases = page.getByTestId('funds-by-basis');
  for (const label of ['全口径', '市外', '省外', '境外·外资']) await expect(bases).toContainText(label);
  await expect(page.getByTestId('signing-split')).toContainText('往年签约结转/续建');

  // 资金到位率 = 累计到位资金 ÷ 协议投资额 = a ÷ b = the card's percentage.
  const card = page.getByTestId('rate-formula-fundingRate');
  await card.hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('资金到位率 = 累计到位资金 ÷ 协议投资额');
  const text = (await tooltip.textContent()) ?? '';
  const rate = /= ([\d.]+%|—)$/.exec(text.trim())?.[1];
  expect(rate, text).toBeTruthy();
  expect(text).toMatch(/= [\d,.]+ ?[万亿]?元 ÷ [\d,.]+ ?[万亿]?元 =/);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}dashboard-indicators.png`, fullPage: true });

  await page.getByTestId('tier-link-over100m').click();
  await expect(page).toHaveURL(/\/projects\?.*tier=over100m/);
});
