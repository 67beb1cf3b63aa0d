import { deriveRegion } from '@landfall/domain/regions';
import { matchFocusIndustry } from '@landfall/domain/focus-industries';
import type { Ctx, Tx } from '../context.ts';
import { invalidField } from '../http/app-error.ts';
import { assertDivision, assertIndustry } from '../industries/reference-check.ts';
import { listFocusIndustries } from '../industries/focus-industry.repo.ts';
import { findUnit } from '../units/unit.repo.ts';
import { findGroup } from '../groups/group.repo.ts';
import { getTenant } from '../tenants/tenant.repo.ts';

/** The references a project names must exist and belong to its tenant; derived fields follow from them. */
export async function resolveProjectReferences(
  ctx: Ctx,
  db: Tx,
  tenantId: string,
  input: {
    unitId: string;
    groupId?: string | null;
    enterpriseIds?: string[];
    referrerEnterpriseId?: string | null;
    originDivisionCode?: string | null;
    industryCode?: string | null;
    focusIndustryId?: string | null;
  },
) {
  const unit = await findUnit(db, input.unitId);
  if (!unit || unit.tenant_id !== tenantId) {
    throw invalidField(ctx, 'unitId', { zh: '责任单位不存在', en: 'No such unit' });
  }
  let groupId = input.groupId ?? unit.group_id;
  if (input.groupId) {
    const group = await findGroup(db, input.groupId);
    if (!group || group.tenant_id !== tenantId)
      throw invalidField(ctx, 'groupId', { zh: '工作组不存在', en: 'No such group' });
    groupId = group.id;
  }
  const enterpriseIds = [...new Set(input.enterpriseIds ?? [])];
  if (enterpriseIds.length) {
    const found = await db
      .selectFrom('enterprise')
      .select('id')
      .where('id', 'in', enterpriseIds)
      .where('tenant_id', '=', tenantId)
      .execute();
    if (found.length !== enterpriseIds.length) {
      throw invalidField(ctx, 'enterpriseIds', { zh: '投资方企业不存在', en: 'No such investor enterprise' });
    }
  }
  if (input.referrerEnterpriseId) {
    const referrer = await db
      .selectFrom('enterprise')
      .select('id')
      .where('id', '=', input.referrerEnterpriseId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!referrer)
      throw invalidField(ctx, 'referrerEnterpriseId', {
        zh: '引荐企业不存在',
        en: 'No such referring enterprise',
      });
  }
  await assertDivision(ctx, db, input.originDivisionCode, 'originDivisionCode');
  await assertIndustry(ctx, db, input.industryCode, 'industryCode');
  const focus = await listFocusIndustries(db, [tenantId]);
  let focusIndustryId: string | null;
  if (input.focusIndustryId) {
    if (!focus.some((f) => f.id === input.focusIndustryId)) {
      throw invalidField(ctx, 'focusIndustryId', { zh: '重点产业不存在', en: 'No such focus industry' });
    }
    focusIndustryId = input.focusIndustryId;
  } else {
    focusIndustryId =
      matchFocusIndustry(
        input.industryCode,
        focus.map((f) => ({ ...f, codePrefixes: f.code_prefixes })),
      )?.id ?? null;
  }
  const tenant = await getTenant(db, tenantId);
  return {
    unit,
    groupId,
    enterpriseIds,
    focusIndustryId,
    region: deriveRegion(input.originDivisionCode ?? null, tenant.division_code),
  };
}
