import { expect, test, type Page } from '@playwright/test';
import { rememberTotpSecret, totpCode } from './helpers.ts';

/**
 * The foundation walk, as a new office would do it: first-run setup in the
 * browser, log in, create a unit and a unit-staff account, log in as that
 * person and see only what the policy allows.
 */
const ADMIN_PASSWORD = 'Wanzhou#2026';
const STAFF_PASSWORD = 'Jingxin#2026';
/** The initial password the administrator gives; 张三 replaces it at first login. */
const STAFF_INITIAL = 'Chushi#Mima2026';
const shots = new URL('../../docs/screenshots/', import.meta.url).pathname;

async function pickOption(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

async function login(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('setup → login → create unit and user → log in as that user', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByText('初始化设置').first()).toBeVisible();
  await page.screenshot({ path: `${shots}setup.png`, fullPage: true });

  // GB/T 2260: 重庆市 → 市辖区 → 万州区
  await page.getByLabel('行政区划').click();
  for (const name of ['重庆市', '市辖区', '万州区']) {
    await page.locator('.ant-cascader-menu-item', { hasText: new RegExp(`^${name}$`) }).click();
  }
  await expect(page.getByLabel('区域名称')).toHaveValue('万州区');
  await page.getByLabel('管理员用户名').fill('admin');
  await page.getByLabel('管理员姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByLabel('确认密码').fill('short');
  await page.getByRole('button', { name: '完成初始化' }).click();
  await expect(page.getByText(/长度至少 8 位/).first()).toBeVisible();
  await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByLabel('确认密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '完成初始化' }).click();

  await expect(page).toHaveURL(/\/login/);
  await login(page, 'admin', 'wrong-password');
  await expect(page.getByText('用户名或密码错误，或账户已被锁定')).toBeVisible();
  await login(page, 'admin', ADMIN_PASSWORD);
  // An administrator has two factors (TOTP): at first login the only page is the enrolment.
  await expect(page.getByRole('heading', { name: '绑定身份验证器' })).toBeVisible();
  await page.getByRole('button', { name: '开始绑定' }).click();
  await expect(page.getByRole('img', { name: '身份验证器二维码' })).toBeVisible();
  const server = new URL(page.url()).origin;
  rememberTotpSecret(server, 'admin', (await page.getByTestId('totp-secret').innerText()).trim());
  await page.getByLabel('验证码', { exact: true }).fill('000000');
  await page.getByRole('button', { name: '确认绑定' }).click();
  await expect(page.getByText('验证码不正确，请输入身份验证器当前显示的 6 位数字')).toBeVisible();
  await page.getByLabel('验证码', { exact: true }).fill(await totpCode(server, 'admin'));
  await page.getByRole('button', { name: '确认绑定' }).click();
  await expect(page.getByTestId('recovery-codes')).toContainText(/^[a-z0-9]{5}-[a-z0-9]{5}/);
  await page.getByRole('button', { name: '我已保存，继续' }).click();
  await expect(page.getByText('欢迎，王管理')).toBeVisible();

  // A responsible unit.
  await page.getByRole('menuitem', { name: '责任单位' }).click();
  await page.getByRole('button', { name: '新建责任单位' }).click();
  const unitDialog = page.getByRole('dialog');
  await unitDialog.getByLabel('单位名称').fill('区经济信息委');
  await pickOption(page, '单位类型', '部门');
  await pickOption(page, '所属工作组', '新引进项目组');
  await unitDialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('cell', { name: '区经济信息委', exact: true })).toBeVisible();

  // The joint meeting's working groups are there from the start, and can be renamed.
  await page.getByRole('menuitem', { name: '工作组' }).click();
  await page
    .getByRole('row', { name: /综合协调组/ })
    .getByRole('button', { name: '重命名' })
    .click();
  const renameDialog = page.getByRole('dialog');
  await renameDialog.getByLabel('工作组名称').fill('综合协调组（区招商投资促进局）');
  await renameDialog.getByRole('button', { name: '保存' }).click();
  await expect(renameDialog).toBeHidden();
  await expect(page.getByRole('cell', { name: '综合协调组（区招商投资促进局）' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '经开区外企业招商项目组' })).toBeVisible();

  // A unit-staff account in that unit.
  await page.getByRole('menuitem', { name: '用户' }).click();
  await page.getByRole('button', { name: '新建用户' }).click();
  const userDialog = page.getByRole('dialog');
  await userDialog.getByLabel('用户名').fill('zhangsan');
  await userDialog.getByLabel('姓名').fill('张三');
  await pickOption(page, '角色', '责任单位经办人');
  await pickOption(page, '责任单位', '区经济信息委');
  await userDialog.getByLabel('初始密码').fill(STAFF_INITIAL);
  await userDialog.getByLabel('确认密码').fill(STAFF_INITIAL);
  await userDialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('cell', { name: 'zhangsan', exact: true })).toBeVisible();
  await expect(userDialog).toBeHidden();
  await page.screenshot({ path: `${shots}users.png`, fullPage: true });

  // Log out, log in as the unit staff member.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
  // First login with the password the administrator set: it can only be changed (三员分立).
  await login(page, 'zhangsan', STAFF_INITIAL);
  await expect(page.getByText('请修改初始密码')).toBeVisible();
  await page.getByLabel('当前密码').fill(STAFF_INITIAL);
  await page.getByLabel('新密码', { exact: true }).fill(STAFF_PASSWORD);
  await page.getByLabel('确认新密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/login/);
  await login(page, 'zhangsan', STAFF_PASSWORD);
  await expect(page.getByText('欢迎，张三')).toBeVisible();
  await expect(page.getByText('区经济信息委').first()).toBeVisible();

  // The policy decides what this person sees: units yes, accounts and audit no.
  await expect(page.getByRole('menuitem', { name: '责任单位' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '用户' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: '审计日志' })).toHaveCount(0);
  await page.screenshot({ path: `${shots}unit-staff-home.png`, fullPage: true });
  await page.goto('/admin/users');
  await expect(page.getByText('您没有访问此页面的权限')).toBeVisible();
  const status = await page.evaluate(async () => (await fetch('/api/users')).status);
  expect(status).toBe(403);

  // English is one click away.
  await page.goto('/');
  await page.getByText('English').click();
  await expect(page.getByText('Log out').or(page.getByText('Welcome, 张三')).first()).toBeVisible();
});
