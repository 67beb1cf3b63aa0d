import type { AuditQuery } from '@landfall/domain';
import { api } from './client.ts';
import type { AuditPage } from './types.ts';

export function listAudit(query: Partial<AuditQuery>): Promise<AuditPage> {
  return api.get<AuditPage>('/api/audit', { ...query });
}

/** One chain's result in 校验 (GET /api/audit/verify). */
export interface ChainCheck {
  chain: 'audit' | 'ledger';
  tenantId: string | null;
  tenantName: string | null;
  count: number;
  head: { id: number; hash: string } | null;
  ok: boolean;
  brokenCount: number;
}

export interface BrokenLink {
  chain: 'audit' | 'ledger';
  tenantId: string | null;
  tenantName: string | null;
  table: 'audit_log' | 'ledger_entry' | 'chain_head' | 'issued_report';
  id: number | string;
  problem: 'content' | 'link' | 'unhashed' | 'head' | 'anchor';
  message: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  firstBroken: BrokenLink | null;
  chains: ChainCheck[];
}

/** 校验: the audit and ledger hash chains of every tenant the auditor reads (or one). */
export function verifyAudit(tenantId?: string): Promise<AuditVerifyResult> {
  return api.get<AuditVerifyResult>('/api/audit/verify', tenantId ? { tenantId } : {});
}
