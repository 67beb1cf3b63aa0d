import { Button, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadReport, type IssuedReport } from '../../api/closing.ts';
import { useDownload } from '../../components/useDownload.ts';
import { useI18n } from '../../i18n/useT.ts';

/** The reports a month issued: each issue's files with their SHA-256, downloadable as issued. */
export function IssuedReports({ reports }: { reports: IssuedReport[] }) {
  const { t, locale } = useI18n();
  const download = useDownload((r: IssuedReport) => downloadReport(r.id), 'report');
  return (
    <Table<IssuedReport>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={reports}
      locale={{ emptyText: t('closing.noReports') }}
      columns={[
        {
          title: t('closing.issue'),
          dataIndex: 'issue',
          width: 70,
          render: (n: number) => t('closing.issueN', { n }),
        },
        {
          title: t('closing.reportKind'),
          dataIndex: 'kind',
          width: 120,
          render: (k: string) => t(`closing.kind.${k as 'monthly'}`),
        },
        { title: t('closing.filename'), dataIndex: 'filename' },
        {
          title: 'SHA-256',
          dataIndex: 'sha256',
          render: (sha: string, r) => (
            <Typography.Text code copyable={{ text: sha }} data-testid={`report-sha-${r.issue}-${r.kind}`}>
              {sha}
            </Typography.Text>
          ),
        },
        {
          title: t('closing.issuedAt'),
          dataIndex: 'issuedAt',
          width: 190,
          render: (at: string, r) =>
            `${new Date(at).toLocaleString(locale, { timeZone: 'Asia/Shanghai' })} ${r.issuedBy}`,
        },
        {
          title: t('common.status'),
          dataIndex: 'superseded',
          width: 100,
          render: (superseded: boolean) =>
            superseded ? (
              <Tag>{t('closing.superseded')}</Tag>
            ) : (
              <Tag color="green">{t('closing.current')}</Tag>
            ),
        },
        {
          title: t('common.actions'),
          key: 'download',
          width: 90,
          render: (_v, r) => (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={download.isPending && download.variables?.id === r.id}
              onClick={() => download.mutate(r)}
              data-testid={`report-download-${r.issue}-${r.kind}`}
              aria-label={`${t('closing.download')}：${r.filename}`}
            >
              {t('closing.download')}
            </Button>
          ),
        },
      ]}
    />
  );
}
