import type { ClosingSetting, IssuedReportKind, MonthStatus } from '@landfall/domain/schemas/closing';
import { api, fetchFile } from './client.ts';

/** 封账 (docs/API.md, "Closing a month"). */

export interface IssuedReport {
  id: string;
  month: string;
  issue: number;
  kind: IssuedReportKind;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  issuedAt: string;
  issuedBy: string;
  superseded: boolean;
}

export interface Month {
  month: string;
  status: MonthStatus;
  version: number;
  issue: number;
  closedAt: string | null;
  closedBy: string | null;
  signedOffAt: string | null;
  signedOffBy: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
  reports: IssuedReport[];
}

export interface UnitCheck {
  unitId: string;
  unitName: string;
  fundsMonthFen: number;
  fundsYearFen: number;
  signed: number;
  started: number;
  pendingReview: number;
  stale: number;
  evidencePending: number;
  late: number;
}

export interface MonthCheck extends Month {
  tenant: { id: string; name: string; level: string };
  units: UnitCheck[];
  totals: { fundsMonthFen: number; fundsYearFen: number; signed: number; started: number };
  districts: { tenantId: string; name: string; status: MonthStatus }[];
  issues: { level: 'block' | 'warn'; kind: string; message: string }[];
  canClose: boolean;
}

export function listMonths(year: number): Promise<{ year: number; months: Month[] }> {
  return api.get('/api/months', { year });
}

export function checkMonth(month: string): Promise<MonthCheck> {
  return api.get(`/api/months/${month}/check`);
}

export function closeMonth(month: string, version: number): Promise<Month> {
  return api.post(`/api/months/${month}/close`, { version });
}

export function signOffMonth(month: string, version: number): Promise<Month> {
  return api.post(`/api/months/${month}/sign-off`, { version });
}

export function reopenMonth(month: string, version: number, reason: string): Promise<Month> {
  return api.post(`/api/months/${month}/reopen`, { version, reason });
}

export function getClosingSetting(): Promise<ClosingSetting> {
  return api.get('/api/months/settings');
}

export function updateClosingSetting(input: ClosingSetting): Promise<ClosingSetting> {
  return api.put('/api/months/settings', input);
}

export function downloadReport(id: string) {
  return fetchFile(`/api/months/reports/${encodeURIComponent(id)}`);
}
