import { expect, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', password: 'Wanzhou#2026' };
export const PASSWORD = 'Jingxin#2026';

/** JSON call to the API with the CSRF token, as the web app does. */
export async function api(
  request: APIRequestContext,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  data?: unknown,
) {
  const csrf = (await (await request.get('/api/csrf')).json()).token as string;
  const res = await request.fetch(url, { method, data, headers: { 'x-csrf-token': csrf } });
  return { status: res.status(), body: await res.json().catch(() => null) };
}

/** First-run setup when this data folder is fresh (the foundation test may already have done it in the browser). */
export async function ensureSetup(request: APIRequestContext) {
  const { needed } = await (await request.get('/api/setup')).json();
  if (needed) {
    const res = await api(request, 'POST', '/api/setup', {
      tenantName: '万州区',
      divisionCode: '500101',
      adminUsername: ADMIN.username,
      password: ADMIN.password,
    });
    expect(res.status).toBe(201);
  }
}

/**
 * Creates an account as its administrator would (with an initial password) and activates it as its owner
 * would at first login: the initial password is replaced by `body.password`, which the test then uses.
 * Answers the creation's status and body (409 when the account exists from an earlier run).
 */
export async function createAccount(
  request: APIRequestContext,
  body: { username: string; password: string } & Record<string, unknown>,
  /** The server `request` talks to (specs with a server of their own pass theirs). */
  baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3917}`,
) {
  const issued = `${body.password}~first`;
  const res = await api(request, 'POST', '/api/users', { ...body, password: issued });
  if (res.status !== 201) return res;
  const owner = await playwrightRequest.newContext({ baseURL });
  await loginApi(owner, body.username, issued);
  const changed = await api(owner, 'POST', '/api/me/password', {
    currentPassword: issued,
    newPassword: body.password,
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(204);
  await owner.dispose();
  return res;
}

export async function loginApi(request: APIRequestContext, username: string, password: string) {
  const res = await api(request, 'POST', '/api/auth/login', { username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function login(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Picks an option of the antd Select labelled `label` inside `scope`. */
export async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

/** Types a date into an antd DatePicker labelled `label` and confirms it. */
export async function typeDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
}
