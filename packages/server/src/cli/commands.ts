import type { Env } from '../env.ts';
import { CliError, connect, expectOk, type Connection } from './connection.ts';

/** Opens a connection, runs one command over the API, closes. */
export async function withConnection<T>(env: Env, fn: (c: Connection) => Promise<T>): Promise<T> {
  const connection = await connect(env);
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

export function print(data: unknown, json: boolean, text: string) {
  console.log(json ? JSON.stringify(data, null, 2) : text);
}

export async function migrateCommand(env: Env, json: boolean) {
  await withConnection(env, async (c) => {
    const health = expectOk(await c.request('GET', '/api/health')) as { engine: string };
    // A local connection migrated while opening; a running server migrated at its own start.
    const data = { engine: health.engine, mode: c.mode, migrated: true };
    print(
      data,
      json,
      c.mode === 'local'
        ? `迁移完成 / migrations applied (${health.engine})`
        : '服务器运行中，启动时已完成迁移 / the running server migrated at start',
    );
  });
}

export async function setupCommand(
  env: Env,
  opts: {
    tenant: string;
    division: string;
    admin: string;
    displayName?: string;
    password: string;
    json: boolean;
  },
) {
  await withConnection(env, async (c) => {
    const result = expectOk(
      await c.request('POST', '/api/setup', {
        tenantName: opts.tenant,
        divisionCode: opts.division,
        adminUsername: opts.admin,
        adminDisplayName: opts.displayName,
        password: opts.password,
      }),
    );
    print(result, opts.json, `初始化完成 / set up: ${opts.tenant}, administrator ${opts.admin}`);
  });
}

interface UserRow {
  id: string;
  username: string;
  role: string;
  tenantId: string;
  unitId: string | null;
  disabled: boolean;
}

async function findUserByName(c: Connection, username: string): Promise<UserRow> {
  const users = expectOk(await c.request('GET', '/api/users')) as UserRow[];
  const user = users.find((u) => u.username.toLowerCase() === username.toLowerCase());
  if (!user) throw new CliError(`用户不存在 / no such user: ${username}`);
  return user;
}

export async function findTenantId(c: Connection, name: string | undefined): Promise<string> {
  const tenants = expectOk(await c.request('GET', '/api/tenants')) as {
    id: string;
    name: string;
    parentId: string | null;
    divisionCode: string;
  }[];
  const tenant = name
    ? tenants.find((t) => t.name === name || t.divisionCode === name)
    : tenants.find((t) => !t.parentId);
  if (!tenant)
    throw new CliError(
      name ? `区域不存在 / no such tenant: ${name}` : '尚未初始化 / run `landfall setup` first',
    );
  return tenant.id;
}

export async function userAddCommand(
  env: Env,
  opts: {
    username: string;
    role: string;
    displayName?: string;
    unit?: string;
    tenant?: string;
    password: string;
    json: boolean;
  },
) {
  await withConnection(env, async (c) => {
    const tenantId = await findTenantId(c, opts.tenant);
    let unitId: string | null = null;
    if (opts.unit) {
      const units = expectOk(await c.request('GET', `/api/units?tenantId=${tenantId}`)) as {
        id: string;
        name: string;
      }[];
      const unit = units.find((u) => u.name === opts.unit);
      if (!unit) throw new CliError(`责任单位不存在 / no such unit: ${opts.unit}`);
      unitId = unit.id;
    }
    const user = expectOk(
      await c.request('POST', '/api/users', {
        tenantId,
        username: opts.username,
        displayName: opts.displayName ?? opts.username,
        role: opts.role,
        unitId,
        password: opts.password,
      }),
    );
    print(user, opts.json, `已创建用户 / created user ${opts.username} (${opts.role})`);
  });
}

export async function userDisableCommand(env: Env, username: string, json: boolean) {
  await withConnection(env, async (c) => {
    const user = await findUserByName(c, username);
    const result = expectOk(await c.request('POST', `/api/users/${user.id}/disable`));
    print(result, json, `已停用 / disabled ${username}`);
  });
}

export async function userEnableCommand(env: Env, username: string, json: boolean) {
  await withConnection(env, async (c) => {
    const user = await findUserByName(c, username);
    const result = expectOk(await c.request('POST', `/api/users/${user.id}/enable`));
    print(result, json, `已启用 / enabled ${username}`);
  });
}

/** The recovery path that needs no administrator: forgets the failed logins that make this account wait. */
export async function userUnlockCommand(env: Env, username: string, json: boolean) {
  await withConnection(env, async (c) => {
    const user = await findUserByName(c, username);
    const result = expectOk(await c.request('POST', `/api/users/${user.id}/unlock`));
    print(result, json, `已解除登录限制 / login throttle cleared for ${username}`);
  });
}

export async function userResetPasswordCommand(env: Env, username: string, password: string, json: boolean) {
  await withConnection(env, async (c) => {
    const user = await findUserByName(c, username);
    expectOk(await c.request('POST', `/api/users/${user.id}/password`, { password }));
    print(
      { username, reset: true, mustChangePassword: true },
      json,
      `已重置密码，首次登录须修改 / password reset for ${username} (to be changed at first login)`,
    );
  });
}

export async function userListCommand(env: Env, json: boolean) {
  await withConnection(env, async (c) => {
    const users = expectOk(await c.request('GET', '/api/users')) as UserRow[];
    print(
      users,
      json,
      users.map((u) => `${u.username}\t${u.role}${u.disabled ? '\t(停用)' : ''}`).join('\n'),
    );
  });
}

export async function demoCommand(env: Env, password: string, json: boolean) {
  await withConnection(env, async (c) => {
    process.stderr.write('正在生成演示数据 / loading the demo district…\n');
    const report = expectOk(await c.request('POST', '/api/setup/demo', { password })) as {
      users: string[];
      projects: number;
      enterprises: number;
      leads: number;
    };
    print(
      report,
      json,
      `演示数据已载入 / demo loaded: ${report.projects} projects, ${report.enterprises} enterprises, ${report.leads} leads.\n` +
        `账户 / accounts (password as given): admin, ${report.users.join(', ')}`,
    );
  });
}

export async function statsCommand(
  env: Env,
  opts: { asOf?: string; knownOn?: string; tenant?: string; year?: number; json: boolean },
) {
  await withConnection(env, async (c) => {
    const params = new URLSearchParams();
    if (opts.asOf) params.set('asOf', opts.asOf);
    if (opts.knownOn) params.set('knownOn', opts.knownOn);
    if (opts.tenant) params.set('tenantId', await findTenantId(c, opts.tenant));
    if (opts.year) params.set('year', String(opts.year));
    const stats = expectOk(await c.request('GET', `/api/stats?${params}`)) as Record<string, unknown>;
    const lines = Object.entries(stats).map(
      ([k, v]) => `${k}\t${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
    );
    print(stats, opts.json, lines.join('\n'));
  });
}

interface PlanRow {
  id: string;
  year: number;
  metric: string;
  basis: string;
  status: string;
  total: number;
  version: number;
  draft: {
    total: number;
    groups: { groupId: string; amount: number }[];
    units: { unitId: string; groupId: string | null; amount: number }[];
  };
}

const moneyMetrics = ['funds_in_place', 'agreed_investment'];

async function findOrCreatePlan(
  c: Connection,
  tenantId: string,
  year: number,
  metric: string,
  basis: string,
): Promise<PlanRow> {
  const plans = expectOk(
    await c.request('GET', `/api/targets?year=${year}&tenantId=${tenantId}`),
  ) as PlanRow[];
  const found = plans.find((p) => p.metric === metric && p.basis === basis);
  if (found) return found;
  return expectOk(
    await c.request('POST', '/api/targets', { tenantId, year, metric, basis, total: 0 }),
  ) as PlanRow;
}

/**
 * `landfall target set`: without --unit sets the plan's total; with --unit sets that
 * unit's share, its group's share following as the sum of the group's units. The plan
 * stays a draft until `landfall target finalize`.
 */
export async function targetSetCommand(
  env: Env,
  opts: {
    year: number;
    metric: string;
    basis: string;
    amount: number;
    unit?: string;
    tenant?: string;
    json: boolean;
  },
) {
  await withConnection(env, async (c) => {
    const tenantId = await findTenantId(c, opts.tenant);
    const plan = await findOrCreatePlan(c, tenantId, opts.year, opts.metric, opts.basis);
    if (plan.status !== 'draft')
      throw new CliError(
        '该目标已下达，请在网页中“调整分解” / the plan is final; re-allocate it in the web app',
      );
    const draft = { total: plan.draft.total, groups: [...plan.draft.groups], units: [...plan.draft.units] };
    if (!opts.unit) {
      draft.total = opts.amount;
    } else {
      const units = expectOk(await c.request('GET', `/api/units?tenantId=${tenantId}`)) as {
        id: string;
        name: string;
        groupId: string | null;
      }[];
      const unit = units.find((u) => u.name === opts.unit);
      if (!unit) throw new CliError(`责任单位不存在 / no such unit: ${opts.unit}`);
      draft.units = [
        ...draft.units.filter((u) => u.unitId !== unit.id),
        { unitId: unit.id, groupId: unit.groupId, amount: opts.amount },
      ];
      if (unit.groupId) {
        const sum = draft.units.filter((u) => u.groupId === unit.groupId).reduce((s, u) => s + u.amount, 0);
        draft.groups = [
          ...draft.groups.filter((g) => g.groupId !== unit.groupId),
          { groupId: unit.groupId, amount: sum },
        ];
      }
    }
    const saved = expectOk(
      await c.request('PUT', `/api/targets/${plan.id}/draft`, { ...draft, version: plan.version }),
    ) as PlanRow;
    print(saved, opts.json, `已保存目标草案 / draft saved: ${opts.year} ${opts.metric} total ${saved.total}`);
  });
}

export async function targetFinalizeCommand(
  env: Env,
  opts: { year: number; metric: string; basis: string; tenant?: string; json: boolean },
) {
  await withConnection(env, async (c) => {
    const tenantId = await findTenantId(c, opts.tenant);
    const plans = expectOk(
      await c.request('GET', `/api/targets?year=${opts.year}&tenantId=${tenantId}`),
    ) as PlanRow[];
    const plan = plans.find((p) => p.metric === opts.metric && p.basis === opts.basis);
    if (!plan) throw new CliError('没有该目标 / no such plan');
    const res = await c.request('POST', `/api/targets/${plan.id}/finalize`, { version: plan.version });
    if (res.status === 400) {
      const details = (res.body as { error?: { details?: { differences?: unknown[] } } }).error?.details
        ?.differences;
      throw new CliError(
        `分解数之和不等于上级目标 / the breakdown does not add up:\n${JSON.stringify(details, null, 2)}`,
      );
    }
    print(expectOk(res), opts.json, '目标已下达 / the plan is final');
  });
}

export { moneyMetrics };
