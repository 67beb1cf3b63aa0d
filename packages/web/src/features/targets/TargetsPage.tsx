import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { fundsBasisLabels, targetMetricLabels } from '@landfall/domain';
import type { TargetPlan } from '../../api/targets.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { TenantScopeSelect } from '../tenants/TenantScopeSelect.tsx';
import { useTenantScope } from '../tenants/useTenantScope.ts';
import { formatMetricValue, metricKind } from './metricValue.ts';
import { TargetCreateModal } from './TargetCreateModal.tsx';
import { TargetStatusTag } from './TargetStatusTag.tsx';
import { useTargetPlans } from './useTargets.ts';

/** The year in the address (?year=), this year by default. */
function useYearParam(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('year'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : dayjs().year();
  const setYear = (next: number) => setParams({ year: String(next) }, { replace: true });
  return [year, setYear];
}

/** 目标任务: the year's plans (metric, 口径, total, status); coordinators create and break them down. */
export function TargetsPage() {
  const { t, locale } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const scope = useTenantScope();
  const [year, setYear] = useYearParam();
  const plans = useTargetPlans(year, scope.tenantId);
  const [creating, setCreating] = useState(false);
  const canWrite = can('target.write');

  const columns: TableColumnsType<TargetPlan> = [
    {
      title: t('targets.metric'),
      key: 'metric',
      render: (_value, plan) => (
        <Link to={`/targets/${plan.id}`}>{targetMetricLabels[plan.metric][locale]}</Link>
      ),
    },
    {
      title: t('targets.basis'),
      key: 'basis',
      render: (_value, plan) =>
        plan.metric === 'funds_in_place' ? fundsBasisLabels[plan.basis][locale] : t('common.none'),
    },
    {
      title: t('targets.total'),
      key: 'total',
      align: 'right',
      render: (_value, plan) => formatMetricValue(plan.total, metricKind(plan.metric), locale),
    },
    {
      title: t('targets.status'),
      key: 'status',
      width: 110,
      render: (_value, plan) => <TargetStatusTag plan={plan} />,
    },
    {
      title: t('targets.inForceFrom'),
      key: 'inForce',
      width: 160,
      render: (_value, plan) => plan.revisions.at(-1)?.effectiveFrom ?? t('common.none'),
    },
    {
      title: t('targets.revisionCount'),
      key: 'revisions',
      width: 110,
      align: 'right',
      render: (_value, plan) => Math.max(plan.revisions.length - 1, 0),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_value, plan) => (
        <Link to={`/targets/${plan.id}`}>
          {canWrite && plan.status === 'draft' ? t('targets.openDraft') : t('common.view')}
        </Link>
      ),
    },
  ];

  if (plans.isError) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;
  return (
    <Card
      title={t('targets.title')}
      extra={
        <Space wrap>
          <TenantScopeSelect scope={scope} />
          <Typography.Text id="targets-year-label">{t('targets.year')}</Typography.Text>
          <DatePicker
            picker="year"
            aria-labelledby="targets-year-label"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(value) => {
              if (value) setYear(value.year());
            }}
            data-testid="targets-year"
          />
          {canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('targets.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Table<TargetPlan>
        rowKey="id"
        columns={columns}
        dataSource={plans.data ?? []}
        loading={plans.isFetching}
        pagination={false}
        locale={{ emptyText: t('targets.empty', { year }) }}
        onRow={(plan) => ({ onDoubleClick: () => void navigate(`/targets/${plan.id}`) })}
      />
      <TargetCreateModal
        open={creating}
        year={year}
        tenantId={scope.createTenantId}
        onClose={() => setCreating(false)}
      />
    </Card>
  );
}
