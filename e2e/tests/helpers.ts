import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { generate } from 'otplib';

export const ADMIN = { username: 'admin', password: 'Wanzhou#2026' };
export const PASSWORD = 'Jingxin#2026';
/** The second server of the browser tests, on its own folder: the demo district (a first-run choice). */
export const DEMO_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3917) + 1}`;
export const DEMO_PASSWORD = 'Demo#Wanzhou2026';

/** Loads the demo on the demo server unless an earlier spec has (each spec may run alone). */
export async function ensureDemo(request: APIRequestContext) {
  const { needed } = await (await request.get('/api/setup')).json();
  if (!needed) return;
  const res = await api(request, 'POST', '/api/setup/demo', { password: DEMO_PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

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

/**
 * The tests' authenticator app: administrators must have TOTP (issue 12, item 7), so the helpers enrol
 * them at their first login and keep each secret (per server, per username) in a file beside the data
 * folder, shared by the spec files. A code is accepted once per 30-s step: a login within the step of
 * the last one waits for the next step, as a person would wait for the next code.
 */
const secretsFile = `${process.env.E2E_DATA_DIR ?? join(tmpdir(), 'landfall-e2e')}.totp.json`;
type Secrets = Record<string, { secret: string; lastStep: number }>;
function readSecrets(): Secrets {
  return existsSync(secretsFile) ? (JSON.parse(readFileSync(secretsFile, 'utf8')) as Secrets) : {};
}
function keyOf(server: string, username: string) {
  return `${new URL(server).host}|${username.toLowerCase()}`;
}
export function rememberTotpSecret(server: string, username: string, secret: string) {
  const all = readSecrets();
  all[keyOf(server, username)] = { secret, lastStep: 0 };
  writeFileSync(secretsFile, JSON.stringify(all));
}
/** The code the account's authenticator shows now, never one of a step already used. */
export async function totpCode(server: string, username: string): Promise<string> {
  const all = readSecrets();
  const entry = all[keyOf(server, username)];
  if (!entry) throw new Error(`no TOTP secret for ${username} at ${server}`);
  let step = Math.floor(Date.now() / 30_000);
  if (step <= entry.lastStep) {
    await new Promise((r) => setTimeout(r, (entry.lastStep + 1) * 30_000 - Date.now() + 200));
    step = Math.floor(Date.now() / 30_000);
  }
  entry.lastStep = step;
  writeFileSync(secretsFile, JSON.stringify(all));
  return generate({ secret: entry.secret, epoch: step * 30 });
}

/** Logs in over the API: the password, then the code (or enrolment, for an administrator without TOTP). */
export async function loginApi(request: APIRequestContext, username: string, password: string) {
  // The server this context talks to (specs with a server of their own have their own secrets).
  const server = new URL((await request.get('/api/setup')).url()).origin;
  const res = await api(request, 'POST', '/api/auth/login', { username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const body = res.body as { secondFactor?: string; totpEnrolmentRequired?: boolean };
  if (body.secondFactor === 'pending') {
    const code = await api(request, 'POST', '/api/auth/totp', { code: await totpCode(server, username) });
    expect(code.status, JSON.stringify(code.body)).toBe(200);
  } else if (body.totpEnrolmentRequired) {
    const started = await api(request, 'POST', '/api/me/totp/enrolment', {});
    expect(started.status).toBe(200);
    rememberTotpSecret(server, username, (started.body as { secret: string }).secret);
    const confirmed = await api(request, 'POST', '/api/me/totp/confirm', {
      code: await totpCode(server, username),
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  }
}

/**
 * Logs in in the browser as a person would: password, then the authenticator's code when asked; an
 * administrator without TOTP enrols on the page shown (the secret read from it, the recovery codes seen).
 */
export async function login(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  const server = new URL(page.url()).origin;
  const codeStep = page.getByLabel('动态验证码');
  const enrol = page.getByRole('button', { name: '开始绑定' });
  await expect(codeStep.or(enrol).or(page.getByTestId('user-menu')).first()).toBeVisible();
  if (await codeStep.isVisible()) {
    await codeStep.fill(await totpCode(server, username));
    await page.getByRole('button', { name: '验证' }).click();
  } else if (await enrol.isVisible()) {
    await enrol.click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    rememberTotpSecret(server, username, secret);
    await page.getByLabel('验证码', { exact: true }).fill(await totpCode(server, username));
    await page.getByRole('button', { name: '确认绑定' }).click();
    await expect(page.getByTestId('recovery-codes')).toBeVisible();
    await page.getByRole('button', { name: '我已保存，继续' }).click();
  }
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * Picks an option of the antd Select labelled `label`, and checks the select shows it: on a loaded
 * machine a click can land while the dropdown is still opening (its motion), so it is tried again.
 */
export async function pick(page: Page, label: string, option: string) {
  const input = page.getByLabel(label, { exact: true });
  await choose(page, page.locator('.ant-select', { has: input }), input, option);
}

/** The same for a select found otherwise (its data-testid, say): `select` is the antd Select's root. */
export async function pickIn(page: Page, select: Locator, option: string) {
  await choose(page, select, select, option);
}

async function choose(page: Page, select: Locator, opener: Locator, option: string) {
  const item = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first();
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (!(await item.isVisible())) await opener.click();
      await item.click({ timeout: 5_000 });
      await expect(select).toContainText(option, { timeout: 2_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Types a date into an antd DatePicker labelled `label` and confirms it. */
export async function typeDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
}

/**
 * A `landfall serve` of a spec's own on a fresh folder (E2E_PORT + offset), set up as 宜宾市 (a city):
 * for specs that need a city, while the shared servers are a district and the demo. `admin` is logged in.
 */
export async function startCityServer(offset: number) {
  const port = Number(process.env.E2E_PORT ?? 3917) + offset;
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'landfall-e2e-city-'));
  const bin = new URL('../../packages/server/bin/landfall.js', import.meta.url).pathname;
  const server = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--data', dataDir], {
    env: { ...process.env, DATABASE_URL: '', LANDFALL_LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  const admin = await playwrightRequest.newContext({ baseURL });
  await expect
    .poll(async () => (await admin.get('/api/health').catch(() => null))?.status() ?? 0, {
      timeout: 90_000,
      intervals: [500],
    })
    .toBe(200);
  const setup = await api(admin, 'POST', '/api/setup', {
    tenantName: '宜宾市',
    divisionCode: '511500',
    adminUsername: ADMIN.username,
    password: ADMIN.password,
  });
  expect(setup.status, JSON.stringify(setup.body)).toBe(201);
  await loginApi(admin, ADMIN.username, ADMIN.password);
  const tenants = (await api(admin, 'GET', '/api/tenants')).body as { id: string; name: string }[];
  const cityId = tenants.find((t) => t.name === '宜宾市')!.id;
  return {
    baseURL,
    admin,
    cityId,
    async stop() {
      await admin.dispose();
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
