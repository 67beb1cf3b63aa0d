import { Alert, Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ChainCheck } from '../../api/audit.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useVerifyAudit } from './useAudit.ts';

/**
 * 校验: walks the audit log's and the ledger's hash chains on the server (GET /api/audit/verify) and says
 * "链完整，共 N 条" or names the first broken link — its table, row and what is wrong.
 */
export function AuditVerify() {
  const { t } = useI18n();
  const verify = useVerifyAudit();
  const result = verify.data;

  const columns: TableColumnsType<ChainCheck> = [
    {
      title: t('audit.chainTenant'),
      key: 'tenant',
      render: (_v, c) => c.tenantName ?? t('audit.noTenant'),
    },
    { title: t('audit.chainName'), key: 'chain', render: (_v, c) => t(`audit.chain.${c.chain}`) },
    { title: t('audit.chainCount'), dataIndex: 'count', key: 'count', align: 'right' },
    {
      title: t('common.status'),
      key: 'ok',
      render: (_v, c) =>
        c.ok ? (
          <Tag color="green">{t('audit.chainOk')}</Tag>
        ) : (
          <Tag color="red">{t('audit.chainBroken', { count: c.brokenCount })}</Tag>
        ),
    },
    {
      title: t('audit.chainHead'),
      key: 'head',
      render: (_v, c) =>
        c.head ? (
          <Typography.Text code copyable={{ text: c.head.hash }}>
            {c.head.id} · {c.head.hash.slice(0, 16)}…
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div style={{ marginBottom: 16 }}>
      <Tooltip title={t('audit.verifyHelp')}>
        <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      </Tooltip>
      {verify.isError && (
        <Alert style={{ marginTop: 12 }} type="error" showIcon title={verify.error.message} />
      )}
      {result && (
        <>
          <Alert
            style={{ marginTop: 12 }}
            type={result.ok ? 'success' : 'error'}
            showIcon
            role="status"
            title={
              result.ok || !result.firstBroken
                ? t('audit.verifyOk', { count: result.count })
                : t('audit.verifyBroken', {
                    tenant: result.firstBroken.tenantName ?? t('audit.noTenant'),
                    table: t(`audit.table.${result.firstBroken.table}`),
                    id: result.firstBroken.id,
                  })
            }
            description={result.firstBroken?.message}
          />
          <Table<ChainCheck>
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(c) => `${c.tenantId ?? 'none'}:${c.chain}`}
            columns={columns}
            dataSource={result.chains}
            pagination={false}
          />
        </>
      )}
    </div>
  );
}
