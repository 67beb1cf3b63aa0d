import { expect, test, type APIRequestContext } from '@playwright/test';
import { api, login, loginApi, typeDate } from './helpers.ts';

/**
 * 多头报送 and 增资 on the demo district: the coordinator finds one investor reported by two units on
 * the dashboard (each project by name and unit), marks the later report 重复报送 — the district's
 * funds then count it once — and records an expansion (增资) on the kept project's page.
 */
const demoURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3917) + 1}`;
const DEMO_PASSWORD = 'Demo#Wanzhou2026';
const WAN = 1_000_000;

test.use({ baseURL: demoURL });

let coordinator: APIRequestContext;
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

test.beforeAll(async ({ playwright }) => {
  coordinator = await playwright.request.newContext({ baseURL: demoURL });
  const { needed } = await (await coordinator.get('/api/setup')).json();
  if (needed)
    expect((await api(coordinator, 'POST', '/api/setup/demo', { password: DEMO_PASSWORD })).status).toBe(201);
  await loginApi(coordinator, 'coordinator', DEMO_PASSWORD);
});
test.afterAll(async () => coordinator?.dispose());

async function signedProject(name: string, unitId: string, enterpriseId: string, fundsWan: number) {
  const created = await api(coordinator, 'POST', '/api/projects', {
    name,
    unitId,
    enterpriseIds: [enterpriseId],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  let project = created.body as { id: string; version: number };
  for (const [to, evidence] of [
    ['negotiating', { date: today }],
    [
      'signed',
      {
        date: today,
        agreementKind: 'formal',
        agreedInvestmentFen: 20000 * WAN,
        noAgreementReason: '原件在企业',
      },
    ],
  ] as const) {
    const moved = await api(coordinator, 'POST', `/api/projects/${project.id}/stage`, {
      to,
      evidence,
      version: project.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    project = moved.body.project;
  }
  const funds = await api(coordinator, 'POST', `/api/projects/${project.id}/funding`, {
    date: today,
    amountFen: fundsWan * WAN,
    source: 'outside_province',
  });
  expect(funds.status, JSON.stringify(funds.body)).toBe(201);
  return project;
}

test('the coordinator marks a second report of one investment, then records its 增资', async ({ page }) => {
  const units = (await api(coordinator, 'GET', '/api/units')).body as { id: string; name: string }[];
  const [first, second] = units;
  const investor = await api(coordinator, 'POST', '/api/enterprises', { name: '重复报送测试投资有限公司' });
  expect(investor.status).toBe(201);
  const kept = await signedProject('精密轴承生产基地', first!.id, investor.body.id, 300);
  await signedProject('精密轴承基地项目（重报）', second!.id, investor.body.id, 500);
  const fundsNow = async () => (await api(coordinator, 'GET', '/api/dashboard')).body.kpi.actual as number;
  const before = await fundsNow();

  await login(page, 'coordinator', DEMO_PASSWORD);
  await page.goto('/dashboard');
  const item = page
    .getByTestId('shared-investors')
    .locator('.ant-list-item', { hasText: '重复报送测试投资有限公司' });
  await expect(item.getByRole('link', { name: '精密轴承生产基地' })).toBeVisible();
  await expect(item.getByRole('link', { name: '精密轴承基地项目（重报）' })).toBeVisible();
  await expect(item).toContainText(first!.name);
  await expect(item).toContainText(second!.name);
  await item.getByRole('button', { name: '标记重复报送' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('首报单位')).toBeVisible();
  await dialog.getByLabel('说明').fill('同一项目两单位重复报送');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(item.getByText(`重复报送，计入：精密轴承生产基地（${first!.name}）`)).toBeVisible();
  expect(await fundsNow()).toBe(before - 500 * WAN);
  await expect(item.getByRole('button', { name: '标记重复报送' })).toHaveCount(0); // nothing left to mark

  await item.getByRole('link', { name: '精密轴承生产基地' }).click();
  await page.getByRole('button', { name: '登记增资' }).click();
  const modal = page.getByRole('dialog');
  await typeDate(page, '增资协议日期', today);
  await modal.getByLabel('增资事项').fill('二期扩产');
  await modal.getByLabel('新增协议投资额（万元）').fill('5000');
  await modal.getByLabel('未上传协议文件的原因').fill('增资协议在企业盖章');
  await modal.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('增资已登记')).toBeVisible();
  const after = (await api(coordinator, 'GET', `/api/projects/${kept.id}`)).body.project;
  expect(after.agreedInvestmentFen).toBe(25000 * WAN);
});
