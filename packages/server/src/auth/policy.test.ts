import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '@landfall/domain';
import { TestClient } from '../test/client.ts';
import { decide, type Actor, type Decision } from './policy.ts';
import { buildEnterprise, buildLead, buildProject, pdfBytes, signProject } from '../test/library-fixtures.ts';
import {
  buildUnit,
  buildUser,
  createWorld,
  nextIp,
  PASSWORD,
  uniqueName,
  type TestWorld,
} from '../test/fixtures.ts';

/**
 * The role × route matrix. Written out by hand, independently of policy.ts:
 * each route names the roles that may call it and a valid request; every other
 * role must get 403 and an anonymous caller 401. A route registered without a
 * row here fails the coverage test.
 */
type Req = { url: string; body?: unknown; upload?: { filename: string; content: Buffer } };
interface Case {
  allowed: Role[] | 'public' | 'everyone';
  ok: number;
  make: () => Promise<Req> | Req;
}

const ADMIN: Role[] = ['system_admin'];
const READERS: Role[] = ['coordinator', 'unit_staff', 'leader', 'viewer'];
const WRITERS: Role[] = ['coordinator', 'unit_staff'];
/** The coordination loop's readers: the coordination group, units and leaders (not the roll-up viewer). */
const COORDINATION: Role[] = ['coordinator', 'unit_staff', 'leader'];
const TODAY = '2026-03-02';
const ACCOUNTS: Role[] = ['system_admin', 'security_admin'];
/** 三员: the system administrator, the security administrator and the auditor. */
const THREE: Role[] = ['system_admin', 'security_admin', 'auditor'];

let world: TestWorld;
let clients: Record<Role, TestClient>;
let unitId: string;
const zero = '00000000-0000-4000-8000-000000000000';

async function freshUnit() {
  return buildUnit(world.admin, { name: uniqueName('矩阵单位') });
}
async function freshUser(role: Role = 'leader') {
  const res = await world.admin.post('/api/users', {
    username: uniqueName('target'),
    displayName: '目标',
    role,
    password: PASSWORD,
  });
  return res.json() as { id: string; version: number };
}

/** A two-person request (a new auditor account, asked by the system administrator) that was refused. */
async function decidedRequest() {
  const res = await world.admin.post('/api/users', {
    username: uniqueName('auditor'),
    displayName: '审计',
    role: 'auditor',
    password: PASSWORD,
  });
  if (res.statusCode !== 202) throw new Error(`request: ${res.body}`);
  const id = (res.json() as { id: string }).id;
  await clients.security_admin.post(`/api/account-requests/${id}/refuse`, {});
  return id;
}

const cases: Record<string, Case> = {
  'GET /api/health': { allowed: 'public', ok: 200, make: () => ({ url: '/api/health' }) },
  'GET /api/setup': { allowed: 'public', ok: 200, make: () => ({ url: '/api/setup' }) },
  'POST /api/setup': {
    allowed: 'public',
    ok: 409,
    make: () => ({
      url: '/api/setup',
      body: { tenantName: 'x', divisionCode: '500102', adminUsername: 'xx', password: PASSWORD },
    }),
  },
  'POST /api/setup/demo': {
    allowed: 'public',
    ok: 409,
    make: () => ({ url: '/api/setup/demo', body: { password: PASSWORD } }),
  },
  'GET /api/csrf': { allowed: 'public', ok: 200, make: () => ({ url: '/api/csrf' }) },
  'GET /api/divisions': { allowed: 'public', ok: 200, make: () => ({ url: '/api/divisions?parent=500100' }) },
  'GET /api/openapi.json': { allowed: 'public', ok: 200, make: () => ({ url: '/api/openapi.json' }) },
  'GET /api/password-policy': { allowed: 'public', ok: 200, make: () => ({ url: '/api/password-policy' }) },
  'POST /api/auth/login': {
    allowed: 'public',
    ok: 401,
    make: () => ({ url: '/api/auth/login', body: { username: 'nobody', password: 'x' } }),
  },
  'POST /api/auth/logout': { allowed: 'everyone', ok: 204, make: () => ({ url: '/api/auth/logout' }) },
  'GET /api/me': { allowed: 'everyone', ok: 200, make: () => ({ url: '/api/me' }) },
  // A complete session has no second step to take (409); the matrix probes the rest with invalid input.
  'POST /api/auth/totp': {
    allowed: 'everyone',
    ok: 409,
    make: () => ({ url: '/api/auth/totp', body: { code: '123456' } }),
  },
  'GET /api/me/totp': { allowed: 'everyone', ok: 200, make: () => ({ url: '/api/me/totp' }) },
  'POST /api/me/totp/enrolment': {
    allowed: 'everyone',
    ok: 400,
    make: () => ({ url: '/api/me/totp/enrolment', body: { currentCode: 'x' } }),
  },
  'POST /api/me/totp/confirm': {
    allowed: 'everyone',
    ok: 400,
    make: () => ({ url: '/api/me/totp/confirm', body: { code: '' } }),
  },
  'GET /api/two-factor-policy': {
    allowed: ['security_admin'],
    ok: 200,
    make: () => ({ url: '/api/two-factor-policy' }),
  },
  'PUT /api/two-factor-policy': {
    allowed: ['security_admin'],
    ok: 200,
    make: async () => {
      const current = (await clients.security_admin.get('/api/two-factor-policy')).json();
      return { url: '/api/two-factor-policy', body: { requiredForAll: false, version: current.version } };
    },
  },
  'POST /api/me/password': {
    allowed: 'everyone',
    ok: 204,
    make: () => ({
      url: '/api/me/password',
      body: { currentPassword: PASSWORD, newPassword: 'Another#2026' },
    }),
  },
  'PUT /api/password-policy': {
    allowed: ['security_admin'],
    ok: 200,
    make: async () => {
      const current = (await world.admin.get('/api/password-policy')).json();
      return {
        url: '/api/password-policy',
        body: { minLength: 8, minClasses: 3, idleDays: 90, version: current.version },
      };
    },
  },
  'GET /api/tenants': { allowed: roles.slice(), ok: 200, make: () => ({ url: '/api/tenants' }) },
  'POST /api/tenants': {
    allowed: ADMIN,
    ok: 400, // a district has no division below it: valid request shape, refused by the rule
    make: () => ({
      url: '/api/tenants',
      body: { parentId: world.tenantId, name: '下级', divisionCode: '500102' },
    }),
  },
  'PUT /api/tenants/:id': {
    allowed: ADMIN,
    ok: 200,
    make: async () => {
      const t = (await world.admin.get('/api/tenants')).json()[0];
      return { url: `/api/tenants/${t.id}`, body: { name: t.name, version: t.version } };
    },
  },
  'GET /api/units': { allowed: roles.slice(), ok: 200, make: () => ({ url: '/api/units' }) },
  'POST /api/units': {
    allowed: ADMIN,
    ok: 201,
    make: () => ({ url: '/api/units', body: { name: uniqueName('新单位'), kind: 'town' } }),
  },
  'PUT /api/units/:id': {
    allowed: ADMIN,
    ok: 200,
    make: async () => {
      const u = await freshUnit();
      return {
        url: `/api/units/${u.id}`,
        body: { name: u.name, kind: 'zone', groupId: null, active: true, version: u.version },
      };
    },
  },
  'GET /api/groups': { allowed: roles.slice(), ok: 200, make: () => ({ url: '/api/groups' }) },
  'POST /api/groups': {
    allowed: ADMIN,
    ok: 201,
    make: () => ({ url: '/api/groups', body: { name: uniqueName('专班') } }),
  },
  'PUT /api/groups/:id': {
    allowed: ADMIN,
    ok: 200,
    make: async () => {
      const g = (await world.admin.post('/api/groups', { name: uniqueName('组') })).json();
      return { url: `/api/groups/${g.id}`, body: { name: uniqueName('改名组'), version: g.version } };
    },
  },
  'GET /api/conveners': { allowed: roles.slice(), ok: 200, make: () => ({ url: '/api/conveners' }) },
  'POST /api/conveners': {
    allowed: ADMIN,
    ok: 201,
    make: () => ({ url: '/api/conveners', body: { name: '李副区长', title: '副区长' } }),
  },
  'PUT /api/conveners/:id': {
    allowed: ADMIN,
    ok: 200,
    make: async () => {
      const c = (await world.admin.post('/api/conveners', { name: '王副区长', title: '副区长' })).json();
      return {
        url: `/api/conveners/${c.id}`,
        body: { name: '王区长', title: '区长', userId: null, active: true, version: c.version },
      };
    },
  },
  'GET /api/users': { allowed: ACCOUNTS, ok: 200, make: () => ({ url: '/api/users' }) },
  'POST /api/users': {
    allowed: ADMIN,
    ok: 201,
    make: () => ({
      url: '/api/users',
      body: {
        username: uniqueName('new'),
        displayName: '新',
        role: 'unit_staff',
        unitId,
        password: PASSWORD,
      },
    }),
  },
  'PUT /api/users/:id': {
    allowed: ADMIN,
    ok: 200,
    make: async () => {
      const u = await freshUser();
      return { url: `/api/users/${u.id}`, body: { displayName: '改名', unitId: null, version: u.version } };
    },
  },
  'PUT /api/users/:id/role': {
    allowed: ['security_admin'],
    ok: 200,
    make: async () => {
      const u = await freshUser();
      return {
        url: `/api/users/${u.id}/role`,
        body: { role: 'coordinator', unitId: null, version: u.version },
      };
    },
  },
  'POST /api/users/:id/disable': {
    allowed: ADMIN,
    ok: 200,
    make: async () => ({ url: `/api/users/${(await freshUser()).id}/disable` }),
  },
  'POST /api/users/:id/enable': {
    allowed: ADMIN,
    ok: 200,
    make: async () => ({ url: `/api/users/${(await freshUser()).id}/enable` }),
  },
  'POST /api/users/:id/unlock': {
    allowed: ['security_admin'],
    ok: 200,
    make: async () => ({ url: `/api/users/${(await freshUser()).id}/unlock` }),
  },
  'POST /api/users/:id/password': {
    allowed: ADMIN,
    ok: 204,
    make: async () => ({
      url: `/api/users/${(await freshUser()).id}/password`,
      body: { password: 'Reset#2026x' },
    }),
  },
  'POST /api/users/:id/totp-reset': {
    allowed: ADMIN,
    ok: 204,
    make: async () => ({ url: `/api/users/${(await freshUser()).id}/totp-reset` }),
  },
  'GET /api/roles': { allowed: ACCOUNTS, ok: 200, make: () => ({ url: '/api/roles' }) },
  'GET /api/account-requests': { allowed: THREE, ok: 200, make: () => ({ url: '/api/account-requests' }) },
  // Past the policy the service decides: on a request already decided, every one of the three gets 409.
  'POST /api/account-requests/:id/approve': {
    allowed: THREE,
    ok: 409,
    make: async () => ({ url: `/api/account-requests/${await decidedRequest()}/approve` }),
  },
  'POST /api/account-requests/:id/refuse': {
    allowed: THREE,
    ok: 409,
    make: async () => ({ url: `/api/account-requests/${await decidedRequest()}/refuse`, body: {} }),
  },
  'GET /api/audit': { allowed: ['auditor'], ok: 200, make: () => ({ url: '/api/audit?page=1' }) },
  'GET /api/audit/verify': { allowed: ['auditor'], ok: 200, make: () => ({ url: '/api/audit/verify' }) },
  'GET /api/backup': { allowed: [], ok: 200, make: () => ({ url: '/api/backup' }) },

  'GET /api/industries': {
    allowed: roles.slice(),
    ok: 200,
    make: () => ({ url: '/api/industries?parent=C' }),
  },
  'GET /api/focus-industries': {
    allowed: roles.slice(),
    ok: 200,
    make: () => ({ url: '/api/focus-industries' }),
  },
  'GET /api/enterprises': { allowed: READERS, ok: 200, make: () => ({ url: '/api/enterprises?q=企业' }) },
  'GET /api/enterprises/:id': {
    allowed: READERS,
    ok: 200,
    make: async () => ({ url: `/api/enterprises/${(await staffEnterprise()).id}` }),
  },
  'POST /api/enterprises': {
    allowed: WRITERS,
    ok: 201,
    make: () => ({ url: '/api/enterprises', body: { name: uniqueName('新企业') } }),
  },
  'PUT /api/enterprises/:id': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      const e = await staffEnterprise();
      return { url: `/api/enterprises/${e.id}`, body: { name: uniqueName('改名企业'), version: e.version } };
    },
  },
  'GET /api/leads': { allowed: READERS, ok: 200, make: () => ({ url: '/api/leads' }) },
  'POST /api/leads': {
    allowed: WRITERS,
    ok: 201,
    make: () => ({ url: '/api/leads', body: { title: uniqueName('线索'), unitId } }),
  },
  'GET /api/leads/:id': {
    allowed: READERS,
    ok: 200,
    make: async () => ({ url: `/api/leads/${(await staffLead()).id}` }),
  },
  'PUT /api/leads/:id': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      const l = await staffLead();
      return { url: `/api/leads/${l.id}`, body: { title: uniqueName('改线索'), version: l.version } };
    },
  },
  'POST /api/leads/:id/acknowledge': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => ({ url: `/api/leads/${(await staffLead()).id}/acknowledge` }),
  },
  'POST /api/leads/:id/assess': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => ({
      url: `/api/leads/${(await staffLead()).id}/assess`,
      body: { assessment: '可跟进' },
    }),
  },
  'POST /api/leads/:id/close': {
    allowed: WRITERS,
    ok: 200,
    make: async () => ({ url: `/api/leads/${(await staffLead()).id}/close`, body: { reason: '投资方放弃' } }),
  },
  'POST /api/leads/:id/convert': {
    allowed: WRITERS,
    ok: 201,
    make: async () => ({
      url: `/api/leads/${(await staffLead()).id}/convert`,
      body: { name: uniqueName('转化项目') },
    }),
  },
  'GET /api/projects': {
    allowed: READERS,
    ok: 200,
    make: () => ({ url: '/api/projects?stage=planning&over100m=false' }),
  },
  'POST /api/projects': {
    allowed: WRITERS,
    ok: 201,
    make: () => ({ url: '/api/projects', body: { name: uniqueName('新项目'), unitId } }),
  },
  'GET /api/projects/:id': {
    allowed: READERS,
    ok: 200,
    make: async () => ({ url: `/api/projects/${(await staffProject()).id}` }),
  },
  'PUT /api/projects/:id': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      const p = await staffProject();
      return { url: `/api/projects/${p.id}`, body: { name: uniqueName('改名项目'), version: p.version } };
    },
  },
  'POST /api/projects/:id/stage': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      const p = await staffProject();
      return {
        url: `/api/projects/${p.id}/stage`,
        body: { to: 'negotiating', evidence: { date: TODAY }, version: p.version },
      };
    },
  },
  'POST /api/projects/:id/evidence': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      // A signed project whose agreement kind is missing (as an imported one may be: 待补证据).
      const p = await signedProject();
      await world.database.db
        .updateTable('project')
        .set({ agreement_kind: null })
        .where('id', '=', p.id)
        .execute();
      return { url: `/api/projects/${p.id}/evidence`, body: { agreementKind: 'formal', version: p.version } };
    },
  },
  'POST /api/projects/:id/progress': {
    allowed: WRITERS,
    ok: 201,
    make: async () => ({
      url: `/api/projects/${(await staffProject()).id}/progress`,
      body: { date: TODAY, current: '洽谈中' },
    }),
  },
  'POST /api/projects/:id/funding': {
    allowed: WRITERS,
    ok: 201,
    make: async () => ({
      url: `/api/projects/${(await signedProject()).id}/funding`,
      body: { date: TODAY, amountFen: 100_000_000, source: 'outside_province' },
    }),
  },
  'POST /api/projects/:id/expansions': {
    allowed: WRITERS,
    ok: 201,
    make: async () => {
      const p = await signedProject();
      return {
        url: `/api/projects/${p.id}/expansions`,
        body: {
          version: p.version,
          date: TODAY,
          name: '二期',
          agreedIncrementFen: 100_000_000,
          noAgreementReason: '增资协议在企业',
        },
      };
    },
  },
  'POST /api/ledger-entries/:id/correction': {
    allowed: WRITERS,
    ok: 201,
    make: async () => {
      const p = await staffProject();
      const entry = (
        await clients.coordinator.post(`/api/projects/${p.id}/progress`, { date: TODAY, current: '错字' })
      ).json();
      return {
        url: `/api/ledger-entries/${entry.id}/correction`,
        body: { reason: '更正错字', current: '正字' },
      };
    },
  },
  'POST /api/projects/:id/attachments': {
    allowed: WRITERS,
    ok: 201,
    make: async () => ({
      url: `/api/projects/${(await staffProject()).id}/attachments`,
      upload: { filename: '合同.pdf', content: pdfBytes },
    }),
  },
  'GET /api/attachments/:id': {
    allowed: READERS,
    ok: 200,
    make: async () => {
      const p = await staffProject();
      const a = (
        await clients.coordinator.upload(`/api/projects/${p.id}/attachments`, '现场.pdf', pdfBytes)
      ).json();
      return { url: `/api/attachments/${a.id}` };
    },
  },
  'GET /api/targets': { allowed: READERS, ok: 200, make: () => ({ url: '/api/targets?year=2026' }) },
  'POST /api/targets': {
    allowed: ['coordinator'],
    ok: 201,
    make: () => ({ url: '/api/targets', body: { year: nextYear(), metric: 'projects_signed', total: 12 } }),
  },
  'GET /api/targets/:id': {
    allowed: READERS,
    ok: 200,
    make: async () => ({ url: `/api/targets/${(await draftPlan()).id}` }),
  },
  'PUT /api/targets/:id/draft': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const plan = await draftPlan();
      return {
        url: `/api/targets/${plan.id}/draft`,
        body: { total: 20, groups: [], units: [], version: plan.version },
      };
    },
  },
  'POST /api/targets/:id/finalize': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const plan = await draftPlan();
      return { url: `/api/targets/${plan.id}/finalize`, body: { version: plan.version } };
    },
  },
  'POST /api/targets/:id/reallocate': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const plan = await draftPlan();
      await clients.coordinator.post(`/api/targets/${plan.id}/finalize`, { version: plan.version });
      return {
        url: `/api/targets/${plan.id}/reallocate`,
        body: { total: 0, groups: [], units: [], effectiveFrom: `${plan.year}-06-01`, reason: '年中调整' },
      };
    },
  },
  'GET /api/dashboard': {
    allowed: ['coordinator', 'leader', 'viewer'],
    ok: 200,
    make: () => ({ url: '/api/dashboard?year=2026' }),
  },
  'GET /api/dashboard/unit': {
    allowed: COORDINATION,
    ok: 200,
    make: () => ({ url: `/api/dashboard/unit?unitId=${unitId}&year=2026` }),
  },
  'GET /api/settings/unit-ranking': {
    allowed: COORDINATION,
    ok: 200,
    make: () => ({ url: '/api/settings/unit-ranking' }),
  },
  'PUT /api/settings/unit-ranking': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const current = (await clients.coordinator.get('/api/settings/unit-ranking')).json();
      return { url: '/api/settings/unit-ranking', body: { showRanking: false, version: current.version } };
    },
  },
  'GET /api/stats': {
    allowed: ['coordinator', 'leader', 'viewer'],
    ok: 200,
    make: () => ({ url: '/api/stats?asOf=2026-03-01' }),
  },

  // The Excel door: the coordination group imports; exports follow what each role may read.
  'POST /api/imports': {
    allowed: ['coordinator'],
    ok: 201,
    make: () => ({ url: '/api/imports', upload: { filename: 'ledger.csv', content: ledgerCsv() } }),
  },
  'GET /api/imports': { allowed: ['coordinator'], ok: 200, make: () => ({ url: '/api/imports' }) },
  'GET /api/imports/:id': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => ({ url: `/api/imports/${await importBatch()}` }),
  },
  'GET /api/imports/:id/progress': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => ({ url: `/api/imports/${await importBatch()}/progress` }),
  },
  'POST /api/imports/:id/preview': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => ({ url: `/api/imports/${await importBatch()}/preview`, body: {} }),
  },
  'POST /api/imports/:id/commit': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => ({ url: `/api/imports/${await importBatch()}/commit`, body: {} }),
  },
  'GET /api/imports/:id/errors.xlsx': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const id = await importBatch();
      await clients.coordinator.post(`/api/imports/${id}/preview`, {});
      return { url: `/api/imports/${id}/errors.xlsx` };
    },
  },
  'GET /api/exports/ledger.xlsx': {
    allowed: READERS,
    ok: 200,
    make: () => ({ url: '/api/exports/ledger.xlsx?stage=negotiating' }),
  },
  'GET /api/exports/monthly.xlsx': {
    allowed: ['coordinator', 'leader', 'viewer'],
    ok: 200,
    make: () => ({ url: '/api/exports/monthly.xlsx?month=2026-03' }),
  },

  // The coordination loop: matters, meetings, decisions and tasks, briefs, inspections, the bell.
  'GET /api/matters': { allowed: COORDINATION, ok: 200, make: () => ({ url: '/api/matters?overdue=true' }) },
  'POST /api/matters': {
    allowed: WRITERS,
    ok: 201,
    make: () => ({
      url: '/api/matters',
      body: { unitId, title: uniqueName('协调事项'), blockerKind: 'power', deadline: '2026-03-20' },
    }),
  },
  // 下达协调事项: the coordinator only; the matrix's tenant is a district with nothing below it, so the
  // request is refused by the rule (its own tenant is not below it), a valid shape nonetheless.
  'POST /api/matters/raise-down': {
    allowed: ['coordinator'],
    ok: 400,
    make: () => ({
      url: '/api/matters/raise-down',
      body: {
        tenantId: world.tenantId,
        ownerUnitId: unitId,
        title: uniqueName('下达事项'),
        blockerKind: 'land',
        deadline: '2026-03-20',
      },
    }),
  },
  'GET /api/matters/:id': {
    allowed: COORDINATION,
    ok: 200,
    make: async () => ({ url: `/api/matters/${(await staffMatter()).id}` }),
  },
  'POST /api/matters/:id/updates': {
    allowed: WRITERS,
    ok: 201,
    make: async () => ({
      url: `/api/matters/${(await staffMatter()).id}/updates`,
      body: { body: '正在办理' },
    }),
  },
  'POST /api/matters/:id/escalate': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      const m = await staffMatter();
      return { url: `/api/matters/${m.id}/escalate`, body: { reason: '需协调', version: m.version } };
    },
  },
  'POST /api/matters/:id/assign': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const m = await staffMatter();
      return {
        url: `/api/matters/${m.id}/assign`,
        body: { ownerUnitId: unitId, deadline: '2026-03-31', version: m.version },
      };
    },
  },
  'POST /api/matters/:id/resolve': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      const m = await staffMatter();
      return { url: `/api/matters/${m.id}/resolve`, body: { result: '已解决', version: m.version } };
    },
  },
  'POST /api/matters/:id/close': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      const m = await staffMatter();
      return { url: `/api/matters/${m.id}/close`, body: { reason: '不再需要', version: m.version } };
    },
  },
  'POST /api/matters/:id/remind': {
    allowed: ['coordinator'],
    ok: 201,
    make: async () => {
      const m = await staffMatter({ raisedOn: '2026-02-01', deadline: '2026-02-10' });
      return { url: `/api/matters/${m.id}/remind`, body: { note: '请抓紧办理' } };
    },
  },
  'GET /api/meetings': { allowed: COORDINATION, ok: 200, make: () => ({ url: '/api/meetings?kind=weekly' }) },
  'POST /api/meetings': {
    allowed: ['coordinator'],
    ok: 201,
    make: () => ({
      url: '/api/meetings',
      body: { kind: 'weekly', heldOn: TODAY, attendeeUnitIds: [unitId] },
    }),
  },
  'GET /api/meetings/:id': {
    allowed: COORDINATION,
    ok: 200,
    make: async () => ({ url: `/api/meetings/${(await meeting()).id}` }),
  },
  'PUT /api/meetings/:id': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const m = await meeting();
      return { url: `/api/meetings/${m.id}`, body: { minutes: '会议纪要', version: m.version } };
    },
  },
  'POST /api/meetings/:id/agenda/rebuild': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const m = await meeting();
      return { url: `/api/meetings/${m.id}/agenda/rebuild`, body: { version: m.version } };
    },
  },
  'POST /api/meetings/:id/cancel': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const m = await meeting('2026-03-20');
      return { url: `/api/meetings/${m.id}/cancel`, body: { reason: '改期', version: m.version } };
    },
  },
  'POST /api/meetings/:id/decisions': {
    allowed: ['coordinator', 'leader'],
    ok: 201,
    make: async () => ({
      url: `/api/meetings/${(await meeting()).id}/decisions`,
      body: { text: '同意', tasks: [{ unitId, content: '落实', deadline: '2026-03-20' }] },
    }),
  },
  'GET /api/meetings/:id/brief': {
    allowed: ['coordinator', 'leader'],
    ok: 200,
    make: async () => ({ url: `/api/meetings/${(await meeting()).id}/brief` }),
  },
  'GET /api/briefs': {
    allowed: ['coordinator', 'leader'],
    ok: 200,
    make: () => ({ url: `/api/briefs?kind=weekly&date=${TODAY}&format=docx` }),
  },
  'GET /api/decisions': {
    allowed: COORDINATION,
    ok: 200,
    make: () => ({ url: '/api/decisions?status=open' }),
  },
  'GET /api/tasks': { allowed: COORDINATION, ok: 200, make: () => ({ url: '/api/tasks?overdue=false' }) },
  'GET /api/tasks/:id': {
    allowed: COORDINATION,
    ok: 200,
    make: async () => ({ url: `/api/tasks/${(await staffTask()).id}` }),
  },
  'POST /api/tasks/:id/close': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      const t = await staffTask();
      return { url: `/api/tasks/${t.id}/close`, body: { result: '已办结', version: t.version } };
    },
  },
  'POST /api/tasks/:id/remind': {
    allowed: ['coordinator'],
    ok: 201,
    make: async () => ({
      url: `/api/tasks/${(await staffTask('2026-02-01', '2026-02-10')).id}/remind`,
      body: { note: '' },
    }),
  },
  'GET /api/inspections': {
    allowed: COORDINATION,
    ok: 200,
    make: () => ({ url: '/api/inspections?year=2026' }),
  },
  'POST /api/inspections': {
    allowed: ['coordinator'],
    ok: 201,
    make: () => ({ url: '/api/inspections', body: { unitId, scheduledOn: TODAY, topic: '台账检查' } }),
  },
  'GET /api/inspections/:id': {
    allowed: COORDINATION,
    ok: 200,
    make: async () => ({ url: `/api/inspections/${(await inspection()).id}` }),
  },
  'POST /api/inspections/:id/result': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const i = await inspection();
      return {
        url: `/api/inspections/${i.id}/result`,
        body: { inspectedOn: TODAY, findings: '良好', score: 90, version: i.version },
      };
    },
  },
  'POST /api/inspections/:id/rectification': {
    allowed: WRITERS,
    ok: 200,
    make: async () => {
      const i = await inspection();
      const done = (
        await clients.coordinator.post(`/api/inspections/${i.id}/result`, {
          inspectedOn: TODAY,
          findings: '需整改',
          score: 70,
          rectification: { requirement: '补齐台账', dueOn: '2026-03-20' },
          version: i.version,
        })
      ).json();
      return {
        url: `/api/inspections/${i.id}/rectification`,
        body: { report: '已整改', version: done.version },
      };
    },
  },
  'GET /api/notifications': { allowed: 'everyone', ok: 200, make: () => ({ url: '/api/notifications' }) },
  // 封账 (months long past in the matrix's tenant, so no other row's entry falls in a closed month).
  'GET /api/months': {
    allowed: ['coordinator', 'leader', 'viewer'],
    ok: 200,
    make: () => ({ url: '/api/months?year=2025' }),
  },
  'GET /api/months/settings': {
    allowed: ['coordinator', 'leader', 'viewer'],
    ok: 200,
    make: () => ({ url: '/api/months/settings' }),
  },
  'PUT /api/months/settings': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const current = (await clients.coordinator.get('/api/months/settings')).json();
      return { url: '/api/months/settings', body: { ...current, lateEntries: false } };
    },
  },
  'GET /api/months/:month/check': {
    allowed: ['coordinator', 'leader', 'viewer'],
    ok: 200,
    make: () => ({ url: '/api/months/2025-01/check' }),
  },
  'POST /api/months/:month/close': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const m = await monthIn('2025-03', 'open');
      return { url: '/api/months/2025-03/close', body: { version: m.version } };
    },
  },
  'POST /api/months/:month/reopen': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const m = await monthIn('2025-04', 'closed');
      return { url: '/api/months/2025-04/reopen', body: { version: m.version, reason: '矩阵重新开账' } };
    },
  },
  'POST /api/months/:month/sign-off': {
    allowed: ['leader'],
    ok: 200,
    make: async () => {
      const m = await monthIn('2025-05', 'awaiting_signoff');
      return { url: '/api/months/2025-05/sign-off', body: { version: m.version } };
    },
  },
  'GET /api/months/reports/:id': {
    allowed: ['coordinator', 'leader', 'viewer'],
    ok: 200,
    make: async () => {
      const m = await monthIn('2025-06', 'closed');
      return { url: `/api/months/reports/${m.reports[0]!.id}` };
    },
  },
  'GET /api/settings/shared-investors': {
    allowed: ['coordinator', 'leader', 'viewer'],
    ok: 200,
    make: () => ({ url: '/api/settings/shared-investors' }),
  },
  'PUT /api/settings/shared-investors': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const current = (await clients.coordinator.get('/api/settings/shared-investors')).json();
      return {
        url: '/api/settings/shared-investors',
        body: { rule: 'first_reporter', version: current.version },
      };
    },
  },
  'POST /api/shared-investors/duplicates': {
    allowed: ['coordinator'],
    ok: 201,
    make: async () => {
      const [projectId, keptProjectId] = await sharedPair();
      return { url: '/api/shared-investors/duplicates', body: { projectId, keptProjectId } };
    },
  },
  'POST /api/shared-investors/duplicates/:id/undo': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const [projectId, keptProjectId] = await sharedPair();
      const mark = await clients.coordinator.post('/api/shared-investors/duplicates', {
        projectId,
        keptProjectId,
      });
      return {
        url: `/api/shared-investors/duplicates/${mark.json().id}/undo`,
        body: { reason: '两项不同投资' },
      };
    },
  },
  'GET /api/settings/tiers': {
    allowed: ['coordinator', 'leader', 'viewer'],
    ok: 200,
    make: () => ({ url: '/api/settings/tiers' }),
  },
  'PUT /api/settings/tiers': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const current = (await clients.coordinator.get('/api/settings/tiers')).json();
      return { url: '/api/settings/tiers', body: { tiers: current.tiers, version: current.version } };
    },
  },
  'GET /api/review/settings': {
    allowed: ['coordinator', 'unit_staff'],
    ok: 200,
    make: () => ({ url: '/api/review/settings' }),
  },
  'PUT /api/review/settings': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const current = (await clients.coordinator.get('/api/review/settings')).json();
      return { url: '/api/review/settings', body: { unitSubmissions: false, version: current.version } };
    },
  },
  'GET /api/review/submissions': {
    allowed: ['coordinator', 'unit_staff'],
    ok: 200,
    make: () => ({ url: '/api/review/submissions?status=refused' }),
  },
  'POST /api/projects/:id/review': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const p = await underReview(() => buildProject(clients.unit_staff, { name: uniqueName('报送项目') }));
      return { url: `/api/projects/${p.id}/review`, body: { decision: 'approve' } };
    },
  },
  'POST /api/leads/:id/review': {
    allowed: ['coordinator'],
    ok: 200,
    make: async () => {
      const l = await underReview(() => buildLead(clients.unit_staff));
      return { url: `/api/leads/${l.id}/review`, body: { decision: 'refuse', reason: '信息不完整' } };
    },
  },
};

let year = 2030;
function nextYear() {
  year += 1;
  return year;
}
/** A draft plan (total 0, nothing allocated: it adds up) for a fresh year. */
async function draftPlan() {
  const res = await clients.coordinator.post('/api/targets', {
    year: nextYear(),
    metric: 'funds_in_place',
    total: 0,
  });
  return res.json() as { id: string; version: number; year: number };
}

/** Records in the unit staff member's own unit, created by the coordinator. */
function staffEnterprise() {
  return buildEnterprise(clients.unit_staff);
}
const staffLead = () => buildLead(clients.coordinator, { unitId });
const staffProject = () => buildProject(clients.coordinator, { unitId });
const signedProject = async () =>
  signProject(clients.coordinator, await staffProject(), {
    negotiatingOn: TODAY,
    signedOn: TODAY,
    agreedInvestmentFen: 5_000_000_000,
  });

/** Two projects of one investor in two units (多头报送). */
async function sharedPair(): Promise<[string, string]> {
  const investor = await buildEnterprise(clients.coordinator);
  const other = await freshUnit();
  const a = await buildProject(clients.coordinator, { unitId, enterpriseIds: [investor.id] });
  const b = await buildProject(clients.coordinator, { unitId: other.id, enterpriseIds: [investor.id] });
  return [a.id, b.id];
}

/** A matter raised by the coordinator on the unit staff member's unit (level unit, open). */
async function staffMatter(overrides: Record<string, unknown> = {}) {
  const res = await clients.coordinator.post('/api/matters', {
    unitId,
    title: uniqueName('事项'),
    blockerKind: 'land',
    deadline: '2026-03-20',
    ...overrides,
  });
  return res.json() as { id: string; version: number };
}
async function meeting(heldOn = TODAY) {
  const res = await clients.coordinator.post('/api/meetings', { kind: 'weekly', heldOn });
  return res.json() as { id: string; version: number };
}
/** A task assigned to the unit staff member's unit by a decision of a held meeting. */
async function staffTask(heldOn = TODAY, deadline = '2026-03-20') {
  const m = await meeting(heldOn);
  const res = await clients.coordinator.post(`/api/meetings/${m.id}/decisions`, {
    text: '会议决定',
    tasks: [{ unitId, content: uniqueName('交办'), deadline }],
  });
  return (res.json() as { tasks: { id: string; version: number }[] }).tasks[0] as {
    id: string;
    version: number;
  };
}
async function inspection() {
  const res = await clients.coordinator.post('/api/inspections', {
    unitId,
    scheduledOn: TODAY,
    topic: '检查',
  });
  return res.json() as { id: string; version: number };
}

/** A one-project ledger naming the matrix's unit; each call a different file (the same file is not imported twice). */
function ledgerCsv() {
  return Buffer.from(`项目名称,责任单位,项目阶段\n${uniqueName('矩阵导入项目')},区经济信息委,在谈\n`, 'utf8');
}
async function importBatch() {
  const res = await clients.coordinator.upload('/api/imports', 'ledger.csv', ledgerCsv());
  return (res.json() as { id: string }).id;
}

/** Something unit staff submit while the tenant's review switch is on (it is switched off again after). */
async function underReview<T>(submit: () => Promise<T>): Promise<T> {
  const set = async (on: boolean) => {
    const current = (await clients.coordinator.get('/api/review/settings')).json();
    await clients.coordinator.put('/api/review/settings', { unitSubmissions: on, version: current.version });
  };
  await set(true);
  try {
    return await submit();
  } finally {
    await set(false);
  }
}

/** Brings a 2025 month of the matrix's tenant into `status` as the coordinator (and a leader, to sign off). */
async function monthIn(month: string, status: 'open' | 'closed' | 'awaiting_signoff') {
  type M = { month: string; status: string; version: number; reports: { id: string }[] };
  const read = async () =>
    ((await clients.coordinator.get('/api/months?year=2025')).json().months as M[]).find(
      (m) => m.month === month,
    )!;
  const signOff = async (on: boolean) => {
    const current = (await clients.coordinator.get('/api/months/settings')).json();
    await clients.coordinator.put('/api/months/settings', { ...current, signOffRequired: on });
  };
  let m = await read();
  if (m.status !== 'open' && m.status !== status)
    await clients.coordinator.post(`/api/months/${month}/reopen`, { version: m.version, reason: '矩阵' });
  m = await read();
  if (m.status === 'open' && status !== 'open') {
    await signOff(status === 'awaiting_signoff');
    await clients.coordinator.post(`/api/months/${month}/close`, { version: m.version });
    await signOff(false);
  }
  return read();
}

/** Routes that end or change the caller's own session run with a throwaway account. */
const selfDestructive = new Set(['POST /api/auth/logout', 'POST /api/me/password']);

beforeAll(async () => {
  world = await createWorld();
  unitId = (await buildUnit(world.admin, { name: '区经济信息委' })).id;
  const entries = await Promise.all(
    roles.map(async (role) => {
      if (role === 'system_admin') return [role, world.admin] as const;
      const overrides = role === 'unit_staff' ? { unitId } : {};
      return [role, (await buildUser(world, role, overrides)).client] as const;
    }),
  );
  clients = Object.fromEntries(entries) as Record<Role, TestClient>;
});
afterAll(async () => world?.close());

function methodOf(key: string) {
  return key.split(' ')[0] as 'GET' | 'POST' | 'PUT';
}

describe('policy', () => {
  it('covers every registered route with a matrix row, and every row with a route', () => {
    const registered = world.app.landfall.routes
      .filter((r) => r.url.startsWith('/api'))
      .map((r) => `${r.method} ${r.url}`);
    expect(registered.sort()).toEqual(Object.keys(cases).sort());
    for (const r of world.app.landfall.routes.filter((x) => x.url.startsWith('/api'))) {
      expect(r.action, `${r.method} ${r.url}`).toBeTruthy();
    }
  });

  it('refuses an anonymous caller on every non-public route with 401', async () => {
    const anonymous = new TestClient(world.app, nextIp());
    for (const [key, c] of Object.entries(cases)) {
      const req = await c.make();
      const res = req.upload
        ? await anonymous.upload(req.url, req.upload.filename, req.upload.content)
        : await anonymous.request(methodOf(key), req.url, req.body);
      if (c.allowed === 'public') expect(res.statusCode, key).toBe(c.ok);
      else expect(res.statusCode, key).toBe(401);
    }
  });

  for (const role of roles) {
    it(`answers ${role} on every route as the matrix says`, async () => {
      for (const [key, c] of Object.entries(cases)) {
        const allowed = c.allowed === 'public' || c.allowed === 'everyone' || c.allowed.includes(role);
        let client = clients[role];
        if (selfDestructive.has(key)) {
          client = (await buildUser(world, role, role === 'unit_staff' ? { unitId } : {})).client;
        }
        const req = await c.make();
        const res = req.upload
          ? await client.upload(req.url, req.upload.filename, req.upload.content)
          : await client.request(methodOf(key), req.url, req.body);
        expect(res.statusCode, `${role} ${key}: ${res.body.slice(0, 200)}`).toBe(allowed ? c.ok : 403);
        if (!allowed) expect(res.json().error.code).toBe('forbidden');
      }
    });
  }

  it('records every denial in the audit log', async () => {
    const denied = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'role'])
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.some((d) => d.action === 'unit.create' && d.role === 'leader')).toBe(true);
    expect(denied.some((d) => d.action === 'audit.read' && d.role === 'system_admin')).toBe(true);
  });

  it('scopes the city-level matter actions: raiseDown the coordinator’s over its subtree, matters read across it', () => {
    const cityActor = (role: Role): Actor => ({
      kind: 'user',
      id: 'u',
      username: 'u',
      role,
      tenantId: 'city',
      unitId: role === 'unit_staff' ? 'unit' : null,
      subtreeTenantIds: ['city', 'district'],
    });
    const expected: Record<Role, { raiseDown: Decision; read: Decision }> = {
      system_admin: { raiseDown: 'forbidden', read: 'forbidden' },
      security_admin: { raiseDown: 'forbidden', read: 'forbidden' },
      auditor: { raiseDown: 'forbidden', read: 'forbidden' },
      coordinator: { raiseDown: 'allow', read: 'allow' },
      unit_staff: { raiseDown: 'forbidden', read: 'not_found' },
      leader: { raiseDown: 'forbidden', read: 'allow' },
      viewer: { raiseDown: 'forbidden', read: 'forbidden' },
    };
    for (const role of roles) {
      const actor = cityActor(role);
      const district = { tenantId: 'district', unitIds: ['other'] };
      expect(decide(actor, 'matter.raiseDown', district), role).toBe(expected[role].raiseDown);
      expect(decide(actor, 'matter.read', district), role).toBe(expected[role].read);
      // Outside the subtree: nobody's.
      const elsewhere = { tenantId: 'elsewhere' };
      expect(decide(actor, 'matter.raiseDown', elsewhere), role).not.toBe('allow');
      expect(decide(actor, 'matter.read', elsewhere), role).not.toBe('allow');
      // A district's writes stay the district's.
      expect(decide(actor, 'matter.update', district), role).not.toBe('allow');
      expect(decide(actor, 'matter.assign', district), role).not.toBe('allow');
      expect(decide(actor, 'matter.escalateToJoint', district), role).not.toBe('allow');
      // A matter on a district's sensitive project is hidden above the district.
      expect(decide(actor, 'matter.read', { ...district, sensitive: true }), role).not.toBe('allow');
    }
  });

  it('answers 404 for a record that does not exist', async () => {
    const res = await world.admin.put(`/api/units/${zero}`, {
      name: 'x',
      kind: 'town',
      groupId: null,
      active: true,
      version: 1,
    });
    expect(res.statusCode).toBe(404);
  });
});
