import { expect, test } from '@playwright/test';
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
 * The project library walk of a unit's staff member: an enterprise (a wrong
 * credit code refused in Chinese), a lead, the lead turned into a project,
 * signed with its evidence, funds in place — then the coordination group sees
 * it all and a leader can read but not change it.
 */
const shots = new URL('../../docs/screenshots/', import.meta.url).pathname;
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await ensureSetup(request);
  await loginApi(request, ADMIN.username, ADMIN.password);
  const unit = await api(request, 'POST', '/api/units', { name: '区招商投资促进局', kind: 'department' });
  expect(unit.status).toBe(201);
  for (const [username, role, unitId] of [
    ['wangwu', 'unit_staff', unit.body.id],
    ['xietiao', 'coordinator', null],
    ['lingdao', 'leader', null],
  ]) {
    const res = await createAccount(request, {
      username,
      displayName: username,
      role,
      unitId,
      password: PASSWORD,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  await request.dispose();
});

test('unit staff: enterprise → lead → project → signed → funds; coordinator sees it; leader reads only', async ({
  page,
}) => {
  await login(page, 'wangwu', PASSWORD);

  // 企业库: a wrong credit code is refused with a clear Chinese message, then fixed.
  await page.getByRole('menuitem', { name: '企业库' }).click();
  await page.getByRole('button', { name: '新建企业' }).click();
  const enterpriseDialog = page.getByRole('dialog');
  await enterpriseDialog.getByLabel('企业名称').fill('广东三雄极光照明股份有限公司');
  await enterpriseDialog.getByLabel('统一社会信用代码').fill('91440300708461136X');
  await enterpriseDialog.getByLabel('企业名称').click();
  await expect(enterpriseDialog.getByText(/校验码不正确/)).toBeVisible();
  await enterpriseDialog.getByLabel('统一社会信用代码').fill('91440300708461136T');
  await enterpriseDialog.getByRole('button', { name: '保存' }).click();
  await expect(enterpriseDialog).toBeHidden();
  await expect(page.getByRole('cell', { name: '广东三雄极光照明股份有限公司' })).toBeVisible();

  // 招商信息: report a lead, then turn it into a project.
  await page.getByRole('menuitem', { name: '招商信息' }).click();
  await page.getByRole('button', { name: '报送招商信息' }).click();
  const leadDialog = page.getByRole('dialog');
  await leadDialog.getByLabel('信息标题').fill('三雄极光拟建西南照明生产基地');
  await leadDialog.getByLabel('投资方名称').fill('广东三雄极光照明股份有限公司');
  await leadDialog.getByLabel('预计投资额（万元）').fill('25000');
  await leadDialog.getByRole('button', { name: '保存' }).click();
  await expect(leadDialog).toBeHidden();
  const leadRow = page.getByRole('row', { name: /三雄极光拟建西南照明生产基地/ });
  await leadRow.getByRole('button', { name: '转为项目' }).click();
  const convertDialog = page.getByRole('dialog');
  await expect(convertDialog.getByLabel('项目名称')).toHaveValue(/三雄极光/);
  await convertDialog.getByLabel('项目名称').fill('三雄极光西南照明生产基地');
  await convertDialog.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}/);
  await expect(page.getByText('三雄极光西南照明生产基地').first()).toBeVisible();

  // Move to 在谈, then to 签约 with its evidence.
  for (const stage of ['在谈', '签约']) {
    await page.getByRole('button', { name: '推进阶段' }).click();
    const move = page.getByRole('dialog');
    await pick(page, '目标阶段', stage);
    await typeDate(page, stage === '在谈' ? '进入在谈日期' : '签约日期', today);
    if (stage === '签约') {
      await move.getByRole('radio', { name: '正式合同' }).check();
      await move.getByLabel('协议投资额（万元）').fill('25000');
      // Without the agreement file the signing says why.
      await move.getByLabel('未上传协议文件的原因').fill('协议原件在投资方盖章，待返回后扫描上传');
    }
    await move.getByRole('button', { name: '保存' }).click();
    await expect(move).toBeHidden();
  }
  await expect(page.getByText('2.50 亿元').first()).toBeVisible();

  // 登记到位资金.
  await page.getByRole('button', { name: '登记到位资金' }).click();
  const funds = page.getByRole('dialog');
  await typeDate(page, '到位日期', today);
  await funds.getByLabel('到位金额（万元）').fill('5000');
  await pick(page, '资金来源', '省外');
  await funds.getByRole('button', { name: '保存' }).click();
  await expect(funds).toBeHidden();
  await expect(page.getByText('5,000.00 万元').first()).toBeVisible();
  await page.screenshot({ path: `${shots}project.png`, fullPage: true });
  const projectUrl = page.url();
  await logout(page);

  // The coordination group sees it in the library, with the funds.
  await login(page, 'xietiao', PASSWORD);
  await page.getByRole('menuitem', { name: '项目库' }).click();
  await expect(page.getByText('三雄极光西南照明生产基地')).toBeVisible();
  await page.screenshot({ path: `${shots}library.png`, fullPage: true });
  await page.goto(projectUrl);
  await expect(page.getByText('5,000.00 万元').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '编辑项目' })).toBeVisible();
  await logout(page);

  // A leader reads but cannot change.
  await login(page, 'lingdao', PASSWORD);
  await page.goto(projectUrl);
  await expect(page.getByText('三雄极光西南照明生产基地').first()).toBeVisible();
  for (const action of ['编辑项目', '推进阶段', '登记到位资金', '添加进展']) {
    await expect(page.getByRole('button', { name: action })).toHaveCount(0);
  }
  const id = projectUrl.split('/').pop() as string;
  const status = await page.evaluate(async (projectId) => {
    const csrf = ((await (await fetch('/api/csrf')).json()) as { token: string }).token;
    const res = await fetch(`/api/projects/${projectId}/progress`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ date: new Date().toISOString().slice(0, 10), current: '领导试图修改' }),
    });
    return res.status;
  }, id);
  expect(status).toBe(403);
});
