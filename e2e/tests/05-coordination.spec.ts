import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { api, login, logout, pick, typeDate } from './helpers.ts';

/**
 * The coordination loop on the demo district (units, their staff accounts unit01…unit10, the
 * coordinator, a leader, projects gone quiet): unit staff raise a matter on a stale project and
 * report it to the coordination group; the coordinator takes it to the joint meeting; the joint
 * meeting's brief lists it; a leader records a decision with a task for another unit; that unit
 * closes the task with a result; the matter shows the outcome.
 */
const demoURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3917) + 1}`;
const DEMO_PASSWORD = 'Demo#Wanzhou2026';
const shots = new URL('../../docs/screenshots/', import.meta.url).pathname;
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
const inDays = (n: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + n * 86_400_000),
  );

const MATTER = '二期厂房用地报批受阻';
const DECISION = '同意由区规划自然资源部门牵头，两周内完成二期用地规划调整';
const TASK = '出具二期用地规划调整意见';
const RESULT = '规划调整意见已出具，用地报批材料已上报';

test.use({ baseURL: demoURL });

interface Staff {
  username: string;
  unitId: string;
  unitName: string;
  staleProject: string | null;
}
let raiser: Staff;
let taskUnit: Staff;

/** A unit account's unit and its first project gone quiet (if any). */
async function staffOf(request: APIRequestContext, username: string): Promise<Staff> {
  const login = await api(request, 'POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
  expect(login.status).toBe(200);
  const me = (await (await request.get('/api/me')).json()) as { unitId: string; unitName: string };
  const stale = await (await request.get('/api/projects?stale=true&pageSize=1&sort=name&order=asc')).json();
  await api(request, 'POST', '/api/auth/logout');
  return { username, unitId: me.unitId, unitName: me.unitName, staleProject: stale.items[0]?.name ?? null };
}
const unitAccount = (i: number) => `unit${String((i % 10) + 1).padStart(2, '0')}`;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: demoURL });
  const { needed } = await (await request.get('/api/setup')).json();
  if (needed) {
    const res = await api(request, 'POST', '/api/setup/demo', { password: DEMO_PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  // The first unit with a project gone quiet raises the matter; the next unit gets the task.
  let at = 0;
  raiser = await staffOf(request, unitAccount(at));
  while (raiser.staleProject === null && at < 9) raiser = await staffOf(request, unitAccount(++at));
  expect(raiser.staleProject, 'the demo has stale projects').not.toBeNull();
  taskUnit = await staffOf(request, unitAccount(at + 1));
  await request.dispose();
});

/** Waits for the toasts to go, so that screenshots show the page. */
async function quiet(page: Page) {
  await expect(page.locator('.ant-message-notice')).toHaveCount(0);
}

/** Opens the bell and follows the item whose text contains `text`. */
async function followBell(page: Page, text: string) {
  await page.getByTestId('bell').click();
  const item = page.getByTestId('bell-item').filter({ hasText: text }).first();
  await expect(item).toBeVisible();
  await item.click();
}

test('a matter goes from a stalled project to the joint meeting, is decided, followed up and closed', async ({
  page,
}) => {
  // ── Unit staff: the stale project, 提出协调事项, 上报综合协调组 ─────────────────────
  await login(page, raiser.username, DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: '项目库' }).click();
  await page.getByLabel('只看滞后').click();
  await page
    .getByRole('link', { name: raiser.staleProject ?? '' })
    .first()
    .click();
  await expect(page.getByText('滞后', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: '提出协调事项' }).click();
  const raise = page.getByRole('dialog');
  await raise.getByLabel('事项名称').fill(MATTER);
  await raise.getByLabel('具体情况').fill('二期厂房用地涉及规划调整，国土空间规划未落图，用地报批无法推进');
  await pick(page, '卡在哪个阶段', '开工');
  await typeDate(page, '办理时限', inDays(10));
  await raise.getByRole('button', { name: '提出协调事项' }).click();
  await expect(page).toHaveURL(/\/matters\/[0-9a-f-]{36}$/);
  const matterUrl = page.url();
  await expect(page.getByRole('heading', { name: MATTER })).toBeVisible();
  await expect(page.getByTestId('matter-level')).toHaveText('责任单位');
  await expect(page.getByRole('link', { name: raiser.staleProject ?? '' })).toBeVisible();

  await page.getByRole('button', { name: '上报综合协调组' }).click();
  const up = page.getByRole('dialog');
  await up.getByLabel('上报理由').fill('需规划部门调整用地规划，超出本单位职权');
  await up.getByRole('button', { name: '上报综合协调组' }).click();
  await expect(up).toBeHidden();
  await expect(page.getByTestId('matter-level')).toHaveText('综合协调组');
  // Unit staff go no further than the coordination group.
  await expect(page.getByRole('button', { name: '报送联席会议' })).toHaveCount(0);
  await logout(page);

  // ── The coordinator: the bell, 报送联席会议 ───────────────────────────────────────
  await login(page, 'coordinator', DEMO_PASSWORD);
  await followBell(page, MATTER);
  await expect(page).toHaveURL(matterUrl);
  await page.getByRole('button', { name: '报送联席会议' }).click();
  const joint = page.getByRole('dialog');
  await joint.getByLabel('上报理由').fill('涉及国土空间规划调整，报请联席会议决策');
  await joint.getByRole('button', { name: '报送联席会议' }).click();
  await expect(joint).toBeHidden();
  await expect(page.getByTestId('matter-level')).toHaveText('联席会议');
  await expect(page.getByTestId('matter-event-escalated')).toHaveCount(2);
  await expect(page.getByText('报请联席会议决策')).toBeVisible();
  await quiet(page);
  await page.screenshot({ path: `${shots}matter-escalated.png`, fullPage: true });

  // The joint meeting today, chaired by the convener; its agenda and brief carry the matter.
  await page.getByRole('menuitem', { name: '会议' }).click();
  await page.getByRole('button', { name: '安排会议' }).click();
  const meeting = page.getByRole('dialog');
  await pick(page, '会议类型', '联席会议');
  await typeDate(page, '会议日期', today);
  await pick(page, '召集人', '联席会议召集人');
  await pick(page, '参会单位', taskUnit.unitName);
  await meeting.getByLabel('会议地点').click();
  await meeting.getByLabel('会议地点').fill('区政府第一会议室');
  await meeting.getByRole('button', { name: '新建' }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  const meetingUrl = page.url();
  await expect(page.getByTestId('agenda')).toContainText(`【提请决策】${MATTER}`);
  await page.getByRole('tab', { name: '简报' }).click();
  const brief = page.getByTestId('brief');
  await expect(brief).toContainText('联席会议简报');
  const forDecision = page.getByTestId('brief-section-forDecision');
  await expect(forDecision).toContainText('一、提请联席会议研究的重大问题');
  const line = forDecision.getByRole('link', { name: new RegExp(MATTER) });
  await expect(line).toHaveAttribute('href', new URL(matterUrl).pathname);
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('brief-docx').click()]);
  expect(docx.suggestedFilename()).toMatch(/联席会议简报〔\d{4}〕第\d+期\.docx$/);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('brief-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  // The meeting and the top of its brief (a viewport's worth: long sections fold after 8 lines).
  await expect(page.getByTestId('brief-xlsx')).not.toHaveClass(/ant-btn-loading/);
  await quiet(page);
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}joint-brief.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await logout(page);

  // ── A leader: the matter awaits decision; record the decision with a task for another unit ──
  await login(page, 'leader', DEMO_PASSWORD);
  await page.getByTestId('bell').click();
  await expect(
    page.getByTestId('bell-item').filter({ hasText: `提请联席会议决策：${MATTER}` }),
  ).toBeVisible();
  await page.getByTestId('bell').click();
  await page.goto(`${new URL(meetingUrl).pathname}?tab=decisions`);
  await page.getByRole('button', { name: '记录决定' }).click();
  const decision = page.getByRole('dialog');
  await decision.getByLabel('决定内容').fill(DECISION);
  await pick(page, '所决定的协调事项', MATTER);
  await pick(page, '承办单位 1', taskUnit.unitName);
  await decision.getByLabel('任务内容 1').fill(TASK);
  await typeDate(page, '办理时限 1', inDays(7));
  await decision.getByRole('button', { name: '记录决定' }).click();
  await expect(decision).toBeHidden();
  const recorded = page.getByTestId('decision').filter({ hasText: DECISION });
  await expect(recorded).toContainText('督办中');
  await expect(recorded.getByRole('row', { name: new RegExp(TASK) })).toContainText(taskUnit.unitName);
  // The leader decides, but does not close another unit's task.
  await expect(recorded.getByRole('button', { name: `办结：${TASK}` })).toHaveCount(0);
  await logout(page);

  // ── The unit given the task: its bell, its list, 办结 with a result ─────────────────
  await login(page, taskUnit.username, DEMO_PASSWORD);
  await page.getByTestId('bell').click();
  await expect(page.getByTestId('bell-item').filter({ hasText: `会议交办事项：${TASK}` })).toBeVisible();
  await page.getByTestId('bell').click();
  await page.getByRole('menuitem', { name: '督办任务' }).click();
  const row = page.getByRole('row', { name: new RegExp(TASK) });
  await expect(row).toContainText('办理中');
  await row.getByRole('button', { name: `办结：${TASK}` }).click();
  const close = page.getByRole('dialog');
  await close.getByRole('button', { name: '办结' }).click();
  await expect(close.getByText('此项为必填项')).toBeVisible(); // a result is required
  await close.getByLabel('办理结果').fill(RESULT);
  await close.getByRole('button', { name: '办结' }).click();
  await expect(close).toBeHidden();
  await expect(row).toContainText('已办结');
  await expect(row).toContainText(RESULT);
  await row.getByRole('link', { name: TASK }).click();
  await expect(page.getByTestId('task-result')).toHaveText(RESULT);
  await quiet(page);
  await page.screenshot({ path: `${shots}task-closed.png`, fullPage: true });
  await logout(page);

  // ── Back with the unit that raised it: the matter is resolved with the outcome ─────
  await login(page, raiser.username, DEMO_PASSWORD);
  await page.goto(new URL(matterUrl).pathname);
  await expect(page.getByTestId('matter-status')).toHaveText('已解决');
  const outcome = page.getByTestId('matter-outcome');
  await expect(outcome).toContainText(DECISION);
  await expect(outcome).toContainText(`${taskUnit.unitName}：${RESULT}`);
  await expect(page.getByTestId('matter-event-decision')).toBeVisible();
  await expect(page.getByTestId('matter-event-resolved')).toBeVisible();
  await expect(page.getByRole('button', { name: '添加进展' })).toHaveCount(0);
  await page.screenshot({ path: `${shots}matter-outcome.png`, fullPage: true });
});
