import { maskPhone } from '@landfall/domain/masking';
import type { ProjectRow } from '../db/schema.ts';
import type { LibraryRow } from './project.repo.ts';

/** The project as the API shows it (camelCase; money in integer fen). */
export function toProject(row: ProjectRow) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    unitId: row.unit_id,
    groupId: row.group_id,
    name: row.name,
    stage: row.stage,
    stageBefore: row.stage_before,
    stageOn: row.stage_on,
    originDivisionCode: row.origin_division_code,
    region: row.region,
    capitalKind: row.capital_kind,
    industryCode: row.industry_code,
    focusIndustryId: row.focus_industry_id,
    strategicEmerging: row.strategic_emerging,
    chainNode: row.chain_node,
    constructionContent: row.construction_content,
    agreedInvestmentFen: Number(row.agreed_investment_fen),
    fixedAssetFen: Number(row.fixed_asset_fen),
    agreementKind: row.agreement_kind,
    signedOn: row.signed_on,
    registeredOn: row.registered_on,
    localCreditCode: row.local_credit_code,
    plannedStartOn: row.planned_start_on,
    actualStartOn: row.actual_start_on,
    plannedProductionOn: row.planned_production_on,
    productionOn: row.production_on,
    landMu: row.land_mu,
    referrerEnterpriseId: row.referrer_enterprise_id,
    projectKind: row.project_kind,
    leaderInCharge: row.leader_in_charge,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    sensitivity: row.sensitivity,
    leadId: row.lead_id,
    fundsInPlaceFen: Number(row.funds_in_place_fen),
    lastEntryOn: row.last_entry_on,
    /** 报送审核: pending and refused projects do not count in the library, stats or dashboard. */
    reviewStatus: row.review_status ?? 'approved',
    reviewReason: row.review_reason ?? '',
    /** 待补证据: what the stage still lacks (domain/evidence.ts); empty when complete. */
    evidenceMissing: row.evidence_missing ?? [],
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type Project = ReturnType<typeof toProject>;

/** A row of the library list: the contact phone is masked (列表中联系电话脱敏). */
export function toLibraryItem(row: LibraryRow, stale: boolean) {
  return {
    ...toProject(row),
    contactPhone: maskPhone(row.contact_phone),
    investorNames: row.investor_names ?? '',
    /** 区县: the name of the project's tenant (`tenantId`). */
    tenantName: row.tenant_name,
    unitName: row.unit_name ?? '',
    /** 重复报送: marked as a second report of another project's investment — listed, counted in no figure. */
    duplicate: !!row.duplicate,
    stale,
  };
}
