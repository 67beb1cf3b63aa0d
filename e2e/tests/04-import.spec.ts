import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ADMIN, ensureSetup, login, loginApi, PASSWORD, createAccount } from './helpers.ts';

/**
 * The Excel door, as the coordination group uses it: an office ledger (merged title,
 * 填报单位/截止时间/单位 line, two-row header with merged groups, sections, 合计 and 注)
 * with one column the matcher does not know (挂点领导) and one wrong credit code. The
 * coordinator maps the column by hand, previews, sees the bad row, downloads the error
 * report, fixes the file, uploads it again, previews clean, imports, and finds the
 * projects in the library.
 */
const shots = new URL('../../docs/screenshots/', import.meta.url).pathname;
const COORDINATOR = 'daoru';

/** Valid GB 32100 codes (buildCreditCode in @landfall/domain/credit-code). */
const codes = [
  '914406061000010194',
  '913101151000010273',
  '91440305100001035U',
  '91500112100001043N',
] as const;
/** The third code with a wrong check character. */
const wrongCode = '914403051000010350';
const badRow = 10;

interface LedgerRow {
  name: string;
  investor: string;
  code: string;
  place: string;
  unit: string;
  agreed: number;
  fixed: number;
  plan?: number;
  month?: number;
  cumulative?: number;
  signed?: string;
  leader: string;
  progress: string;
}

function ledgerRows(fixed: boolean): { title: string; rows: LedgerRow[] }[] {
  return [
    {
      title: '一、在谈项目',
      rows: [
        {
          name: '星源锂电池正极材料项目',
          investor: '广东星源新材料有限公司',
          code: codes[0],
          place: '广东省佛山市',
          unit: '区经济和信息化委员会',
          agreed: 50000,
          fixed: 40000,
          leader: '张副区长',
          progress: '已完成第三轮洽谈',
        },
        {
          name: '冷运冷链物流园项目',
          investor: '上海冷运集团有限公司',
          code: codes[1],
          place: '上海市浦东新区',
          unit: '区商务委员会',
          agreed: 12000,
          fixed: 8000,
          leader: '李副区长',
          progress: '客商来万州考察',
        },
      ],
    },
    {
      title: '二、已签约项目',
      rows: [
        {
          name: '华科智能终端产业园',
          investor: '深圳华科智能有限公司',
          code: fixed ? codes[2] : wrongCode,
          place: '深圳',
          unit: '区经济和信息化委员会',
          agreed: 200000,
          fixed: 150000,
          plan: 30000,
          month: 1500,
          cumulative: 8000,
          signed: '2017-03-15',
          leader: '张副区长',
          progress: '正在办理用地手续',
        },
        {
          name: '康源中药材精深加工项目',
          investor: '重庆康源药业有限公司',
          code: codes[3],
          place: '重庆市渝北区',
          unit: '区商务委员会',
          agreed: 30000,
          fixed: 20000,
          cumulative: 0,
          signed: '2017-05-20',
          leader: '李副区长',
          progress: '签约后办理注册',
        },
      ],
    },
  ];
}

/** The 推进台账 as an office keeps it in Excel; row 10 is the 华科 project. */
async function buildLedger(fixed: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  const width = 15;
  sheet.addRow(['万州区2017年招商引资项目推进台账']);
  sheet.addRow(['填报单位：万州区投资促进局        截止时间：2017年9月30日        单位：万元']);
  sheet.addRow([
    '序号',
    '项目名称',
    '投资方',
    null,
    null,
    '责任单位',
    '协议投资额\n（万元）',
    '其中：固定资产投资',
    '到位资金',
    null,
    null,
    '签约时间',
    '挂点领导',
    '目前进展',
    '备注',
  ]);
  sheet.addRow([
    null,
    null,
    '名称',
    '统一社会信用代码',
    '所在地',
    null,
    null,
    null,
    '本年计划',
    '本月到位',
    '累计到位',
  ]);
  sheet.mergeCells(1, 1, 1, width);
  sheet.mergeCells(2, 1, 2, width);
  for (const c of [1, 2, 6, 7, 8, 12, 13, 14, 15]) sheet.mergeCells(3, c, 4, c);
  sheet.mergeCells(3, 3, 3, 5);
  sheet.mergeCells(3, 9, 3, 11);
  let seq = 0;
  for (const section of ledgerRows(fixed)) {
    const title = sheet.addRow([`${section.title}（${section.rows.length}个）`]);
    sheet.mergeCells(title.number, 1, title.number, width);
    for (const r of section.rows) {
      seq += 1;
      sheet.addRow([
        seq,
        r.name,
        r.investor,
        r.code,
        r.place,
        r.unit,
        r.agreed,
        r.fixed,
        r.plan ?? null,
        r.month ?? null,
        r.cumulative ?? null,
        r.signed ?? null,
        r.leader,
        r.progress,
        null,
      ]);
    }
    sheet.addRow([]);
  }
  sheet.addRow(['合计', null, null, null, null, null, { formula: 'SUM(G6:G11)', result: 292000 }]);
  sheet.addRow(['注：1.本表金额单位为万元；2.到位资金按实际到账统计。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, fixed: boolean) {
  await page.locator('input[type="file"]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await buildLedger(fixed),
  });
  await expect(page.getByTestId('mapping-table')).toBeVisible();
}

/** 挂点领导 is not a header the matcher knows: it is proposed as 不导入 and mapped to 联系领导 by hand. */
async function mapLeaderColumn(page: Page) {
  const leader = page.getByRole('combobox', { name: /挂点领导/ });
  await expect(page.getByTestId('mapping-field-M')).toContainText('不导入');
  await leader.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^联系领导$/ })
    .click();
  await expect(page.getByTestId('mapping-field-M')).toContainText('联系领导');
  await page.getByTestId('import-create-units').click();
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await ensureSetup(request);
  await loginApi(request, ADMIN.username, ADMIN.password);
  const res = await createAccount(request, {
    username: COORDINATOR,
    displayName: '导入员',
    role: 'coordinator',
    unitId: null,
    password: PASSWORD,
  });
  expect([201, 409], JSON.stringify(res.body)).toContain(res.status);
  await request.dispose();
});

test('a coordinator maps an unusual column, fixes a bad row from the error report, and imports the ledger', async ({
  page,
}) => {
  await login(page, COORDINATOR, PASSWORD);
  await page.getByRole('menuitem', { name: '导入台账' }).click();
  await expect(page).toHaveURL(/\/imports$/);

  // A file that is not a spreadsheet is refused with the server's reason.
  await page.locator('input[type="file"]').setInputFiles({
    name: '损坏.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('不是表格'.repeat(20))]),
  });
  await expect(page.getByTestId('upload-error')).toContainText(/损坏\.xlsx.*(已损坏|无法识别)/);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0); // the toast has gone before the screenshots

  // 上传文件 → 核对表头: the office layout is recognised; one column needs a person.
  await upload(page, '万州区招商台账2017.9.xlsx', false);
  const layout = page.getByTestId('import-layout');
  await expect(layout).toContainText('第 3、4 行');
  await expect(layout).toContainText('2017-09-30');
  await expect(layout).toContainText('万州区投资促进局');
  await expect(page.getByTestId('mapping-header-C')).toHaveText('投资方/名称');
  await expect(page.getByTestId('mapping-field-C')).toContainText('投资方名称');
  await mapLeaderColumn(page);
  await page.waitForTimeout(300); // the steps' transition
  await page.screenshot({ path: `${shots}import-mapping.png`, fullPage: true });

  // 预览: the wrong credit code is listed with its row; nothing can be imported yet.
  await page.getByRole('button', { name: '预览' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-sum-rows')).toContainText('4');
  await expect(page.getByTestId('import-sum-errors')).toContainText('1');
  const errors = page.getByTestId('import-errors');
  const errorRow = errors.getByRole('row', { name: new RegExp(`^${badRow}\\s`) });
  await expect(errorRow).toContainText(wrongCode);
  await expect(errorRow).toContainText(`D${badRow}`);
  await expect(page.getByTestId('import-skipped')).toContainText('跳过的行（4）');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300); // the steps' transition
  await page.screenshot({ path: `${shots}import-preview-errors.png`, fullPage: true });

  // 下载错误报告: the bad row is in the workbook's 错误 sheet.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /下载错误报告/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/错误报告\.xlsx$/);
  const report = new ExcelJS.Workbook();
  await report.xlsx.readFile(await download.path());
  const errorSheet = report.getWorksheet('错误');
  const reported: unknown[] = [];
  errorSheet?.eachRow((row) => reported.push(row.getCell(1).value));
  expect(reported).toContain(badRow);

  // A fixed file is a new upload; the mapping is confirmed again (it is saved only on a commit).
  await page.getByRole('button', { name: '重新上传' }).click();
  await upload(page, '万州区招商台账2017.9（修改）.xlsx', true);
  await mapLeaderColumn(page);
  await page.getByRole('button', { name: '预览' }).click();
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-sum-errors')).toContainText('0');
  await expect(page.getByTestId('import-sum-created')).toContainText('4');
  await expect(page.getByTestId('import-new-units')).toContainText('区经济和信息化委员会');
  await expect(page.getByTestId('import-items')).toContainText('华科智能终端产业园');

  // 确认导入: the bar runs (or has already filled, for a file this small) and the result shows.
  await page.getByTestId('import-commit').click();
  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible();
  await expect(done.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(done).toContainText('新增 4 个');
  await page.screenshot({ path: `${shots}import-done.png`, fullPage: true });

  // The library has the projects, with the leader from the hand-mapped column.
  await done.getByRole('button', { name: '查看项目库' }).click();
  await expect(page).toHaveURL(/\/projects/);
  for (const name of ['星源锂电池正极材料项目', '华科智能终端产业园', '康源中药材精深加工项目']) {
    await expect(page.getByRole('link', { name })).toBeVisible();
  }

  // 导出台账: the library's ledger as .xlsx, with the imported projects in it.
  const [ledger] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出台账' }).click(),
  ]);
  expect(ledger.suggestedFilename()).toMatch(/推进台账.*\.xlsx$/);
  const exported = new ExcelJS.Workbook();
  await exported.xlsx.readFile(await ledger.path());
  const names: unknown[] = [];
  exported.worksheets[0]?.eachRow((row) => row.eachCell((cell) => names.push(cell.value)));
  expect(names).toContain('华科智能终端产业园');

  await page.getByRole('link', { name: '华科智能终端产业园' }).click();
  await expect(page.getByText('张副区长').first()).toBeVisible();

  // 导出月度统计表 on the dashboard, for this month by default.
  await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
  const [monthly] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出月度统计表' }).click(),
  ]);
  expect(monthly.suggestedFilename()).toMatch(/\d{4}-\d{2}到位资金统计表\.xlsx$/);
});
