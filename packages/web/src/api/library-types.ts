import type {
  AgreementKind,
  CapitalKind,
  FundingSource,
  LeadStatus,
  LedgerMoveKind,
  ReviewStatus,
  ProjectKind,
  Region,
  Stage,
} from '@landfall/domain';

/** Response shapes of the project and information libraries (docs/API.md). Money is integer fen. */

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export interface Industry {
  code: string;
  level: IndustryLevel;
  name: string;
  parentCode: string | null;
  note: string | null;
}

export interface FocusIndustry {
  id: string;
  tenantId: string;
  name: string;
  codePrefixes: string[];
  sortOrder: number;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Enterprise {
  id: string;
  tenantId: string;
  name: string;
  creditCode: string | null;
  divisionCode: string | null;
  capitalKind: CapitalKind;
  industryCode: string | null;
  tags: string[];
  isLocal: boolean;
  unitId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LeadClock {
  acknowledgeBy: string;
  assessBy: string;
  acknowledgedLate: boolean;
  assessedLate: boolean;
  overdue: boolean;
}

export interface Lead {
  id: string;
  tenantId: string;
  unitId: string;
  title: string;
  source: string;
  referrer: string;
  referrerEnterpriseId: string | null;
  investorEnterpriseId: string | null;
  investorName: string;
  intention: string;
  estimatedAmountFen: number | null;
  needs: string;
  status: LeadStatus;
  reportedOn: string;
  acknowledgedAt: string | null;
  assessedAt: string | null;
  assessment: string;
  projectId: string | null;
  version: number;
  createdAt: string;
  clock: LeadClock;
  /** 报送审核: pending and refused leads stay out of the lists until approved. */
  reviewStatus: ReviewStatus;
  reviewReason: string;
}

export type Sensitivity = 'normal' | 'sensitive';

export interface Project {
  id: string;
  tenantId: string;
  unitId: string;
  groupId: string | null;
  name: string;
  stage: Stage;
  stageBefore: Stage | null;
  stageOn: string;
  originDivisionCode: string | null;
  region: Region | null;
  capitalKind: CapitalKind;
  industryCode: string | null;
  focusIndustryId: string | null;
  strategicEmerging: boolean;
  chainNode: string | null;
  constructionContent: string;
  agreedInvestmentFen: number;
  fixedAssetFen: number;
  agreementKind: AgreementKind | null;
  signedOn: string | null;
  registeredOn: string | null;
  localCreditCode: string | null;
  plannedStartOn: string | null;
  actualStartOn: string | null;
  plannedProductionOn: string | null;
  productionOn: string | null;
  landMu: string | null;
  referrerEnterpriseId: string | null;
  projectKind: ProjectKind;
  leaderInCharge: string;
  contactName: string;
  contactPhone: string;
  sensitivity: Sensitivity;
  leadId: string | null;
  fundsInPlaceFen: number;
  lastEntryOn: string;
  /** 报送审核: pending and refused projects stay out of the library until approved. */
  reviewStatus: ReviewStatus;
  reviewReason: string;
  /** 待补证据: evidence items (domain evidence.ts) the stage still lacks; empty when complete. */
  evidenceMissing: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of the library: the contact phone comes masked. */
export interface LibraryItem extends Project {
  investorNames: string;
  /** 区县: the name of the project's tenant. */
  tenantName: string;
  /** The responsible unit's name. */
  unitName: string;
  /** 重复报送: marked as a second report of another project's investment — listed, counted in no figure. */
  duplicate: boolean;
  stale: boolean;
}

export interface LibraryPage extends Page<LibraryItem> {
  asOf: string | null;
  /** The tenants the reader's library spans (the 区县 filter's choices; one for a district). */
  tenants: { id: string; name: string; level: 'province' | 'city' | 'district' }[];
}

export type LedgerEntryKind =
  'created' | 'progress' | 'stage_move' | 'funding' | 'field_change' | 'correction';

export interface LedgerEntry {
  id: number;
  projectId: string;
  kind: LedgerEntryKind;
  effectiveOn: string;
  recordedAt: string;
  actorId: string | null;
  actorName: string;
  correctsId: number | null;
  stageTo: Stage | null;
  amountFen: number | null;
  fundingSource: FundingSource | null;
  capitalKind: CapitalKind | null;
  attachmentId: string | null;
  payload: Record<string, unknown>;
}

/** payload of a stage_move entry (the server completes old imports' payloads; read defensively all the same). */
export interface StageMovePayload {
  from: Stage | null;
  to: Stage | null;
  kind: LedgerMoveKind;
  evidence?: Record<string, unknown>;
}

export interface Attachment {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256?: string;
  createdAt: string;
}

export interface ProjectDetail {
  project: Project;
  asOf: string | null;
  stale: boolean;
  enterprises: { id: string; name: string; creditCode: string | null }[];
  attachments: Attachment[];
  entries: LedgerEntry[];
}

export interface StageMoveResult {
  project: Project;
  entry: LedgerEntry;
}
