import { addDays, shanghaiToday } from '@landfall/domain/dates';
import { buildCreditCode } from '@landfall/domain/credit-code';
import type { Role } from '@landfall/domain';
import type { Ctx } from '../context.ts';
import { actorOf } from '../auth/actor.ts';
import { runSetup } from '../setup/setup.service.ts';
import { createUnit } from '../units/unit.service.ts';
import { createUser } from '../users/user.service.ts';
import { createConvener } from '../conveners/convener.service.ts';
import { listGroups } from '../groups/group.service.ts';
import { createEnterprise } from '../enterprises/enterprise.service.ts';
import { acknowledgeLead, assessLead, createLead } from '../leads/lead.service.ts';
import {
  demoCompanyPrefixes,
  demoIndustries,
  demoLeaders,
  demoLeadSources,
  demoOrigins,
  demoTenant,
  demoUnits,
} from './demo-data.ts';
import { seededRandom } from './random.ts';
import { buildDemoProject, type DemoActors } from './demo-projects.ts';
import { getTenant } from '../tenants/tenant.repo.ts';
import { createTargetPlan, finalizeTargetPlan, updateTargetDraft } from '../targets/target.service.ts';
import { buildDemoCoordination } from './demo-coordination.ts';

export interface DemoReport {
  tenantId: string;
  users: string[];
  units: number;
  enterprises: number;
  leads: number;
  projects: number;
  matters: number;
  meetings: number;
  inspections: number;
}

/**
 * First-run alternative to setup: a lived-in demo district (marked 演示数据 in its
 * name). Every record is written through the services as the demo account that
 * would write it — the coordinator, a unit's staff — so the policy, the ledger
 * and the audit log see what they see in real use. All accounts share the
 * password the person loading the demo chose; none is built in.
 */
export async function loadDemo(
  ctx: Ctx,
  input: { password: string },
  onProgress: (done: number, total: number) => void = () => {},
) {
  const { tenantId, userId } = await runSetup(ctx, {
    tenantName: demoTenant.name,
    divisionCode: demoTenant.divisionCode,
    adminUsername: 'admin',
    adminDisplayName: '系统管理员（演示）',
    password: input.password,
  });
  const tenant = await getTenant(ctx.db, tenantId);
  const as = async (id: string): Promise<Ctx> => {
    const user = await ctx.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // The demo's history is a baseline: known on its dates, as a go-live load of past weeks would be.
    return { ...ctx, actor: await actorOf(ctx.db, user, tenant.path), baseline: true };
  };
  const admin = await as(userId);
  const groups = await listGroups(admin, tenantId);
  const units = [];
  for (const u of demoUnits) {
    const group = groups.find((g) => g.kind === u.group);
    units.push(await createUnit(admin, { name: u.name, kind: u.kind, groupId: group?.id ?? null }));
  }
  // The demo's accounts share the password the person loading it chose: created as already changed (no
  // forced change at first login), and outside the two-person rule, as first-run setup is.
  const account = async (username: string, displayName: string, role: Role, unitId: string | null = null) => {
    const outcome = await createUser(
      admin,
      { username, displayName, role, unitId, password: input.password },
      { ownPassword: true },
    );
    if (outcome.kind !== 'done') throw new Error(`demo account ${username} was not created`);
    return outcome.value;
  };
  const users = [
    await account('coordinator', '综合协调组（演示）', 'coordinator'),
    await account('leader', '王副区长（演示）', 'leader'),
    await account('security', '安全管理员（演示）', 'security_admin'),
    await account('auditor', '审计员（演示）', 'auditor'),
  ];
  const staff = [];
  for (const [i, unit] of units.entries()) {
    const user = await account(
      `unit${String(i + 1).padStart(2, '0')}`,
      `${unit.name}经办人`,
      'unit_staff',
      unit.id,
    );
    staff.push({ unit, ctx: await as(user.id) });
    users.push(user);
  }
  const conveners = [];
  for (const [i, name] of demoLeaders.entries()) {
    const convener = await createConvener(admin, {
      name,
      title: i === 0 ? '联席会议召集人' : '副召集人',
      userId: i === 0 ? users[1]?.id : null,
    });
    conveners.push(convener);
  }
  const coordinator = await as(users[0]?.id as string);

  const random = seededRandom(20171017);
  const today = shanghaiToday(ctx.clock.now());
  const start = addDays(today, -330);

  const enterprises = [];
  for (const [i, prefix] of demoCompanyPrefixes.entries()) {
    const industry = demoIndustries[i % demoIndustries.length] as (typeof demoIndustries)[number];
    const origin = demoOrigins[i % demoOrigins.length] as string;
    const local = i % 7 === 3;
    const body = (10_000_000 + i * 7_919).toString().slice(0, 8);
    enterprises.push(
      await createEnterprise(staff[i % staff.length]?.ctx ?? coordinator, {
        name: `${prefix}${industry.words[0]}${local ? '（万州）' : ''}有限公司`,
        creditCode: buildCreditCode({
          authority: '9',
          entityType: '1',
          divisionCode: local ? '500101' : origin,
          organisationBody: body,
        }),
        divisionCode: local ? '500101' : origin,
        industryCode: industry.code,
        capitalKind: i % 9 === 4 ? 'foreign' : 'domestic',
        tags: i % 5 === 0 ? ['上市公司'] : i % 4 === 1 ? ['专精特新'] : [],
        isLocal: local,
      }),
    );
  }

  const actors: DemoActors = { coordinator, staff, enterprises };
  const total = 60;
  for (let i = 0; i < total; i++) {
    await buildDemoProject(actors, random, { index: i, start, today });
    onProgress(i + 1, total);
  }

  // Leads of the last weeks: some answered on time, some overdue, two already converted (in buildDemoProject).
  let leads = 0;
  for (let i = 0; i < 12; i++) {
    const unit = staff[i % staff.length];
    if (!unit) continue;
    const reportedOn = addDays(today, -random.int(1, 40));
    const lead = await createLead(unit.ctx, {
      title: `${random.pick(demoCompanyPrefixes)}集团拟投资${random.pick(random.pick(demoIndustries).words)}项目`,
      source: random.pick(demoLeadSources),
      investorName: `${random.pick(demoCompanyPrefixes)}集团`,
      intention: '拟在万州新建生产基地，需标准厂房或工业用地',
      estimatedAmountFen: random.int(5, 200) * 100_000_000 * 100,
      needs: '用地约 50 亩，电力容量 5000 千伏安',
      reportedOn,
    });
    leads++;
    // Responses happen now (the audit log keeps real times): older leads answered now show as late,
    // every third one is left unanswered and shows as overdue.
    if (i % 3 !== 0) {
      await acknowledgeLead(coordinator, lead.id);
      if (i % 2 === 0) await assessLead(coordinator, lead.id, '符合重点产业方向，建议安排对接');
    }
  }
  await setDemoTarget(coordinator, Number(today.slice(0, 4)), units);
  const coordination = await buildDemoCoordination(
    {
      coordinator,
      leader: await as(users[1]?.id as string),
      staff,
      convenerId: conveners[0]?.id as string,
    },
    today,
  );
  return {
    tenantId,
    users: users.map((u) => u.username),
    units: units.length,
    enterprises: enterprises.length,
    leads,
    projects: total,
    ...coordination,
  } satisfies DemoReport;
}

/** The year's target of the source document: funds in place of 120 亿元, 12 亿 per unit, finalised. */
async function setDemoTarget(
  coordinator: Ctx,
  year: number,
  units: { id: string; groupId: string | null }[],
) {
  const share = 12 * 10_000_000_000;
  const plan = await createTargetPlan(coordinator, {
    year,
    metric: 'funds_in_place',
    total: share * units.length,
  });
  const groupIds = [...new Set(units.map((u) => u.groupId).filter((g): g is string => !!g))];
  const draft = await updateTargetDraft(coordinator, plan.id, {
    total: share * units.length,
    groups: groupIds.map((groupId) => ({
      groupId,
      amount: share * units.filter((u) => u.groupId === groupId).length,
    })),
    units: units.map((u) => ({ unitId: u.id, groupId: u.groupId, amount: share })),
    version: plan.version,
  });
  await finalizeTargetPlan(coordinator, plan.id, { version: draft.version });
}
