import type { ExpansionInput } from '@landfall/domain/expansion';
import type {
  CorrectionInput,
  EvidenceRecordInput,
  FundingEntryInput,
  ProgressEntryInput,
  ProjectCreateInput,
  ProjectQuery,
  ProjectUpdateInput,
  Stage,
} from '@landfall/domain';
import { api } from './client.ts';
import type {
  Attachment,
  LedgerEntry,
  LibraryPage,
  Project,
  ProjectDetail,
  StageMoveResult,
} from './library-types.ts';

const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

/** The library query as the page keeps it: `stage` and `tenantId` (区县) repeat in the query string. */
export type LibraryQuery = Partial<Omit<ProjectQuery, 'stage' | 'tenantId' | 'over100m' | 'stale'>> & {
  stage?: Stage[];
  tenantId?: string[];
  over100m?: boolean;
  stale?: boolean;
};

/** The library query as a query string (`stage`, `tenantId` repeated), shared by the list and the ledger export. */
export function libraryQueryString(query: LibraryQuery): string {
  const { stage, tenantId, ...rest } = query;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  for (const value of stage ?? []) params.append('stage', value);
  for (const value of tenantId ?? []) params.append('tenantId', value);
  return params.toString();
}

export function listProjects(query: LibraryQuery): Promise<LibraryPage> {
  const text = libraryQueryString(query);
  return api.get<LibraryPage>(text ? `/api/projects?${text}` : '/api/projects');
}

export function getProject(id: string, asOf?: string, knownOn?: string): Promise<ProjectDetail> {
  return api.get<ProjectDetail>(projectPath(id), { asOf, knownOn });
}

export function createProject(input: ProjectCreateInput): Promise<Project> {
  return api.post<Project>('/api/projects', input);
}

export function updateProject(id: string, input: ProjectUpdateInput): Promise<Project> {
  return api.put<Project>(projectPath(id), input);
}

export function moveProjectStage(
  id: string,
  input: { to: Stage; evidence: Record<string, unknown>; version: number },
): Promise<StageMoveResult> {
  return api.post<StageMoveResult>(`${projectPath(id)}/stage`, input);
}

/** 补录证据: the evidence the project's stage lacks, recorded afterwards (only the missing items). */
export function recordEvidence(id: string, input: EvidenceRecordInput): Promise<Project> {
  return api.post<Project>(`${projectPath(id)}/evidence`, input);
}

/** 增资: the increment on a signed project, dated, with the supplementary agreement or a reason. */
export function recordExpansion(
  id: string,
  input: ExpansionInput,
): Promise<{ project: Project; entry: LedgerEntry }> {
  return api.post<{ project: Project; entry: LedgerEntry }>(`${projectPath(id)}/expansions`, input);
}

export function addProgress(id: string, input: ProgressEntryInput): Promise<LedgerEntry> {
  return api.post<LedgerEntry>(`${projectPath(id)}/progress`, input);
}

export function recordFunding(id: string, input: FundingEntryInput): Promise<LedgerEntry> {
  return api.post<LedgerEntry>(`${projectPath(id)}/funding`, input);
}

export function correctEntry(entryId: number, input: CorrectionInput): Promise<LedgerEntry> {
  return api.post<LedgerEntry>(`/api/ledger-entries/${entryId}/correction`, input);
}

export function uploadAttachment(projectId: string, file: File): Promise<Attachment> {
  return api.upload<Attachment>(`${projectPath(projectId)}/attachments`, file);
}

export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;
