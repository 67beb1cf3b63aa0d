import { useNavigate } from 'react-router';
import {
  amountUnitLabels,
  chooseAmountUnit,
  fenToWanNumber,
  fenToYiNumber,
  formatAmount,
} from '@landfall/domain';
import type { MonthPoint } from '../../../api/dashboard.ts';
import { useI18n } from '../../../i18n/useT.ts';
import { monthFundsLink } from '../drillDown.ts';
import { Chart, markerOf, type ChartClick, type ChartOption, type TooltipItem } from './Chart.tsx';

/** Funds month by month: bars per month, the cumulative line and the target's time line; a month opens its projects. */
export function MonthlyChart({ months, asOf }: { months: MonthPoint[]; asOf: string | undefined }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const largest = Math.max(0, ...months.map((m) => Math.max(m.cumulative, m.targetLine ?? 0)));
  const unit = chooseAmountUnit(largest);
  const toNumber = (fen: number) => (unit === 'yi' ? fenToYiNumber(fen) : fenToWanNumber(fen));
  const hasTarget = months.some((m) => m.targetLine !== null);
  const names = {
    value: t('dashboard.monthValue'),
    cumulative: t('dashboard.cumulative'),
    target: t('dashboard.targetLine'),
  };
  const label = (month: string) => t('dashboard.monthLabel', { m: Number(month.slice(5, 7)) });

  const option: ChartOption = {
    grid: { left: 56, right: 24, top: 48, bottom: 32 },
    legend: { top: 8 },
    tooltip: {
      trigger: 'axis',
      formatter: (raw: unknown) => {
        const items = (Array.isArray(raw) ? raw : [raw]) as TooltipItem[];
        const point = months[items[0]?.dataIndex ?? -1];
        if (!point) return '';
        const lines = items.map((item) => {
          const fen =
            item.seriesName === names.value
              ? point.value
              : item.seriesName === names.cumulative
                ? point.cumulative
                : (point.targetLine ?? 0);
          return `${markerOf(item)}${item.seriesName ?? ''}：${formatAmount(fen, locale)}`;
        });
        return [`${point.month}`, ...lines, t('dashboard.clickMonth')].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: months.map((m) => label(m.month)), triggerEvent: true },
    yAxis: { type: 'value', name: amountUnitLabels[unit][locale] },
    series: [
      {
        name: names.value,
        type: 'bar',
        data: months.map((m) => toNumber(m.value)),
        itemStyle: { color: '#5b8ff9' },
      },
      {
        name: names.cumulative,
        type: 'line',
        data: months.map((m) => toNumber(m.cumulative)),
        itemStyle: { color: '#f6903d' },
        symbolSize: 7,
      },
      ...(hasTarget
        ? [
            {
              name: names.target,
              type: 'line' as const,
              data: months.map((m) => (m.targetLine === null ? null : toNumber(m.targetLine))),
              itemStyle: { color: '#8c8c8c' },
              lineStyle: { type: 'dashed' as const },
              symbol: 'none',
            },
          ]
        : []),
    ],
  };

  function open(event: ChartClick) {
    const index =
      event.componentType === 'xAxis'
        ? months.findIndex((m) => label(m.month) === event.value)
        : (event.dataIndex ?? -1);
    const point = months[index];
    if (point) void navigate(monthFundsLink(point.month, asOf));
  }

  return (
    <Chart
      option={option}
      onClick={open}
      height={320}
      testId="chart-monthly"
      label={t('dashboard.monthly')}
    />
  );
}
