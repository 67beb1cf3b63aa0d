import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, api, ensureSetup, login, loginApi, PASSWORD, pick, createAccount } from './helpers.ts';
import {
  buildUnitWorkbook,
  hiddenProject,
  streetAgreedInSummary,
  streetProjects,
  summaryStreetRow,
  zoneProjects,
  type UnitProject,
} from './unit-workbook.ts';

/**
 * A workbook assembled from the units' returns: a 汇总 sheet, then 经开区's sheet (a 新签约项目
 * 一览表 in 万元 with its cut-off on the 填报单位 line) and 龙都街道's (a 推进台账 in 亿元, its
 * cut-off only in the title's 1-9月, filled in by 龙都街道办事处), neither with a 责任单位 column.
 * The coordinator checks the 工作表 table (kind, unit, cut-off and where it came from, unit of
 * amounts, default stage), puts 龙都街道's rows on the existing unit 龙都街道 at 开工, creates
 * 经开区 when the preview asks, sees the per-sheet counts and the 汇总 cell that disagrees with
 * its sheet, imports, and finds each unit's projects in the library with their 协议投资额 in 万元.
 */
const COORDINATOR = 'huizong';
const EXISTING_UNIT = '龙都街道';
const NEW_UNIT = '经开区';

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await ensureSetup(request);
  await loginApi(request, ADMIN.username, ADMIN.password);
  const units = (await api(request, 'GET', '/api/units')).body as { name: string }[];
  if (!units.some((u) => u.name === EXISTING_UNIT)) {
    const res = await api(request, 'POST', '/api/units', { name: EXISTING_UNIT, kind: 'town' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const res = await createAccount(request, {
    username: COORDINATOR,
    displayName: '汇总员',
    role: 'coordinator',
    unitId: null,
    password: PASSWORD,
  });
  expect([201, 409], JSON.stringify(res.body)).toContain(res.status);
  await request.dispose();
});

/** The 工作表 table's row of a sheet (antd keys each row by the sheet's index). */
const sheetRow = (page: Page, index: number): Locator =>
  page.getByTestId('import-sheets').locator(`tr[data-row-key="${index}"]`);

/** 8,500.00 万元 — the library shows 万元 below 1 亿 and keeps the 万元 figure in the title above it. */
const wanText = (wan: number) =>
  `${wan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`;

async function expectInLibrary(page: Page, unit: string, projects: UnitProject[], others: UnitProject[]) {
  await page.getByRole('menuitem', { name: '项目库' }).click();
  await expect(page).toHaveURL(/\/projects/);
  await pick(page, '责任单位', unit);
  for (const p of projects) {
    const row = page.getByRole('row', { name: new RegExp(p.name) });
    await expect(row).toBeVisible();
    if (p.agreedWan < 10_000) await expect(row).toContainText(wanText(p.agreedWan));
    else await expect(row.locator(`span[title="${wanText(p.agreedWan)}"]`)).toBeVisible();
  }
  for (const p of others) await expect(page.getByRole('link', { name: p.name })).toHaveCount(0);
}

test('a coordinator imports a workbook of unit sheets with a 汇总, adjusting a unit and a stage per sheet', async ({
  page,
}) => {
  await login(page, COORDINATOR, PASSWORD);
  await page.getByRole('menuitem', { name: '导入台账' }).click();
  await expect(page).toHaveURL(/\/imports$/);
  await page.locator('input[type="file"]').setInputFiles({
    name: '万州区2025年1-9月招商引资项目汇总.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await buildUnitWorkbook(),
  });

  // 核对表头: the 工作表 table — what each sheet is, what was read from it, what it will be imported as.
  const sheets = page.getByTestId('import-sheets');
  await expect(sheets).toBeVisible();
  await expect(page.getByTestId('mapping-table')).toBeVisible();

  const summary = sheetRow(page, 0);
  await expect(summary).toContainText('汇总');
  await expect(page.getByTestId('import-sheet-kind-0')).toHaveText('汇总表（仅核对）');
  await expect(summary.getByRole('checkbox')).toBeDisabled();
  await expect(summary).toContainText('万元'); // from its column headers

  // A hidden sheet is not imported unless ticked; a sheet of notes is not a table at all.
  await expect(page.getByTestId('import-sheet-kind-3')).toHaveText('项目表');
  await expect(sheetRow(page, 3)).toContainText('隐藏');
  await expect(page.getByRole('checkbox', { name: '导入工作表“6月旧表”' })).not.toBeChecked();
  await expect(page.getByTestId('import-sheet-kind-4')).toHaveText('其他（不导入）');
  await expect(sheetRow(page, 4).getByRole('checkbox')).toBeDisabled();

  const zone = sheetRow(page, 1);
  await expect(page.getByTestId('import-sheet-kind-1')).toHaveText('项目表');
  await expect(page.getByTestId('import-sheet-cutoff-1')).toHaveText(
    '截止时间 2025-09-30（来自表格上方的“截止时间：2025年9月30日”）',
  );
  await expect(zone).toContainText('万元');
  const zoneUnit = page.getByRole('combobox', { name: '工作表“经开区”的责任单位' });
  await expect(zoneUnit).toHaveValue(NEW_UNIT);
  await expect(zone).toContainText('取自填报单位');
  await expect(zone).toContainText('新单位');
  await expect(zone.getByRole('combobox', { name: '工作表“经开区”的默认阶段' })).toBeVisible();
  await expect(zone).toContainText('签约');
  await expect(zone).toContainText('取自标题');
  await expect(page.getByRole('checkbox', { name: '导入工作表“经开区”' })).toBeChecked();
  await page.screenshot({
    path: new URL('../../docs/screenshots/import-sheets.png', import.meta.url).pathname,
    fullPage: true,
  });

  const street = sheetRow(page, 2);
  await expect(page.getByTestId('import-sheet-kind-2')).toHaveText('项目表');
  await expect(page.getByTestId('import-sheet-cutoff-2')).toHaveText(
    '截止时间 2025-09-30（来自标题中的统计期间“2025年1-9月”）',
  );
  await expect(street).toContainText('亿元');
  const streetUnit = page.getByRole('combobox', { name: '工作表“龙都街道”的责任单位' });
  await expect(streetUnit).toHaveValue('龙都街道办事处');
  await expect(street).toContainText('新单位');

  // 龙都街道办事处 is the existing unit 龙都街道; its sheet's rows are under construction.
  await streetUnit.fill('龙都');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: EXISTING_UNIT })
    .first()
    .click();
  await expect(streetUnit).toHaveValue(EXISTING_UNIT);
  await expect(street).toContainText('已调整');
  await expect(street).not.toContainText('新单位');
  await page.getByRole('combobox', { name: '工作表“龙都街道”的默认阶段' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^开工$/ }).click();
  await expect(street).toContainText('开工');

  // 预览: 经开区 does not exist yet; the coordinator has it created.
  await page.getByRole('button', { name: '预览' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  const newUnits = page.getByTestId('import-new-units');
  await expect(newUnits).toContainText(NEW_UNIT);
  await expect(newUnits).not.toContainText(EXISTING_UNIT);
  await newUnits.getByRole('button', { name: '创建这些单位并重新预览' }).click();
  await expect(newUnits).toContainText('导入时将创建以下 1 个责任单位');

  await expect(page.getByTestId('import-sum-errors')).toContainText('0');
  // 5 project rows: the hidden sheet's project is not among them.
  await expect(page.getByTestId('import-sum-rows')).toContainText(
    String(zoneProjects.length + streetProjects.length),
  );
  await page.getByRole('tab', { name: /^逐行结果/ }).click();
  await expect(page.getByTestId('import-items')).toContainText(zoneProjects[0]!.name);
  await expect(page.getByTestId('import-items')).not.toContainText(hiddenProject);
  const outcomes = page.getByTestId('import-sheet-outcomes');
  const zoneOutcome = outcomes.getByRole('row', { name: /^经开区/ });
  await expect(zoneOutcome).toContainText(`${NEW_UNIT}2025-09-30万元签约${zoneProjects.length}0`);
  const streetOutcome = outcomes.getByRole('row', { name: /^龙都街道/ });
  await expect(streetOutcome).toContainText(`${EXISTING_UNIT}2025-09-30亿元开工${streetProjects.length}1`);

  // The 汇总 says 龙都街道 agreed more than its sheet adds up to: a warning naming the 汇总's cell.
  await page.getByRole('tab', { name: /^提示/ }).click();
  const warnings = page.getByTestId('import-warnings');
  const mismatch = warnings.getByRole('row', { name: new RegExp(`^汇总\\s+${summaryStreetRow}\\s`) });
  await expect(mismatch).toContainText(`D${summaryStreetRow}`);
  await expect(mismatch).toContainText(`汇总表「汇总」中「龙都街道」`);
  await expect(mismatch).toContainText(String(streetAgreedInSummary));
  await expect(mismatch).toContainText('与分表「龙都街道」');

  // 确认导入.
  await page.getByTestId('import-commit').click();
  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible();
  await expect(done).toContainText(`新增 ${zoneProjects.length + streetProjects.length} 个`);

  // The library, unit by unit: each sheet's projects with 协议投资额 in 万元 (亿元 read as 万元 × 10000).
  await expectInLibrary(page, NEW_UNIT, zoneProjects, streetProjects);
  await expectInLibrary(page, EXISTING_UNIT, streetProjects, zoneProjects);

  // One project's page: its unit, stage and amount.
  const first = streetProjects[1]!;
  await page.getByRole('link', { name: first.name }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { name: first.name })).toBeVisible();
  await expect(page.getByText(wanText(first.agreedWan)).first()).toBeVisible();
  await expect(page.getByText(EXISTING_UNIT).first()).toBeVisible();
  await expect(page.getByText('开工').first()).toBeVisible();
});
