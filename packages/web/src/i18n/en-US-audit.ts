import type { zhCNAudit } from './zh-CN-audit.ts';

export const enUSAudit: Record<keyof typeof zhCNAudit, string> = {
  'audit.verify': 'Verify',
  'audit.verifyHelp':
    'Checks the hash chains of the audit log and the ledger row by row, and against the heads kept with the issued month reports',
  'audit.verifyOk': 'Chains intact, {count} rows',
  'audit.verifyBroken': 'Chain broken: {tenant} · {table} row {id}',
  'audit.chain.audit': 'Audit log',
  'audit.chain.ledger': 'Ledger',
  'audit.table.audit_log': 'audit log',
  'audit.table.ledger_entry': 'ledger',
  'audit.table.chain_head': 'chain head',
  'audit.table.issued_report': 'issued report',
  'audit.chainTenant': 'Tenant',
  'audit.chainName': 'Chain',
  'audit.chainCount': 'Rows',
  'audit.chainHead': 'Head (id · hash)',
  'audit.chainOk': 'Intact',
  'audit.chainBroken': '{count} broken',
  'audit.noTenant': '(no tenant)',
  'action.audit.verify': 'Verify the audit log and ledger',
  'action.brief.export': 'Download a brief',
  'action.month.downloadReport': 'Download an issued report',
  'action.attachment.download': 'Download an attachment',
  'audit.userAgent': 'Client (User-Agent)',
};
