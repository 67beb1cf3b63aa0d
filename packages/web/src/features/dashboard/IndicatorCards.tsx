import { Link } from 'react-router';
import { Card, Col, Row, Table, Tag, Typography } from 'antd';
import {
  formatSignedPercent,
  fundsBasisLabels,
  fundsBasisOrder,
  type MetricUnitKind,
} from '@landfall/domain';
import type { Comparison, Dashboard, DoubleHalf } from '../../api/dashboard.ts';
import { useI18n } from '../../i18n/useT.ts';
import { formatMetricValue } from '../targets/metricValue.ts';
import { projectsLink } from './drillDown.ts';

/** 双过半 as a tag (from 30 June on; nothing before). */
export function DoubleHalfTag({ value, testId }: { value: DoubleHalf; testId?: string }) {
  const { t } = useI18n();
  if (!value) return null;
  return (
    <Tag color={value.achieved ? 'green' : 'red'} data-testid={testId}>
      {t(value.achieved ? 'indicators.doubleHalfYes' : 'indicators.doubleHalfNo')}
    </Tag>
  );
}

function Figure({
  title,
  value,
  testId,
  hint,
}: {
  title: string;
  value: string;
  testId: string;
  hint?: string;
}) {
  return (
    <div title={hint}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div data-testid={testId} style={{ fontSize: 18, fontWeight: 600 }}>
        {value}
      </div>
    </div>
  );
}

/**
 * 本月 / 本年累计 / 上年同期 / 同比 of the metric, 双过半, funds by every 口径, 新签约 vs 往年签约续建 and
 * the tenant's tiers (项目规模档次).
 */
export function IndicatorCards({
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
  const value = (n: number) => formatMetricValue(n, kind, locale);
  const money = (fen: number) => formatMetricValue(fen, 'money', locale);
  const bases = dashboard.bases;
  return (
    <Row gutter={[16, 16]} style={{ margin: '16px 0' }}>
      <Col xs={24} xl={8}>
        <Card
          size="small"
          title={t('indicators.periods')}
          extra={<DoubleHalfTag value={kpi.doubleHalf} testId="kpi-double-half" />}
        >
          <Row gutter={[12, 12]}>
            <Col span={12}>
              <Figure title={t('indicators.month')} value={value(kpi.month)} testId="kpi-month" />
            </Col>
            <Col span={12}>
              <Figure
                title={t('indicators.yearToDate')}
                value={value(kpi.actual)}
                testId="kpi-year-to-date"
              />
            </Col>
            <Col span={12}>
              <Figure title={t('indicators.lastYear')} value={value(kpi.lastYear)} testId="kpi-last-year" />
            </Col>
            <Col span={12}>
              <Figure
                title={t('indicators.yoy')}
                value={formatSignedPercent(kpi.yoy)}
                testId="kpi-yoy"
                hint={t('indicators.yoyHelp')}
              />
            </Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('indicators.signing')}>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            data-testid="signing-split"
            dataSource={(['new', 'continuing', 'unsigned'] as const).map((key) => ({
              key,
              ...dashboard.signing[key],
            }))}
            columns={[
              { title: '', key: 'label', render: (_v, row) => t(`indicators.signing.${row.key}`) },
              { title: t('indicators.projects'), dataIndex: 'projects', align: 'right' },
              {
                title: t('indicators.funds'),
                key: 'funds',
                align: 'right',
                render: (_v, row) => money(row.fundsFen),
              },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('indicators.signingHelp')}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('indicators.tiers')}>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            data-testid="tier-counts"
            dataSource={dashboard.tiers}
            columns={[
              {
                title: t('indicators.tier'),
                key: 'label',
                render: (_v, tier) => (
                  <Link to={projectsLink({ tier: tier.id }, asOf)} data-testid={`tier-link-${tier.id}`}>
                    {tier.label}
                  </Link>
                ),
              },
              { title: t('indicators.tierSigned'), dataIndex: 'signed', align: 'right' },
              { title: t('indicators.tierInLibrary'), dataIndex: 'inLibrary', align: 'right' },
            ]}
          />
        </Card>
      </Col>
      {bases ? (
        <Col span={24}>
          <Card size="small" title={t('indicators.bases')}>
            <Table<{ basis: (typeof fundsBasisOrder)[number] } & Comparison>
              size="small"
              pagination={false}
              rowKey="basis"
              data-testid="funds-by-basis"
              dataSource={fundsBasisOrder.map((basis) => ({ basis, ...bases[basis] }))}
              columns={[
                {
                  title: t('indicators.basis'),
                  key: 'basis',
                  render: (_v, row) => fundsBasisLabels[row.basis][locale],
                },
                {
                  title: t('indicators.month'),
                  key: 'month',
                  align: 'right',
                  render: (_v, row) => money(row.month),
                },
                {
                  title: t('indicators.yearToDate'),
                  key: 'ytd',
                  align: 'right',
                  render: (_v, row) => money(row.yearToDate),
                },
                {
                  title: t('indicators.lastYear'),
                  key: 'lastYear',
                  align: 'right',
                  render: (_v, row) => money(row.lastYear),
                },
                {
                  title: t('indicators.yoy'),
                  key: 'yoy',
                  align: 'right',
                  render: (_v, row) => formatSignedPercent(row.yoy),
                },
              ]}
            />
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
