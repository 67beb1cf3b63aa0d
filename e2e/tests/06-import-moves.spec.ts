import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import {
  ADMIN,
  api,
  ensureSetup,
  login,
  loginApi,
  logout,
  PASSWORD,
  pick,
  typeDate,
  createAccount,
} from './helpers.ts';

/**
 * Stage moves that came from an import read like any other. A district with two units imports
 * its June ledger (projects at 签约 and 开工), then its September one, where the same projects
 * have moved on (签约 → 开工, 开工 → 投产). Each moved project's page shows the moves with both
 * stage names — for the coordinator and for the unit's own staff — and the weekly meeting's brief
 * lists them as 「签约 → 开工」. And when a page does fail (here: the dashboard's code cannot be
 * fetched), the app shows its own error screen inside the frame, with the ways back.
 */
const COORDINATOR = 'yidong';
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
const UNITS = { industry: '区工业和信息化局', farming: '区农业农村委员会' } as const;
const STAFF = { industry: 'gongxin01', farming: 'nongye01' } as const;

interface Row {
  name: string;
  investor: string;
  place: string;
  unit: string;
  agreed: number;
  signed: string;
  started?: string;
  progress: string;
}
const solar: Row = {
  name: '云海光伏组件项目',
  investor: '江苏云海光伏科技有限公司',
  place: '江苏省昆山市',
  unit: UNITS.industry,
  agreed: 60000,
  signed: '2025-03-15',
  progress: '签约后办理用地手续',
};
const food: Row = {
  name: '禾丰食品加工项目',
  investor: '重庆禾丰食品有限公司',
  place: '重庆市渝北区',
  unit: UNITS.farming,
  agreed: 12000,
  signed: '2024-11-10',
  started: '2025-05-06',
  progress: '厂房主体施工',
};
const depot: Row = {
  name: '锦程冷链物流中心项目',
  investor: '四川锦程物流有限公司',
  place: '四川省成都市',
  unit: UNITS.industry,
  agreed: 8000,
  signed: '2025-04-01',
  progress: '签约后办理注册',
};

/** An office ledger: title, 填报单位/截止时间/单位 line, a two-row header, sections by stage. */
async function buildLedger(cutOff: string, sections: { title: string; rows: Row[] }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  const width = 10;
  sheet.addRow(['万州区2025年招商引资项目推进台账']);
  sheet.addRow([`填报单位：万州区投资促进局        截止时间：${cutOff}        单位：万元`]);
  sheet.addRow([
    '序号',
    '项目名称',
    '投资方',
    null,
    '责任单位',
    '协议投资额\n（万元）',
    '签约时间',
    '开工时间',
    '目前进展',
    '备注',
  ]);
  sheet.addRow([null, null, '名称', '所在地']);
  sheet.mergeCells(1, 1, 1, width);
  sheet.mergeCells(2, 1, 2, width);
  for (const c of [1, 2, 5, 6, 7, 8, 9, 10]) sheet.mergeCells(3, c, 4, c);
  sheet.mergeCells(3, 3, 3, 4);
  let seq = 0;
  for (const section of sections) {
    const title = sheet.addRow([`${section.title}（${section.rows.length}个）`]);
    sheet.mergeCells(title.number, 1, title.number, width);
    for (const r of section.rows) {
      seq += 1;
      sheet.addRow([
        seq,
        r.name,
        r.investor,
        r.place,
        r.unit,
        r.agreed,
        r.signed,
        r.started ?? null,
        r.progress,
      ]);
    }
    sheet.addRow([]);
  }
  sheet.addRow(['注：本表金额单位为万元。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Upload → 核对表头 → 预览 → 导入, in the wizard. */
async function importLedger(page: Page, filename: string, file: Buffer, expected: RegExp) {
  await page.getByRole('menuitem', { name: '导入台账' }).click();
  await expect(page).toHaveURL(/\/imports$/);
  // After an import the wizard shows its result until asked for another file.
  const again = page.getByRole('button', { name: '继续导入其他文件' });
  if (await again.isVisible()) await again.click();
  await page.locator('input[type="file"]').setInputFiles({
    name: filename,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  });
  await expect(page.getByTestId('mapping-table')).toBeVisible();
  await page.getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-sum-errors')).toContainText('0');
  await page.getByTestId('import-commit').click();
  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible();
  await expect(done).toContainText(expected);
}

/** The project's page has its ledger with the moves, and no error screen. */
async function expectMoves(page: Page, url: string, name: string, moves: string[]) {
  await page.goto(url);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  for (const move of moves) await expect(page.getByText(move, { exact: true })).toBeVisible();
  await expect(page.getByTestId('route-error')).toHaveCount(0);
  await expect(page.getByText('Unexpected Application Error')).toHaveCount(0);
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await ensureSetup(request);
  await loginApi(request, ADMIN.username, ADMIN.password);
  const units = (await api(request, 'GET', '/api/units')).body as { id: string; name: string }[];
  for (const [key, name] of Object.entries(UNITS) as [keyof typeof UNITS, string][]) {
    let unit = units.find((u) => u.name === name);
    if (!unit) {
      const res = await api(request, 'POST', '/api/units', { name, kind: 'department' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      unit = res.body;
    }
    const staff = await createAccount(request, {
      username: STAFF[key],
      displayName: `${name}联络员`,
      role: 'unit_staff',
      unitId: unit!.id,
      password: PASSWORD,
    });
    expect([201, 409], JSON.stringify(staff.body)).toContain(staff.status);
  }
  const res = await createAccount(request, {
    username: COORDINATOR,
    displayName: '易东',
    role: 'coordinator',
    unitId: null,
    password: PASSWORD,
  });
  expect([201, 409], JSON.stringify(res.body)).toContain(res.status);
  await request.dispose();
});

test('imported stage moves show on the project page and in the brief; a failing page keeps the frame', async ({
  page,
}) => {
  await login(page, COORDINATOR, PASSWORD);

  // June: 云海 and 锦程 signed, 禾丰 under construction.
  await importLedger(
    page,
    '万州区招商台账2025.6.xlsx',
    await buildLedger('2025年6月30日', [
      { title: '一、已签约项目', rows: [solar, depot] },
      { title: '二、开工建设项目', rows: [food] },
    ]),
    /新增 3 个/,
  );
  // September: 云海 has started, 禾丰 is in production, 锦程 unchanged.
  await importLedger(
    page,
    '万州区招商台账2025.9.xlsx',
    await buildLedger('2025年9月30日', [
      { title: '一、已签约项目', rows: [depot] },
      { title: '二、开工建设项目', rows: [{ ...solar, started: '2025-08-20' }] },
      { title: '三、已投产项目', rows: [food] },
    ]),
    /更新 2 个/,
  );

  // Each moved project's page, as the coordinator.
  const urls: Record<string, string> = {};
  for (const project of [solar, food]) {
    await page.getByRole('menuitem', { name: '项目库' }).click();
    await page.getByRole('link', { name: project.name }).click();
    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}/);
    urls[project.name] = new URL(page.url()).pathname;
  }
  const solarMoves = ['导入：签约 → 开工'];
  const foodMoves = ['导入：签约 → 开工', '导入：开工 → 投产'];
  await expectMoves(page, urls[solar.name]!, solar.name, solarMoves);
  await expectMoves(page, urls[food.name]!, food.name, foodMoves);

  // The weekly meeting today: its brief lists the moves with both stages (recorded today: 补录).
  await page.getByRole('menuitem', { name: '会议' }).click();
  await page.getByRole('button', { name: '安排会议' }).click();
  const meeting = page.getByRole('dialog');
  await pick(page, '会议类型', '每周业务通气');
  await typeDate(page, '会议日期', today);
  await meeting.getByRole('button', { name: '新建' }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await page.getByRole('tab', { name: '简报' }).click();
  const moves = page.getByTestId('brief-section-stageMoves');
  await expect(moves).toBeVisible();
  const unfold = moves.getByRole('button', { name: /展开/ });
  if (await unfold.count()) await unfold.click();
  for (const line of [
    `${food.name}（${UNITS.farming}）：签约 → 开工（2025-05-06）（补录）`,
    `${solar.name}（${UNITS.industry}）：签约 → 开工（2025-09-30）（补录）`,
    `${food.name}（${UNITS.farming}）：开工 → 投产（2025-09-30）（补录）`,
  ]) {
    await expect(moves.getByRole('link', { name: line, exact: true })).toBeVisible();
  }
  await expect(moves).not.toContainText('—');

  // An unknown address: the app's own 404, in Chinese, with the ways back.
  await page.goto('/no-such-page');
  const notFound = page.getByTestId('not-found');
  await expect(notFound).toContainText('页面不存在');
  await expect(page.getByTestId('tenant-name')).toBeVisible();
  await notFound.getByRole('button', { name: '返回首页' }).click();
  await expect(page).not.toHaveURL(/no-such-page/);

  // A page that fails to render (its code cannot be fetched, as after an upgrade or a dropped
  // connection): the error screen sits inside the frame; the detail is folded.
  await page.route(/\/assets\/DashboardPage[^/]*\.js$/, (route) => route.abort());
  await page.goto('/projects');
  await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
  const failed = page.getByTestId('route-error');
  await expect(failed).toContainText('页面出错了');
  await expect(page.getByTestId('tenant-name')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '项目库' })).toBeVisible();
  await expect(page.getByText('Unexpected Application Error')).toHaveCount(0);
  const detail = page.getByTestId('route-error-detail');
  await expect(detail).toBeHidden();
  await failed.getByRole('button', { name: '详细信息' }).click();
  await expect(detail).toBeVisible();
  await expect(detail).toContainText(
    /dynamically imported module|Failed to fetch|Importing a module script failed/i,
  );
  for (const name of ['返回上一页', '返回首页', '重新加载'])
    await expect(failed.getByRole('button', { name })).toBeVisible();
  await failed.getByRole('button', { name: '返回上一页' }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(failed).toHaveCount(0);
  // Once the code can be fetched again, 重新加载 brings the page back.
  await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
  await expect(failed).toBeVisible();
  await page.unroute(/\/assets\/DashboardPage[^/]*\.js$/);
  await failed.getByRole('button', { name: '重新加载' }).click();
  await expect(page.getByRole('button', { name: '导出月度统计表' })).toBeVisible();
  await logout(page);

  // The units' own staff see the same moves on their projects.
  await login(page, STAFF.industry, PASSWORD);
  await expectMoves(page, urls[solar.name]!, solar.name, solarMoves);
  await logout(page);
  await login(page, STAFF.farming, PASSWORD);
  await expectMoves(page, urls[food.name]!, food.name, foodMoves);
  await logout(page);
});
