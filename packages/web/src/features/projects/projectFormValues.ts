import type { CapitalKind, ProjectKind } from '@landfall/domain';
import type { Project } from '../../api/library-types.ts';
import type { Sensitivity } from '../../api/library-types.ts';
import { blankToNull, fenToWanText, wanTextToFen } from '../../components/formats.ts';

/**
 * The project form's values, under the API's field names so server field errors land on
 * them. Amounts are 万元 text; dates 'YYYY-MM-DD' (see dateTextField).
 */
export interface ProjectValues {
  name: string;
  unitId?: string;
  groupId?: string | null;
  stage?: 'planning' | 'negotiating';
  enteredOn?: string | null;
  enterpriseIds?: string[];
  referrerEnterpriseId?: string | null;
  projectKind: ProjectKind;
  capitalKind: CapitalKind;
  originDivisionCode?: string | null;
  industryCode?: string | null;
  focusIndustryId?: string | null;
  strategicEmerging?: boolean;
  chainNode?: string | null;
  agreedInvestmentFen?: string;
  fixedAssetFen?: string;
  plannedStartOn?: string | null;
  plannedProductionOn?: string | null;
  landMu?: string | null;
  leaderInCharge?: string;
  contactName?: string;
  contactPhone?: string;
  constructionContent?: string;
  sensitivity?: Sensitivity;
}

export const newProjectValues: Partial<ProjectValues> = {
  stage: 'planning',
  projectKind: 'new',
  capitalKind: 'domestic',
  enterpriseIds: [],
  strategicEmerging: false,
  sensitivity: 'normal',
};

export function projectToValues(project: Project, enterpriseIds: string[]): ProjectValues {
  return {
    name: project.name,
    unitId: project.unitId,
    groupId: project.groupId,
    enterpriseIds,
    referrerEnterpriseId: project.referrerEnterpriseId,
    projectKind: project.projectKind,
    capitalKind: project.capitalKind,
    originDivisionCode: project.originDivisionCode,
    industryCode: project.industryCode,
    focusIndustryId: project.focusIndustryId,
    strategicEmerging: project.strategicEmerging,
    chainNode: project.chainNode ?? '',
    agreedInvestmentFen: fenToWanText(project.agreedInvestmentFen),
    fixedAssetFen: fenToWanText(project.fixedAssetFen),
    plannedStartOn: project.plannedStartOn,
    plannedProductionOn: project.plannedProductionOn,
    landMu: project.landMu ?? '',
    leaderInCharge: project.leaderInCharge,
    contactName: project.contactName,
    contactPhone: project.contactPhone,
    constructionContent: project.constructionContent,
    sensitivity: project.sensitivity,
  };
}

/** The fields ProjectCreateInput and ProjectUpdateInput share, from the form (amounts parsed exactly). */
export function valuesToFields(values: ProjectValues) {
  return {
    name: values.name,
    unitId: values.unitId,
    groupId: values.groupId ?? null,
    enterpriseIds: values.enterpriseIds ?? [],
    referrerEnterpriseId: values.referrerEnterpriseId ?? null,
    projectKind: values.projectKind,
    capitalKind: values.capitalKind,
    originDivisionCode: values.originDivisionCode ?? null,
    industryCode: values.industryCode ?? null,
    focusIndustryId: values.focusIndustryId ?? null,
    strategicEmerging: values.strategicEmerging ?? false,
    chainNode: blankToNull(values.chainNode),
    agreedInvestmentFen: wanTextToFen(values.agreedInvestmentFen) ?? 0,
    fixedAssetFen: wanTextToFen(values.fixedAssetFen) ?? 0,
    plannedStartOn: values.plannedStartOn ?? null,
    plannedProductionOn: values.plannedProductionOn ?? null,
    landMu: blankToNull(values.landMu),
    leaderInCharge: values.leaderInCharge ?? '',
    contactName: values.contactName ?? '',
    contactPhone: values.contactPhone ?? '',
    constructionContent: values.constructionContent ?? '',
    sensitivity: values.sensitivity ?? 'normal',
  };
}
