import { Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { TargetPlan, TargetRevision } from '../../api/targets.ts';
import { useI18n } from '../../i18n/useT.ts';
import { formatMetricValue, metricKind } from './metricValue.ts';

/** 分解调整记录: the first release and each 年中调整, newest first. */
export function RevisionHistory({ plan }: { plan: TargetPlan }) {
  const { t, locale } = useI18n();
  const kind = metricKind(plan.metric);
  const latest = plan.revisions.at(-1)?.id;
  const columns: TableColumnsType<TargetRevision> = [
    {
      title: t('targets.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      key: 'effectiveFrom',
      width: 150,
      render: (value: string, revision) => (
        <>
          {value} {revision.id === latest ? <Tag color="green">{t('targets.inForce')}</Tag> : null}
        </>
      ),
    },
    {
      title: t('targets.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (value: string | null, revision) =>
        revision.id === plan.revisions[0]?.id && !value ? t('targets.firstRelease') : (value ?? '—'),
    },
    {
      title: t('targets.total'),
      dataIndex: 'total',
      key: 'total',
      align: 'right',
      width: 160,
      render: (value: number) => formatMetricValue(value, kind, locale),
    },
    {
      title: t('targets.units'),
      key: 'units',
      width: 110,
      align: 'right',
      render: (_value, revision) => revision.allocation.units.length,
    },
    { title: t('targets.actor'), dataIndex: 'actorName', key: 'actorName', width: 140 },
    {
      title: t('targets.recordedAt'),
      dataIndex: 'recordedAt',
      key: 'recordedAt',
      width: 170,
      render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm'),
    },
  ];
  return (
    <Table<TargetRevision>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={[...plan.revisions].reverse()}
      pagination={false}
      scroll={{ x: 800 }}
    />
  );
}
