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

async function findTenantId(c: Connection, name: string | undefined): Promise<string> {
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

export async function userResetPasswordCommand(env: Env, username: string, password: string, json: boolean) {
  await withConnection(env, async (c) => {
    const user = await findUserByName(c, username);
    expectOk(await c.request('POST', `/api/users/${user.id}/password`, { password }));
    print({ username, reset: true }, json, `已重置密码 / password reset for ${username}`);
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

export async function statsCommand(env: Env, opts: { asOf?: string; tenant?: string; json: boolean }) {
  await withConnection(env, async (c) => {
    const params = new URLSearchParams();
    if (opts.asOf) params.set('asOf', opts.asOf);
    if (opts.tenant) params.set('tenantId', await findTenantId(c, opts.tenant));
    const stats = expectOk(await c.request('GET', `/api/stats?${params}`)) as Record<string, unknown>;
    const lines = Object.entries(stats).map(
      ([k, v]) => `${k}\t${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
    );
    print(stats, opts.json, lines.join('\n'));
  });
}
