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
  typeDate,
  createAccount,
} from './helpers.ts';

/**
 * What an import leaves to people, made visible. A district ledger lists a project at 开工 without
 * its 开工时间: the preview counts and lists it under 待补证据, the import goes ahead, and the
 * project page marks it; the responsible unit's own staff record the start date through 补录证据
 * and the mark is gone. A ledger in 万美元 cannot be previewed without a rate: the preview points
 * to the 美元汇率 field, and with 7.1 there it converts.
 */
const COORDINATOR = 'buzheng';
const STAFF = 'jingxin08';
const UNIT = '区经济和信息化委员会';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Row {
  name: string;
  investor: string;
  agreed: number;
  kind: string;
  signed: string;
  registered: string;
  code: string;
  started: string | null;
  stage: string;
}
const started: Row = {
  name: '渝东新材料产业园项目',
  investor: '江苏渝东新材料有限公司',
  agreed: 45000,
  kind: '正式合同',
  signed: '2025-02-10',
  registered: '2025-03-05',
  code: '91350100M000100Y43',
  started: null,
  stage: '开工',
};
const signed: Row = {
  name: '三峡智能装备制造项目',
  investor: '广东三峡智能装备有限公司',
  agreed: 20000,
  kind: '框架协议',
  signed: '2025-06-18',
  registered: '',
  code: '',
  started: null,
  stage: '签约',
};

/** A one-table ledger with the evidence columns; `usd` heads the amount column in 万美元. */
async function buildLedger(rows: Row[], usd = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['万州区重点招商项目推进台账']);
  sheet.addRow(['填报单位：万州区投资促进局    截止时间：2025年9月30日    单位：万元']);
  sheet.addRow([
    '序号',
    '项目名称',
    '投资方',
    '责任单位',
    usd ? '协议投资额（万美元）' : '协议投资额',
    '签约类型',
    '签约时间',
    '注册时间',
    '项目公司统一社会信用代码',
    '开工时间',
    '项目阶段',
  ]);
  rows.forEach((r, i) =>
    sheet.addRow([
      i + 1,
      r.name,
      r.investor,
      UNIT,
      r.agreed,
      r.kind,
      r.signed,
      r.registered || null,
      r.code || null,
      r.started,
      r.stage,
    ]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.getByRole('menuitem', { name: '导入台账' }).click();
  await expect(page).toHaveURL(/\/imports$/);
  const again = page.getByRole('button', { name: '继续导入其他文件' });
  if (await again.isVisible()) await again.click();
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: XLSX, buffer });
  await expect(page.getByTestId('mapping-table')).toBeVisible();
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await ensureSetup(request);
  await loginApi(request, ADMIN.username, ADMIN.password);
  const units = (await api(request, 'GET', '/api/units')).body as { id: string; name: string }[];
  let unit = units.find((u) => u.name === UNIT);
  if (!unit) {
    const res = await api(request, 'POST', '/api/units', { name: UNIT, kind: 'department' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    unit = res.body as { id: string; name: string };
  }
  for (const user of [
    { username: COORDINATOR, displayName: '卜正', role: 'coordinator', unitId: null },
    { username: STAFF, displayName: '经信委联络员', role: 'unit_staff', unitId: unit.id },
  ]) {
    const res = await createAccount(request, { ...user, password: PASSWORD });
    expect([201, 409], JSON.stringify(res.body)).toContain(res.status);
  }
  await request.dispose();
});

test('a project imported at 开工 without its start date is listed as 待补证据, and its unit records the date', async ({
  page,
}) => {
  await login(page, COORDINATOR, PASSWORD);
  await upload(page, '万州区重点项目台账2025.9.xlsx', await buildLedger([started, signed]));
  await page.getByRole('button', { name: '预览' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-sum-errors')).toContainText('0');
  // Only the project at 开工 lacks evidence; the signed one has all its 签约 evidence.
  await expect(page.getByTestId('import-sum-evidencePending')).toContainText('1');
  const notice = page.getByTestId('import-evidence-notice');
  await expect(notice).toContainText('1 个项目导入后待补证据');
  await notice.getByRole('button', { name: '查看清单' }).click();
  const list = page.getByTestId('import-evidence-pending');
  await expect(list).toBeVisible();
  const row = list.getByRole('row', { name: new RegExp(started.name) });
  await expect(row).toContainText('开工');
  await expect(row).toContainText('实际开工日期');
  await expect(list.getByRole('row', { name: new RegExp(signed.name) })).toHaveCount(0);
  // The review switch is off: nothing waits for 报送审核.
  await expect(page.getByTestId('import-review-notice')).toHaveCount(0);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText(/新增 2 个/);
  await logout(page);

  // The unit's own staff open the project: marked, with the form to record what is missing.
  await login(page, STAFF, PASSWORD);
  await page.getByRole('menuitem', { name: '项目库' }).click();
  await page.getByRole('link', { name: started.name }).click();
  await expect(page.getByRole('heading', { name: started.name })).toBeVisible();
  const missing = page.getByTestId('evidence-missing');
  await expect(missing).toContainText('待补证据：实际开工日期');
  await expect(page.getByText('待补证据', { exact: true })).toBeVisible();
  await page.getByTestId('evidence-record').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`补录证据：${started.name}`);
  // One field per missing item: here the start date only.
  await expect(dialog.getByLabel('协议类型')).toHaveCount(0);
  // Nothing filled in: the shared schema refuses before anything is sent.
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('请至少填写一项证据')).toBeVisible();
  await typeDate(page, '实际开工日期', '2025-08-20');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('证据已补录')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(missing).toHaveCount(0);
  await expect(page.getByRole('heading', { name: started.name })).toBeVisible();
  await expect(page.getByText('待补证据', { exact: true })).toHaveCount(0);
  await expect(page.getByText('2025-08-20').first()).toBeVisible();
});

test('USD amounts need the 美元汇率: the preview points to the field, and the rate converts them', async ({
  page,
}) => {
  await login(page, COORDINATOR, PASSWORD);
  const usdProject: Row = {
    ...signed,
    name: '美资精密轴承项目',
    investor: '美国精工轴承有限公司',
    agreed: 500,
  };
  await upload(page, '外资项目台账.xlsx', await buildLedger([usdProject], true));
  // A rate the server would refuse cannot be sent.
  const rate = page.getByTestId('import-usd-rate');
  await rate.fill('7,1');
  await expect(page.getByText('美元汇率应为正数，如 7.1（最多 8 位小数）')).toBeVisible();
  await expect(page.getByRole('button', { name: '预览' })).toBeDisabled();
  await rate.fill('');
  await page.getByRole('button', { name: '预览' }).click();
  const hint = page.getByTestId('import-usd-rate-needed');
  await expect(hint).toContainText('需要美元汇率');
  await expect(page.getByTestId('import-errors')).toContainText('金额为美元，请在导入设置中填写美元汇率');
  await hint.getByRole('button', { name: '去填写美元汇率' }).click();
  await expect(rate).toBeFocused();
  await rate.fill('7.1');
  await page.getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-sum-errors')).toContainText('0');
  await expect(page.getByTestId('import-usd-rate-needed')).toHaveCount(0);
  await page.getByRole('tab', { name: /提示/ }).click();
  await expect(page.getByTestId('import-warnings')).toContainText('7.1');
});
