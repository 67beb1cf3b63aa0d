import { z } from 'zod';

export const auditQuerySchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  recordType: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** 校验: the audit and ledger chains of one tenant, or of every tenant the auditor reads. */
export const auditVerifyQuerySchema = z.object({
  tenantId: z.uuid().optional(),
});
export type AuditVerifyQuery = z.infer<typeof auditVerifyQuerySchema>;
