import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, DatePicker, Select, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { inspectionStatuses, type InspectionStatus } from '@landfall/domain';
import type { Inspection } from '../../api/coordination-types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { UnitFilter } from '../coordination/LoopFilters.tsx';
import { useCan } from '../auth/useMe.ts';
import { useQueryParams } from '../coordination/useQueryParams.ts';
import { InspectionActions } from './InspectionActions.tsx';
import { ScheduleModal } from './InspectionModals.tsx';
import { InspectionStatusTag, RectificationTag } from './InspectionTags.tsx';
import { useInspections } from './useInspections.ts';

const filterKeys = ['year', 'status', 'unitId'] as const;
const isStatus = (v: string | undefined): v is InspectionStatus => inspectionStatuses.some((s) => s === v);

/** 督促检查: scheduled and done inspections of units, their scores and rectification. */
export function InspectionListPage() {
  const { t } = useI18n();
  const can = useCan();
  const { values, page, pageSize, update } = useQueryParams(filterKeys);
  const year = Number(values.year) || dayjs().year();
  const status = isStatus(values.status) ? values.status : undefined;
  const inspections = useInspections({ year, status, unitId: values.unitId, page, pageSize });
  const [scheduling, setScheduling] = useState(false);

  const columns: TableColumnsType<Inspection> = [
    { title: t('inspections.unit'), key: 'unit', render: (_v, i) => i.unitName },
    {
      title: t('inspections.topic'),
      key: 'topic',
      render: (_v, i) => <Link to={`/inspections/${i.id}`}>{i.topic}</Link>,
    },
    { title: t('inspections.scheduledOn'), key: 'scheduledOn', render: (_v, i) => i.scheduledOn },
    {
      title: t('inspections.status'),
      key: 'status',
      render: (_v, i) => <InspectionStatusTag inspection={i} />,
    },
    { title: t('inspections.inspectedOn'), key: 'inspectedOn', render: (_v, i) => i.inspectedOn ?? '—' },
    { title: t('inspections.score'), key: 'score', align: 'right', render: (_v, i) => i.score ?? '—' },
    {
      title: t('inspections.rectification'),
      key: 'rectification',
      render: (_v, i) => <RectificationTag inspection={i} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, i) => <InspectionActions inspection={i} size="small" />,
    },
  ];

  if (inspections.isError && !inspections.data) {
    return <LoadError error={inspections.error} onRetry={() => void inspections.refetch()} />;
  }
  return (
    <Card
      title={t('inspections.title')}
      extra={
        can('inspection.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setScheduling(true)}>
            {t('inspections.schedule')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="year"
          aria-label={t('inspections.year')}
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(value) => update({ year: value ? value.year() : undefined })}
        />
        <Select<InspectionStatus>
          allowClear
          aria-label={t('inspections.status')}
          placeholder={t('inspections.status')}
          style={{ width: 120 }}
          value={status}
          onChange={(value) => update({ status: value })}
          options={inspectionStatuses.map((value) => ({ value, label: t(`inspectionStatus.${value}`) }))}
        />
        <UnitFilter value={values.unitId} onChange={(unitId) => update({ unitId })} />
      </Space>
      <Table<Inspection>
        rowKey="id"
        size="middle"
        loading={inspections.isFetching}
        columns={columns}
        dataSource={inspections.data?.items}
        scroll={{ x: 'max-content' }}
        rowClassName={(i) => (i.rectification.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: t('inspections.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: inspections.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (next, size) => update({ page: size === pageSize ? next : 1, pageSize: size }),
        }}
      />
      <ScheduleModal open={scheduling} onClose={() => setScheduling(false)} />
    </Card>
  );
}
