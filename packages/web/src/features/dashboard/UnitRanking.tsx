import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatPercent, formatSignedPercent, type MetricUnitKind } from '@landfall/domain';
import type { GroupScore, TierCount, UnitScore } from '../../api/dashboard.ts';
import { useI18n } from '../../i18n/useT.ts';
import { formatMetricValue } from '../targets/metricValue.ts';
import { projectsLink } from './drillDown.ts';
import { DoubleHalfTag } from './IndicatorCards.tsx';
import { scoreColumns } from './scoreColumns.tsx';

interface UnitRankingProps {
  units: UnitScore[];
  groups: GroupScore[];
  kind: MetricUnitKind;
  showForecast: boolean;
  asOf: string | undefined;
  /** The tenant's tiers: a column each, projects signed this year in the tier. */
  tiers: TierCount[];
}

const medals = ['gold', 'default', 'orange'];

/** 赛马榜: units ranked by completion; a row opens the unit's projects in the library. */
export function UnitRanking({ units, groups, kind, showForecast, asOf, tiers }: UnitRankingProps) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const linkTo = (unit: UnitScore) => projectsLink({ unitId: unit.unitId }, asOf);
  const groupName = (id: string | null) => groups.find((group) => group.groupId === id)?.name ?? '—';

  const columns: TableColumnsType<UnitScore> = [
    {
      title: t('dashboard.rank'),
      key: 'rank',
      width: 64,
      align: 'center',
      render: (_v, unit) =>
        unit.rank <= 3 && unit.completion !== null && unit.actual > 0 ? (
          <Tag color={medals[unit.rank - 1]}>{unit.rank}</Tag>
        ) : (
          unit.rank
        ),
    },
    {
      title: t('dashboard.unit'),
      key: 'name',
      render: (_v, unit) => (
        <Link to={linkTo(unit)} data-testid={`ranking-link-${unit.unitId}`}>
          {unit.name}
        </Link>
      ),
    },
    {
      title: t('common.group'),
      key: 'group',
      width: 110,
      ellipsis: true,
      render: (_v, unit) => groupName(unit.groupId),
    },
    // Narrower than elsewhere, so that 检查得分 and 台账及时率 fit beside them on an office screen.
    ...scoreColumns<UnitScore>(kind, t, locale, (unit) => `light-${unit.unitId}`).map((column) =>
      column.key === 'light'
        ? { ...column, width: 130 }
        : column.key === 'gap'
          ? { ...column, width: 96 }
          : column,
    ),
    {
      title: t('indicators.month'),
      key: 'month',
      align: 'right',
      width: 100,
      render: (_v, unit) => formatMetricValue(unit.month, kind, locale),
    },
    {
      title: t('indicators.lastYear'),
      key: 'lastYear',
      align: 'right',
      width: 100,
      render: (_v, unit) => formatMetricValue(unit.lastYear, kind, locale),
    },
    {
      title: t('indicators.yoy'),
      key: 'yoy',
      align: 'right',
      width: 84,
      render: (_v, unit) => <span data-testid={`yoy-${unit.unitId}`}>{formatSignedPercent(unit.yoy)}</span>,
    },
    ...(units.some((unit) => unit.doubleHalf !== null)
      ? [
          {
            title: t('indicators.doubleHalf'),
            key: 'doubleHalf',
            width: 96,
            render: (_v: unknown, unit: UnitScore) => (
              <DoubleHalfTag value={unit.doubleHalf} testId={`double-half-${unit.unitId}`} />
            ),
          },
        ]
      : []),
    ...tiers.map((tier) => ({
      title: tier.label,
      key: `tier-${tier.id}`,
      align: 'right' as const,
      width: 90,
      render: (_v: unknown, unit: UnitScore) => unit.tiers[tier.id] ?? 0,
    })),
    {
      title: t('dashboard.inspectionScore'),
      key: 'inspectionScore',
      align: 'right',
      width: 84,
      render: (_v, unit) =>
        unit.inspectionScore === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <span data-testid={`inspection-score-${unit.unitId}`}>{unit.inspectionScore.toFixed(1)}</span>
        ),
    },
    {
      title: t('dashboard.punctuality'),
      key: 'punctuality',
      align: 'right',
      width: 96,
      render: (_v, unit) =>
        unit.punctuality === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <span
            title={t('dashboard.punctualityWeeks', unit.punctualityWeeks)}
            data-testid={`punctuality-${unit.unitId}`}
          >
            {formatPercent(unit.punctuality, 0)}
          </span>
        ),
    },
    ...(showForecast
      ? [
          {
            title: t('dashboard.forecast'),
            key: 'forecast',
            align: 'right' as const,
            render: (_v: unknown, unit: UnitScore) => formatMetricValue(unit.forecast, kind, locale),
          },
        ]
      : []),
  ];

  return (
    <Table<UnitScore>
      size="small"
      rowKey="unitId"
      columns={columns}
      dataSource={units}
      pagination={false}
      scroll={{ x: 1320 + tiers.length * 90 }}
      onRow={(unit) => {
        const attributes: HTMLAttributes<HTMLElement> & { 'data-testid': string } = {
          'data-testid': `ranking-row-${unit.unitId}`,
          style: { cursor: 'pointer' },
          onClick: (event) => {
            // The name is a link already; elsewhere on the row, go the same way.
            if (!(event.target instanceof Element && event.target.closest('a'))) void navigate(linkTo(unit));
          },
        };
        return attributes;
      }}
    />
  );
}
