import { Progress, Typography, type TableColumnsType } from 'antd';
import {
  formatPercent,
  formatSignedPercent,
  toPercent,
  type Locale,
  type MetricUnitKind,
} from '@landfall/domain';
import type { Score } from '../../api/dashboard.ts';
import type { Translate } from '../../i18n/context.ts';
import { formatMetricValue } from '../targets/metricValue.ts';
import { lightColors, TrafficLight } from './TrafficLight.tsx';

/** 超/欠进度 as signed percentage points: green when ahead or on pace, red when behind. */
export function GapText({ gap, testId }: { gap: number | null; testId?: string }) {
  const type = gap === null ? 'secondary' : gap >= 0 ? 'success' : 'danger';
  return (
    <Typography.Text type={type} data-testid={testId}>
      {formatSignedPercent(gap)}
    </Typography.Text>
  );
}

/** 完成率 with a bar in the light's colour. */
export function CompletionCell({ score }: { score: Score }) {
  if (score.completion === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div style={{ minWidth: 110 }}>
      <div>{formatPercent(score.completion)}</div>
      <Progress
        percent={Math.min(toPercent(score.completion, 1), 100)}
        showInfo={false}
        size="small"
        strokeColor={lightColors[score.light]}
      />
    </div>
  );
}

/** The columns every ranking shares: target, actual, 完成率, 超/欠进度, light. */
export function scoreColumns<T extends Score>(
  kind: MetricUnitKind,
  t: Translate,
  locale: Locale,
  lightTestId: (row: T) => string | undefined,
): TableColumnsType<T> {
  const value = (amount: number | null) => formatMetricValue(amount, kind, locale);
  return [
    {
      title: t('dashboard.target'),
      key: 'target',
      align: 'right',
      render: (_v, row) => value(row.target),
    },
    {
      title: t('dashboard.actual'),
      key: 'actual',
      align: 'right',
      render: (_v, row) => value(row.actual),
    },
    {
      title: t('dashboard.completion'),
      key: 'completion',
      width: 130,
      render: (_v, row) => <CompletionCell score={row} />,
    },
    {
      title: t('dashboard.gap'),
      key: 'gap',
      align: 'right',
      width: 110,
      render: (_v, row) => <GapText gap={row.gap} />,
    },
    {
      title: t('dashboard.light'),
      key: 'light',
      width: 150,
      render: (_v, row) => <TrafficLight light={row.light} testId={lightTestId(row)} />,
    },
  ];
}
