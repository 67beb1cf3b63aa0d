import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_URL as demoURL, ensureDemo, login } from './helpers.ts';

/**
 * 封账 on the demo district: the coordinator opens last month's check, closes the month, and
 * downloads the issued 月度统计表 — the file's SHA-256 is the one the page shows.
 */
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
const [year, monthNumber] = today.split('-').map(Number) as [number, number];
const lastMonth =
  monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`;

test.use({ baseURL: demoURL });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: demoURL });
  await ensureDemo(request);
  await request.dispose();
});

test('the coordinator closes last month and downloads the issued report as issued', async ({ page }) => {
  await login(page, 'coordinator', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: '月度封账' }).click();
  await expect(page).toHaveURL(/\/months$/);
  if (lastMonth.slice(0, 4) !== String(year)) {
    await page.getByLabel('年度').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: lastMonth.slice(0, 4) })
      .click();
  }
  const row = page.getByTestId(`month-row-${lastMonth}`);
  await expect(row).toContainText('未封账');
  await page.getByTestId(`month-open-${lastMonth}`).click();

  const detail = page.getByTestId('month-detail');
  await expect(detail.getByText('核对通过，可以封账')).toBeVisible();
  await expect(detail.locator('.ant-table-row').first()).toBeVisible();
  await detail.getByTestId('month-close').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(page.locator('.ant-message')).toContainText('已封账');
  await expect(row).toContainText('已封账');
  await expect(detail.locator('.ant-tag', { hasText: '已封账' }).first()).toBeVisible();

  const shown = (await detail.getByTestId('report-sha-1-monthly').innerText()).trim();
  expect(shown).toMatch(/^[0-9a-f]{64}$/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    detail.getByTestId('report-download-1-monthly').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/到位资金统计表\.xlsx$/);
  const bytes = await readFile(await download.path());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);

  // The stats JSON, too, is served exactly as stored.
  const statsSha = (await detail.getByTestId('report-sha-1-stats').innerText()).trim();
  const [statsDownload] = await Promise.all([
    page.waitForEvent('download'),
    detail.getByTestId('report-download-1-stats').click(),
  ]);
  const statsBytes = await readFile(await statsDownload.path());
  expect(createHash('sha256').update(statsBytes).digest('hex')).toBe(statsSha);
  expect(JSON.parse(statsBytes.toString('utf8'))).toMatchObject({ month: lastMonth });
});
