import type { ReviewDecisionInput, ReviewSetting } from '@landfall/domain';
import { api } from './client.ts';
import type { Lead, Project } from './library-types.ts';

/** 报送审核 (docs/API.md, "Review of unit submissions"). */

/** One page of each list (the same page number of the projects and of the leads), and their totals. */
export interface Submissions {
  status: 'pending' | 'refused';
  page: number;
  pageSize: number;
  projects: Project[];
  projectsTotal: number;
  leads: Lead[];
  leadsTotal: number;
}

export function getReviewSetting(): Promise<ReviewSetting> {
  return api.get<ReviewSetting>('/api/review/settings');
}

export function updateReviewSetting(input: ReviewSetting): Promise<ReviewSetting> {
  return api.put<ReviewSetting>('/api/review/settings', input);
}

export function listSubmissions(
  status: 'pending' | 'refused',
  page: number,
  pageSize: number,
): Promise<Submissions> {
  return api.get<Submissions>('/api/review/submissions', { status, page, pageSize });
}

export function reviewProject(id: string, input: ReviewDecisionInput): Promise<Project> {
  return api.post<Project>(`/api/projects/${encodeURIComponent(id)}/review`, input);
}

export function reviewLead(id: string, input: ReviewDecisionInput): Promise<Lead> {
  return api.post<Lead>(`/api/leads/${encodeURIComponent(id)}/review`, input);
}
