import type { LeadInput, LeadQuery, LeadUpdateInput, ProjectCreateInput } from '@landfall/domain';
import { api } from './client.ts';
import type { Lead, Page, Project } from './library-types.ts';

const leadPath = (id: string) => `/api/leads/${encodeURIComponent(id)}`;

export type LeadListQuery = Partial<Omit<LeadQuery, 'overdue'>> & { overdue?: boolean };

export function listLeads(query: LeadListQuery): Promise<Page<Lead>> {
  return api.get<Page<Lead>>('/api/leads', { ...query });
}

export function getLead(id: string): Promise<Lead> {
  return api.get<Lead>(leadPath(id));
}

export function createLead(input: LeadInput): Promise<Lead> {
  return api.post<Lead>('/api/leads', input);
}

export function updateLead(id: string, input: LeadUpdateInput): Promise<Lead> {
  return api.put<Lead>(leadPath(id), input);
}

/** 签收 */
export function acknowledgeLead(id: string): Promise<Lead> {
  return api.post<Lead>(`${leadPath(id)}/acknowledge`);
}

/** 研判 */
export function assessLead(id: string, assessment: string): Promise<Lead> {
  return api.post<Lead>(`${leadPath(id)}/assess`, { assessment });
}

export function closeLead(id: string, reason: string): Promise<Lead> {
  return api.post<Lead>(`${leadPath(id)}/close`, { reason });
}

/** 转为项目: the new project, linked to the lead. */
export function convertLead(id: string, input: ProjectCreateInput): Promise<Project> {
  return api.post<Project>(`${leadPath(id)}/convert`, input);
}
