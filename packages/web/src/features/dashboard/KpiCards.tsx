import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Card, Col, Row, Typography } from 'antd';
import {
  completionRate,
  formatPercent,
  formatSignedPercent,
  stageLabels,
  stages,
  timeProgressModeLabels,
  type MetricUnitKind,
} from '@landfall/domain';
import type { Dashboard } from '../../api/dashboard.ts';
import { useI18n } from '../../i18n/useT.ts';
import { formatMetricValue } from '../targets/metricValue.ts';
import { projectsLink } from './drillDown.ts';
import { lightColors, TrafficLight } from './TrafficLight.tsx';

function Kpi({
  title,
  value,
  testId,
  color,
  footer,
  hint,
}: {
  title: string;
  /** Shown on hover over the title. */
  hint?: string;
  value: ReactNode;
  testId: string;
  color?: string;
  footer?: ReactNode;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Typography.Text type="secondary" title={hint}>
        {title}
      </Typography.Text>
      <div data-testid={testId} style={{ fontSize: 24, fontWeight: 600, lineHeight: '36px', color }}>
        {value}
      </div>
      {footer ? <div style={{ fontSize: 12, minHeight: 20 }}>{footer}</div> : null}
    </Card>
  );
}

/** 目标, 完成, 完成率, 序时进度, 超/欠进度, 年末预测 (funds only) and 亿元以上项目. */
export function KpiCards({
  dashboard,
  kind,
  asOf,
}: {
  dashboard: Dashboard;
  kind: MetricUnitKind;
  asOf: string | undefined;
}) {
  const { t, locale } = useI18n();
  const { kpi } = dashboard;
  const value = (amount: number | null) => formatMetricValue(amount, kind, locale);
  const forecastRate =
    kpi.forecast !== null && kpi.target !== null && kpi.target > 0
      ? completionRate(kpi.forecast, kpi.target)
      : null;
  // The forecast's method and weights, stated where the forecast is shown.
  const { weights, learnedStages } = dashboard.forecastWeights;
  const forecastMethod = t('dashboard.forecastMethod', {
    weights: stages
      .filter((stage) => weights[stage] > 0)
      .map(
        (stage) =>
          `${stageLabels[stage][locale]} ${weights[stage]}${learnedStages.includes(stage) ? t('dashboard.forecastLearned') : ''}`,
      )
      .join(locale === 'zh-CN' ? '、' : ', '),
  });
  const gapColor = kpi.gap === null ? undefined : kpi.gap >= 0 ? lightColors.green : lightColors.red;
  const cards: { key: string; span: number; node: ReactNode }[] = [
    {
      key: 'target',
      span: 4,
      node: <Kpi title={t('dashboard.target')} value={value(kpi.target)} testId="kpi-target" />,
    },
    {
      key: 'actual',
      span: 4,
      node: <Kpi title={t('dashboard.actual')} value={value(kpi.actual)} testId="kpi-actual" />,
    },
    {
      key: 'completion',
      span: 3,
      node: (
        <Kpi
          title={t('dashboard.completion')}
          value={formatPercent(kpi.completion)}
          testId="kpi-completion"
          footer={<TrafficLight light={kpi.light} testId="kpi-light" />}
        />
      ),
    },
    {
      key: 'timeProgress',
      span: 3,
      node: (
        <Kpi
          title={`${t('dashboard.timeProgress')}（${timeProgressModeLabels[dashboard.timeMode][locale]}）`}
          value={formatPercent(dashboard.timeProgress)}
          testId="kpi-time-progress"
          footer={
            <Typography.Text type="secondary">
              {t('dashboard.asOfDate', { date: dashboard.asOf })}
            </Typography.Text>
          }
        />
      ),
    },
    {
      key: 'gap',
      span: 3,
      node: (
        <Kpi
          title={t('dashboard.gap')}
          value={formatSignedPercent(kpi.gap)}
          color={gapColor}
          testId="kpi-gap"
          footer={
            kpi.gap === null ? null : (
              <Typography.Text type={kpi.gap >= 0 ? 'success' : 'danger'}>
                {t(kpi.gap >= 0 ? 'dashboard.ahead' : 'dashboard.behind')}
              </Typography.Text>
            )
          }
        />
      ),
    },
    ...(kpi.forecast !== null
      ? [
          {
            key: 'forecast',
            span: 4,
            node: (
              <Kpi
                title={t('dashboard.forecast')}
                value={value(kpi.forecast)}
                testId="kpi-forecast"
                hint={forecastMethod}
                footer={
                  forecastRate === null ? null : (
                    <Typography.Text type="secondary">
                      {t('dashboard.forecastRate', { rate: formatPercent(forecastRate) })}
                    </Typography.Text>
                  )
                }
              />
            ),
          },
        ]
      : []),
    {
      key: 'over100m',
      span: 3,
      node: (
        <Kpi
          title={t('dashboard.over100m')}
          testId="kpi-over100m"
          value={
            <Link to={projectsLink({ over100m: 'true' }, asOf)} data-testid="over100m-link">
              {t('dashboard.count', { n: dashboard.over100mProjects })}
            </Link>
          }
          hint={t('dashboard.over100mHelp')}
        />
      ),
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map((card) => (
        <Col key={card.key} xs={12} md={8} xl={{ flex: `${card.span} 1 0` }}>
          {card.node}
        </Col>
      ))}
    </Row>
  );
}
