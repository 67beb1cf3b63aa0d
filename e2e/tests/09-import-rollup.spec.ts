import { expect, request as playwrightRequest, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ADMIN, api, createAccount, login, loginApi, PASSWORD, startCityServer } from './helpers.ts';

/**
 * A city's table grouped by 区县, imported at the city. The other specs' server is set up as a
 * district, so this one starts its own on a fresh folder (E2E_PORT + 2), set up as 宜宾市 with one
 * district (翠屏区). The preview shows the 区县 table with 南溪区 as a new district and the error
 * that holds the import; 创建这些区县（及单位）并重新预览 clears it; the rows carry their district;
 * the import creates 南溪区 under the city.
 */
const port = Number(process.env.E2E_PORT ?? 3917) + 2;
const baseURL = `http://127.0.0.1:${port}`;
const COORDINATOR = 'shijingxin';
let server: Awaited<ReturnType<typeof startCityServer>> | undefined;

test.use({ baseURL });

async function cityTable(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('到位资金');
  const rows: (string | number | null)[][] = [
    ['宜宾市2017年1-9月工业招商引资项目统计表'],
    ['填报单位：市经信委', null, null, '截止时间：2017年9月30日', null, '单位：万元'],
    ['区县', '序号', '项目名称', '项目阶段', '协议投资额（万元）', '累计到位资金（万元）'],
    ['翠屏区', 1, '翠屏锂电材料项目', '已签约', 5000, 1000],
    [null, 2, '翠屏酒类包装项目', '已签约', 3000, 800],
    [null, '小计', null, null, 8000, 1800],
    ['南溪区', 1, '南溪食品加工项目', '已签约', 2000, 500],
    [null, '小计', null, null, 2000, 500],
    ['合计', null, null, null, 10000, 2300],
  ];
  for (const row of rows) sheet.addRow(row);
  sheet.mergeCells(1, 1, 1, 6);
  sheet.mergeCells(4, 1, 6, 1);
  sheet.mergeCells(7, 1, 8, 1);
  sheet.mergeCells(9, 1, 9, 4);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startCityServer(2);
  const request = server.admin;
  const district = await api(request, 'POST', '/api/tenants', {
    parentId: server.cityId,
    name: '翠屏区',
    divisionCode: '511502',
  });
  expect(district.status, JSON.stringify(district.body)).toBe(201);
  const user = await createAccount(
    request,
    {
      username: COORDINATOR,
      displayName: '市经信委',
      role: 'coordinator',
      unitId: null,
      password: PASSWORD,
    },
    baseURL,
  );
  expect(user.status, JSON.stringify(user.body)).toBe(201);
});

test.afterAll(async () => server?.stop());

test('a city imports its table by 区县: the district table, the new district created on confirmation', async ({
  page,
}) => {
  await login(page, COORDINATOR, PASSWORD);
  await page.getByRole('menuitem', { name: '导入台账' }).click();
  await page.locator('input[type="file"]').setInputFiles({
    name: '宜宾市招商项目统计表2017.9.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await cityTable(),
  });
  await expect(page.getByTestId('mapping-table')).toBeVisible();
  await page.getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('import-preview')).toBeVisible();

  // Each district's rows; 南溪区 does not exist yet, which holds the import.
  const districts = page.getByTestId('import-districts');
  await expect(page.getByText('各区县（2 个）')).toBeVisible();
  const cuiping = districts.getByRole('row', { name: /翠屏区/ });
  const nanxi = districts.getByRole('row', { name: /南溪区/ });
  await expect(cuiping).toContainText('2');
  await expect(cuiping).not.toContainText('新区县');
  await expect(nanxi).toContainText('新区县');
  await expect(page.getByTestId('import-errors')).toContainText('区县「南溪区」尚未建立');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  // The districts' button creates their units too: the units' own button is left out.
  await expect(page.getByTestId('import-new-units')).toContainText('南溪区：投资促进局');
  await expect(page.getByRole('button', { name: '创建这些单位并重新预览' })).toHaveCount(0);
  const fresh = page.getByTestId('import-new-districts');
  await expect(fresh).toContainText('文件中有 1 个系统里还没有的区县');
  await fresh.getByRole('button', { name: '创建这些区县（及单位）并重新预览' }).click();

  await expect(fresh).toContainText('导入时将创建以下 1 个区县');
  await page.screenshot({
    path: new URL('../../docs/screenshots/import-districts.png', import.meta.url).pathname,
    fullPage: true,
  });
  await expect(page.getByTestId('import-sum-errors')).toContainText('0');
  await expect(nanxi).toContainText('1');
  // The rows carry their district.
  await page.getByRole('tab', { name: /逐行结果/ }).click();
  const items = page.getByTestId('import-items');
  await expect(items.getByRole('columnheader', { name: '区县' })).toBeVisible();
  await expect(items.getByRole('row', { name: /南溪食品加工项目/ })).toContainText('南溪区');
  await expect(items.getByRole('row', { name: /翠屏锂电材料项目/ })).toContainText('翠屏区');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText(/新增 3 个/);

  const request = await playwrightRequest.newContext({ baseURL });
  await loginApi(request, ADMIN.username, ADMIN.password);
  const tenants = (await api(request, 'GET', '/api/tenants')).body as {
    name: string;
    divisionCode: string;
  }[];
  expect(tenants.map((t) => [t.name, t.divisionCode])).toContainEqual(['南溪区', '511503']);
  await request.dispose();
});
