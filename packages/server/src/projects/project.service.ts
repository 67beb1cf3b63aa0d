import type { z } from 'zod';
import { addDays, shanghaiToday, toShanghaiDate } from '@landfall/domain/dates';
import {
  projectCreateSchema,
  projectUpdateSchema,
  type ProjectCreateInput,
  type ProjectQuery,
  type ProjectUpdateInput,
} from '@landfall/domain/schemas/project';
import type { Ctx, Tx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope, type Action, type Actor, type ListScope } from '../auth/policy.ts';
import { listTenantsIn } from '../tenants/tenant.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalidField } from '../http/app-error.ts';
import { targetTenant } from '../tenants/scope.ts';
import { insertLedgerEntry, listLedgerEntries, readProjectAsOf } from '../ledger/ledger.repo.ts';
import { knownBeforeOf } from '../ledger/ledger.reads.ts';
import { toLedgerEntry } from '../ledger/ledger.mapper.ts';
import { markLeadConverted } from '../leads/lead.service.ts';
import { findLead } from '../leads/lead.repo.ts';
import { listProjectAttachments } from '../attachments/attachment.repo.ts';
import {
  findProject,
  insertProject,
  listLibrary,
  listProjectEnterprises,
  setProjectEnterprises,
  STALE_AFTER_DAYS,
  updateProjectRow,
} from './project.repo.ts';
import { toLibraryItem, toProject } from './project.mapper.ts';
import { resolveProjectReferences } from './project.rules.ts';
import { unitSubmissionsReviewed } from '../settings/review-setting.service.ts';
import { resolveTier } from '../settings/tier-setting.service.ts';
import { remainingEvidence } from './evidence-state.ts';
import { lateMark, resolveEntryDate } from '../closing/closing.guard.ts';

export function today(ctx: Ctx) {
  return shanghaiToday(ctx.clock.now());
}

/** Loads a project the actor may act on (404 outside their scope, as if it did not exist). */
export async function loadProject(ctx: Ctx, db: Tx, id: string, action: Parameters<typeof authorize>[1]) {
  const row = await findProject(db, id);
  if (!row) throw new AppError('not_found');
  await authorize(ctx, action, {
    type: 'project',
    id,
    tenantId: row.tenant_id,
    unitId: row.unit_id,
    sensitive: row.sensitivity === 'sensitive',
  });
  return row;
}

/**
 * The library's scope for a reader and action, narrowed to the 区县 asked for (`tenantId`, one or
 * several): a tenant the reader may not see is not_found, as a single tenantId is elsewhere
 * (tenants/scope.ts). Sensitive projects keep the reader's rule (ListScope.sensitiveTenantIds).
 */
export function libraryScope(actor: Actor, action: Action, tenantId: ProjectQuery['tenantId']): ListScope {
  const scope = listScope(actor, action);
  const asked = tenantId === undefined ? [] : Array.isArray(tenantId) ? [...new Set(tenantId)] : [tenantId];
  if (!asked.length) return scope;
  if (scope.tenantIds && asked.some((id) => !scope.tenantIds?.includes(id))) throw new AppError('not_found');
  return { ...scope, tenantIds: asked };
}

export async function listProjects(ctx: Ctx, query: ProjectQuery) {
  const actor = await authorize(ctx, 'project.read');
  const day = query.asOf ?? today(ctx);
  const staleBefore = addDays(day, -STALE_AFTER_DAYS);
  const scope = libraryScope(actor, 'project.read', query.tenantId);
  const tierRule = query.tier ? await resolveTier(ctx, actor.tenantId, query.tier) : undefined;
  const { rows, total } = await listLibrary(ctx.db, scope, { ...query, tierRule }, staleBefore, {
    listDuplicates: true,
  });
  // The 区县 the reader's library spans (more than one above a district): the filter's choices.
  const tenants = await listTenantsIn(ctx.db, listScope(actor, 'project.read').tenantIds);
  return {
    asOf: query.asOf ?? null,
    total,
    tenants: tenants.map((t) => ({ id: t.id, name: t.name, level: t.level })),
    items: rows.map((r) =>
      toLibraryItem(r, r.last_entry_on <= staleBefore && r.stage !== 'paused' && r.stage !== 'dropped'),
    ),
  };
}

/**
 * A project with its investors, attachments and ledger; as it stood on `asOf` and as known on
 * `knownOn` when given (ledger/ledger.reads.ts: the library's rules).
 */
export async function getProject(ctx: Ctx, id: string, asOfDate?: string, knownOn?: string) {
  const row = await loadProject(ctx, ctx.db, id, 'project.read');
  const enterprises = (await listProjectEnterprises(ctx.db, id)).map((e) => ({
    id: e.id,
    name: e.name,
    creditCode: e.credit_code,
  }));
  const attachments = await listProjectAttachments(ctx.db, id);
  const asOf = asOfDate ?? (knownOn ? today(ctx) : undefined);
  const staleBefore = addDays(asOf ?? today(ctx), -STALE_AFTER_DAYS);
  if (!asOf) {
    const entries = await listLedgerEntries(ctx.db, id);
    return {
      project: toProject(row),
      asOf: null,
      knownOn: null,
      stale: row.last_entry_on <= staleBefore && row.stage !== 'paused' && row.stage !== 'dropped',
      enterprises,
      attachments,
      entries: entries.map(toLedgerEntry),
    };
  }
  const knownBefore = knownBeforeOf(knownOn);
  const past = await readProjectAsOf(ctx.db, id, { asOf, knownBefore });
  if (!past)
    throw new AppError(
      'not_found',
      ctx.locale === 'zh-CN' ? '该日期时项目尚未入库' : 'The project had not been entered by that date',
    );
  const { facts } = past;
  const snapshot = (past.snapshot ?? toProject(row)) as ReturnType<typeof toProject>;
  const stage = facts.stage as typeof row.stage;
  return {
    project: {
      ...snapshot,
      stage,
      stageOn: facts.stage_on,
      agreedInvestmentFen: Number(facts.agreed_fen ?? 0),
      fixedAssetFen: Number(facts.fixed_fen ?? 0),
      fundsInPlaceFen: Number(facts.funds_fen),
      lastEntryOn: facts.last_entry_on,
      signedOn: facts.signed_on,
    },
    asOf,
    knownOn: knownOn ?? null,
    stale: facts.last_entry_on <= staleBefore && stage !== 'paused' && stage !== 'dropped',
    enterprises,
    attachments: attachments.filter(
      (a) =>
        toShanghaiDate(new Date(a.createdAt)) <= asOf &&
        (!knownBefore || new Date(a.createdAt) < knownBefore),
    ),
    entries: past.entries.map(toLedgerEntry),
  };
}

type ProjectFieldsInput = Omit<
  z.output<typeof projectUpdateSchema>,
  'version' | 'unitId' | 'groupId' | 'enterpriseIds' | 'focusIndustryId'
>;
type ResolvedRefs = Awaited<ReturnType<typeof resolveProjectReferences>>;

/** The columns a unit keeps on a project (everything but stage, its evidence and the ledger totals). */
function editableColumns(input: ProjectFieldsInput, refs: ResolvedRefs, unitId: string) {
  return {
    unit_id: unitId,
    group_id: refs.groupId,
    name: input.name,
    origin_division_code: input.originDivisionCode ?? null,
    region: refs.region,
    capital_kind: input.capitalKind,
    industry_code: input.industryCode ?? null,
    focus_industry_id: refs.focusIndustryId,
    strategic_emerging: input.strategicEmerging,
    chain_node: input.chainNode ?? null,
    construction_content: input.constructionContent,
    agreed_investment_fen: input.agreedInvestmentFen,
    fixed_asset_fen: input.fixedAssetFen,
    planned_start_on: input.plannedStartOn ?? null,
    planned_production_on: input.plannedProductionOn ?? null,
    land_mu: input.landMu ?? null,
    referrer_enterprise_id: input.referrerEnterpriseId ?? null,
    project_kind: input.projectKind,
    leader_in_charge: input.leaderInCharge,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    sensitivity: input.sensitivity,
  };
}

/** Creates a project and its first ledger entry (入库), optionally from a lead. */
export async function createProject(ctx: Ctx, raw: ProjectCreateInput) {
  const input = projectCreateSchema.parse(raw);
  const actor = ctx.actor;
  const tenantId = targetTenant(ctx, input.tenantId);
  const leadUnit =
    input.leadId && !input.unitId ? (await findLead(ctx.db, input.leadId))?.unit_id : undefined;
  const unitId = input.unitId ?? leadUnit ?? actor?.unitId;
  if (!unitId) throw invalidField(ctx, 'unitId', { zh: '请选择责任单位', en: 'Choose the responsible unit' });
  await authorize(ctx, 'project.create', { type: 'project', tenantId, unitId });
  const day = today(ctx);
  const enteredOn = input.enteredOn ?? day;
  if (enteredOn > day)
    throw invalidField(ctx, 'enteredOn', {
      zh: '入库日期不能晚于今天',
      en: 'The entry date cannot be in the future',
    });

  // 报送审核: when the tenant asks for it, what unit staff add waits for the coordination group.
  const pending = actor?.role === 'unit_staff' && (await unitSubmissionsReviewed(ctx.db, tenantId));
  return ctx.db.transaction().execute(async (trx) => {
    const refs = await resolveProjectReferences(ctx, trx, tenantId, { ...input, unitId });
    // 封账: an entry date in a closed month is refused, or 补录 on the next open month's first day.
    const placed = await resolveEntryDate(ctx, trx, tenantId, enteredOn);
    const now = ctx.clock.now();
    const row = await insertProject(trx, {
      tenant_id: tenantId,
      review_status: pending ? 'pending' : 'approved',
      ...editableColumns(input, refs, unitId),
      stage: input.stage,
      stage_on: placed.date,
      lead_id: input.leadId ?? null,
      funds_in_place_fen: 0,
      last_entry_on: placed.date,
      created_at: now,
      updated_at: now,
    });
    await setProjectEnterprises(trx, row.id, refs.enterpriseIds);
    if (input.leadId) await markLeadConverted(ctx, trx, input.leadId, row);
    await insertLedgerEntry(trx, {
      tenant_id: tenantId,
      project_id: row.id,
      kind: 'created',
      effective_on: placed.date,
      recorded_at: now,
      actor_id: actor?.id ?? null,
      actor_name: actor?.username ?? 'system',
      baseline: ctx.baseline ?? false,
      stage_to: row.stage,
      agreed_fen: row.agreed_investment_fen,
      fixed_fen: row.fixed_asset_fen,
      snapshot: JSON.stringify(toProject(row)),
      payload: JSON.stringify({
        leadId: input.leadId ?? null,
        enterpriseIds: refs.enterpriseIds,
        ...lateMark(placed),
      }),
    });
    await recordAudit(trx, ctx, {
      action: 'project.create',
      recordType: 'project',
      recordId: row.id,
      tenantId,
      after: toProject(row),
    });
    return toProject(row);
  });
}

/** Fields of a project a plain edit may change, in API names; stage and its evidence move only by stage moves. */
const editable = [
  'name',
  'unitId',
  'groupId',
  'originDivisionCode',
  'region',
  'capitalKind',
  'industryCode',
  'focusIndustryId',
  'strategicEmerging',
  'chainNode',
  'constructionContent',
  'agreedInvestmentFen',
  'fixedAssetFen',
  'plannedStartOn',
  'plannedProductionOn',
  'landMu',
  'referrerEnterpriseId',
  'projectKind',
  'leaderInCharge',
  'contactName',
  'contactPhone',
  'sensitivity',
] as const;

/** A versioned edit: a stale version gets 409 with the current record; the change is a field_change entry. */
export async function updateProject(ctx: Ctx, id: string, raw: ProjectUpdateInput) {
  const input = projectUpdateSchema.parse(raw);
  const before = await loadProject(ctx, ctx.db, id, 'project.update');
  const unitId = input.unitId ?? before.unit_id;
  if (unitId !== before.unit_id) {
    await authorize(ctx, 'project.update', { type: 'project', id, tenantId: before.tenant_id, unitId });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const refs = await resolveProjectReferences(ctx, trx, before.tenant_id, { ...input, unitId });
    const now = ctx.clock.now();
    const day = today(ctx);
    const next = toProject(before);
    const columns = editableColumns(input, refs, unitId);
    const proposed = toProject({
      ...before,
      ...columns,
      land_mu: columns.land_mu === null ? null : String(columns.land_mu),
    });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of editable) {
      const from = key === 'landMu' && next.landMu !== null ? Number(next.landMu) : next[key];
      const to = key === 'landMu' && proposed.landMu !== null ? Number(proposed.landMu) : proposed[key];
      if (from !== to) changes[key] = { from: next[key], to: proposed[key] };
    }
    const oldInvestors = (await listProjectEnterprises(trx, id)).map((e) => e.id).sort();
    const newInvestors = [...refs.enterpriseIds].sort();
    if (oldInvestors.join() !== newInvestors.join())
      changes.enterpriseIds = { from: oldInvestors, to: newInvestors };
    if (input.version !== before.version) {
      throw new AppError('stale_version', undefined, { current: toProject(before) });
    }
    if (!Object.keys(changes).length) return toProject(before);

    const after = await updateProjectRow(trx, id, input.version, {
      ...columns,
      // A refused submission, once edited, goes back to the coordination group.
      ...(before.review_status === 'refused' ? { review_status: 'pending' as const } : {}),
      // 待补证据: an edit that supplies an item (the agreed investment) clears it.
      ...(before.evidence_missing?.length
        ? { evidence_missing: remainingEvidence(before, { ...before, ...columns }) }
        : {}),
      last_entry_on: day > before.last_entry_on ? day : before.last_entry_on,
      updated_at: now,
    });
    if (!after) {
      const current = await findProject(trx, id);
      throw new AppError('stale_version', undefined, { current: current && toProject(current) });
    }
    if (changes.enterpriseIds) await setProjectEnterprises(trx, id, refs.enterpriseIds);
    await insertLedgerEntry(trx, {
      tenant_id: before.tenant_id,
      project_id: id,
      kind: 'field_change',
      effective_on: day,
      recorded_at: now,
      actor_id: ctx.actor?.id ?? null,
      actor_name: ctx.actor?.username ?? 'system',
      baseline: ctx.baseline ?? false,
      agreed_fen: changes.agreedInvestmentFen ? after.agreed_investment_fen : null,
      fixed_fen: changes.fixedAssetFen || changes.agreedInvestmentFen ? after.fixed_asset_fen : null,
      snapshot: JSON.stringify(toProject(after)),
      payload: JSON.stringify({ changes }),
    });
    await recordAudit(trx, ctx, {
      action: 'project.update',
      recordType: 'project',
      recordId: id,
      tenantId: before.tenant_id,
      before: toProject(before),
      after: toProject(after),
    });
    return toProject(after);
  });
}
