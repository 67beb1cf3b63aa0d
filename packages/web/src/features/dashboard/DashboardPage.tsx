import { Link } from 'react-router';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { targetMetricLabels } from '@landfall/domain';
import type { Dashboard } from '../../api/dashboard.ts';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { AsOfBanner } from '../projects/AsOf.tsx';
import { metricKind } from '../targets/metricValue.ts';
import { FocusIndustryChart, RegionChart } from './charts/BreakdownCharts.tsx';
import { MonthlyChart } from './charts/MonthlyChart.tsx';
import { StageChart } from './charts/StageChart.tsx';
import { DashboardFilters } from './DashboardFilters.tsx';
import { DistrictRanking } from './DistrictRanking.tsx';
import { GroupSummary } from './GroupSummary.tsx';
import { IndicatorCards } from './IndicatorCards.tsx';
import { KpiCards } from './KpiCards.tsx';
import { MonthlyExport } from './MonthlyExport.tsx';
import { RateCards } from './RateCards.tsx';
import { SharedInvestors } from './SharedInvestors.tsx';
import { UnitRankingSwitch } from '../home/UnitRankingSwitch.tsx';
import { UnitRanking } from './UnitRanking.tsx';
import { useDashboard } from './useDashboard.ts';
import { useDashboardParams } from './useDashboardParams.ts';

/** Says which target the figures are measured against, or that there is none yet. */
function PlanNotice({ dashboard }: { dashboard: Dashboard }) {
  const { t, locale } = useI18n();
  const can = useCan();
  const metric = targetMetricLabels[dashboard.metric][locale];
  const link = can('target.read') ? (
    <Link to={`/targets?year=${dashboard.year}`}>{t('dashboard.openTargets')}</Link>
  ) : null;
  if (dashboard.plan?.revisionEffectiveFrom) {
    return (
      <Typography.Text type="secondary" data-testid="plan-notice">
        {t('dashboard.planFrom', { date: dashboard.plan.revisionEffectiveFrom })} {link}
      </Typography.Text>
    );
  }
  const title =
    dashboard.plan?.status === 'draft'
      ? t('dashboard.draftPlan', { year: dashboard.year, metric })
      : dashboard.kpi.target !== null
        ? t('dashboard.districtTargets')
        : t('dashboard.noPlan', { year: dashboard.year, metric });
  return <Alert type="info" showIcon title={title} action={link} data-testid="plan-notice" />;
}

/** 领导驾驶舱: the year's target against the ledger as of a date, ranked, charted and drillable. */
export function DashboardPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const can = useCan();
  const params = useDashboardParams();
  const dashboard = useDashboard(params.query);
  const data = dashboard.data;

  if (dashboard.isError && !data) {
    return <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  }
  if (!data) return <FullPageSpin />;

  const kind = metricKind(data.metric);
  const funds = data.metric === 'funds_in_place';
  const asOf = params.asOf;
  const fundsOnly = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.fundsOnly')} />;
  const noData = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />;
  const away = params.tenantId && params.tenantId !== me?.tenantId;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard">
      <Card
        title={
          <Space wrap>
            {away ? (
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                aria-label={t('dashboard.backToOwn')}
                onClick={() => params.update({ tenantId: undefined })}
              />
            ) : null}
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('dashboard.title')} · {data.tenant.name}
            </Typography.Title>
            {dashboard.isFetching ? <Spin size="small" /> : null}
          </Space>
        }
        extra={
          can('export.monthly') ? <MonthlyExport tenantId={params.tenantId} knownOn={params.knownOn} /> : null
        }
      >
        <AsOfBanner asOf={asOf} knownOn={params.knownOn} onClear={params.clearAsOf} />
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <DashboardFilters params={params} />
          <PlanNotice dashboard={data} />
        </Space>
      </Card>
      <KpiCards dashboard={data} kind={kind} asOf={asOf} />
      <IndicatorCards dashboard={data} kind={kind} asOf={asOf} />
      <RateCards rates={data.rates} />
      {data.districts.length > 0 ? (
        <Card title={t('dashboard.districts')} data-testid="district-ranking">
          <DistrictRanking
            districts={data.districts}
            kind={kind}
            onOpen={(tenantId) => params.update({ tenantId })}
          />
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        {data.units.length > 0 ? (
          <Col xs={24} xxl={15}>
            <Card
              title={t('dashboard.ranking')}
              extra={
                <Space wrap>
                  <Typography.Text type="secondary">{t('dashboard.rankingHelp')}</Typography.Text>
                  {can('dashboard.configure') && !away ? <UnitRankingSwitch /> : null}
                </Space>
              }
            >
              <UnitRanking
                units={data.units}
                groups={data.groups}
                kind={kind}
                showForecast={funds}
                asOf={asOf}
                tiers={data.tiers}
              />
            </Card>
          </Col>
        ) : null}
        {data.groups.some((group) => group.target !== null || group.actual > 0) ? (
          <Col xs={24} xxl={9}>
            <Card title={t('dashboard.groups')}>
              <GroupSummary groups={data.groups} kind={kind} asOf={asOf} />
            </Card>
          </Col>
        ) : null}
        <Col xs={24} xl={14}>
          <Card
            title={t('dashboard.monthly')}
            extra={<Typography.Text type="secondary">{t('dashboard.clickHint')}</Typography.Text>}
          >
            {funds ? <MonthlyChart months={data.monthly} asOf={asOf} /> : fundsOnly}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('dashboard.funnel')}>
            <StageChart funnel={data.funnel} asOf={asOf} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('dashboard.byFocus')}>
            {!funds ? (
              fundsOnly
            ) : data.byFocusIndustry.length ? (
              <FocusIndustryChart rows={data.byFocusIndustry} asOf={asOf} />
            ) : (
              noData
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('dashboard.byRegion')}>
            {!funds ? (
              fundsOnly
            ) : data.byRegion.length ? (
              <RegionChart rows={data.byRegion} asOf={asOf} />
            ) : (
              noData
            )}
          </Card>
        </Col>
      </Row>
      {data.sharedInvestors.length > 0 ? (
        <Card title={t('dashboard.sharedInvestors', { n: data.sharedInvestors.length })}>
          <SharedInvestors investors={data.sharedInvestors} asOf={asOf} />
        </Card>
      ) : null}
    </Space>
  );
}
