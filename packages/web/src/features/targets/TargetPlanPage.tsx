import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { Card, Descriptions, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { fundsBasisLabels, targetMetricLabels } from '@landfall/domain';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { useGroups } from '../groups/useGroups.ts';
import { useTenants } from '../tenants/useTenants.ts';
import { useUnits } from '../units/useUnits.ts';
import { buildAllocationTree } from './allocationModel.ts';
import { formatMetricValue, metricKind } from './metricValue.ts';
import { TargetDraftCard } from './TargetDraftCard.tsx';
import { TargetFinalCard } from './TargetFinalCard.tsx';
import { TargetStatusTag } from './TargetStatusTag.tsx';
import { useTargetPlan } from './useTargets.ts';

/** One plan: its breakdown (editable while a draft), or the breakdown in force, its history and 年中调整. */
export function TargetPlanPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const can = useCan();
  const plan = useTargetPlan(id);
  const tenantId = plan.data?.tenantId;
  const groups = useGroups(tenantId);
  const units = useUnits(tenantId);
  const tenants = useTenants(can('tenant.read'));
  const tenantName = tenants.data?.find((tenant) => tenant.id === tenantId)?.name ?? t('targets.levelTenant');

  const root = useMemo(() => {
    if (!plan.data || !groups.data || !units.data) return undefined;
    const allocations = [plan.data.draft, ...plan.data.revisions.map((revision) => revision.allocation)];
    return buildAllocationTree(tenantName, groups.data, units.data, allocations);
  }, [plan.data, groups.data, units.data, tenantName]);

  if (plan.isError) return <LoadError error={plan.error} onRetry={() => void plan.refetch()} />;
  if (groups.isError) return <LoadError error={groups.error} onRetry={() => void groups.refetch()} />;
  if (units.isError) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;
  if (!plan.data || !root) return <FullPageSpin />;

  const data = plan.data;
  const canWrite = can('target.write');
  const metricName = targetMetricLabels[data.metric][locale];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to={`/targets?year=${data.year}`} aria-label={t('targets.back')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('targets.planTitle', { year: data.year, metric: metricName })}
            </Typography.Title>
            <TargetStatusTag plan={data} />
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 4 }}
          items={[
            { key: 'metric', label: t('targets.metric'), children: metricName },
            {
              key: 'basis',
              label: t('targets.basis'),
              children:
                data.metric === 'funds_in_place' ? fundsBasisLabels[data.basis][locale] : t('common.none'),
            },
            {
              key: 'total',
              label: t('targets.total'),
              children: (
                <span data-testid="target-plan-total">
                  {formatMetricValue(data.total, metricKind(data.metric), locale)}
                </span>
              ),
            },
            { key: 'year', label: t('targets.year'), children: data.year },
          ]}
        />
        {!canWrite ? <Typography.Text type="secondary">{t('targets.readOnly')}</Typography.Text> : null}
      </Card>
      {data.status === 'draft' ? (
        <TargetDraftCard key={data.id} plan={data} root={root} canWrite={canWrite} />
      ) : (
        <TargetFinalCard key={data.id} plan={data} root={root} canWrite={canWrite} />
      )}
    </Space>
  );
}
