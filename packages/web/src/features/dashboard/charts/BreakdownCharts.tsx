import { useNavigate } from 'react-router';
import {
  amountUnitLabels,
  chooseAmountUnit,
  fenToWanNumber,
  fenToYiNumber,
  formatAmount,
  formatIn,
  regionLabels,
  type Region,
} from '@landfall/domain';
import type { Dashboard } from '../../../api/dashboard.ts';
import { useI18n } from '../../../i18n/useT.ts';
import { projectsLink } from '../drillDown.ts';
import { Chart, type ChartOption, type TooltipItem } from './Chart.tsx';

const palette = ['#5b8ff9', '#5ad8a6', '#f6bd16', '#e86452', '#6dc8ec', '#945fb9', '#ff9845', '#1e9493'];

/** Funds in place by focus industry (重点产业), as a ring; a slice opens the industry's projects. */
export function FocusIndustryChart({
  rows,
  asOf,
}: {
  rows: Dashboard['byFocusIndustry'];
  asOf: string | undefined;
}) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const nameOf = (row: Dashboard['byFocusIndustry'][number]) => row.name ?? t('dashboard.unclassified');
  const option: ChartOption = {
    color: palette,
    tooltip: {
      trigger: 'item',
      formatter: (raw: unknown) => {
        const row = rows[(raw as TooltipItem).dataIndex];
        if (!row) return '';
        return `${nameOf(row)}<br/>${formatAmount(row.value, locale)}（${t('dashboard.projectsN', { n: row.projects })}）`;
      },
    },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{d}%' },
        data: rows.map((row) => ({ name: nameOf(row), value: fenToYiNumber(row.value) })),
      },
    ],
  };
  return (
    <Chart
      option={option}
      height={320}
      testId="chart-focus"
      label={t('dashboard.byFocus')}
      onClick={(event) => {
        const row = rows[event.dataIndex ?? -1];
        if (row?.focusIndustryId) void navigate(projectsLink({ focusIndustryId: row.focusIndustryId }, asOf));
      }}
    />
  );
}

/** Funds in place by origin region (长三角, 珠三角, 环渤海…); a bar opens the region's projects. */
export function RegionChart({ rows, asOf }: { rows: Dashboard['byRegion']; asOf: string | undefined }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const unit = chooseAmountUnit(Math.max(0, ...rows.map((row) => row.value)));
  const nameOf = (region: Region | null) =>
    region ? regionLabels[region][locale] : t('dashboard.unclassified');
  const option: ChartOption = {
    grid: { left: 56, right: 24, top: 40, bottom: 32 },
    tooltip: {
      trigger: 'item',
      formatter: (raw: unknown) => {
        const row = rows[(raw as TooltipItem).dataIndex];
        if (!row) return '';
        return `${nameOf(row.region)}<br/>${formatAmount(row.value, locale)}（${t('dashboard.projectsN', { n: row.projects })}）`;
      },
    },
    xAxis: { type: 'category', data: rows.map((row) => nameOf(row.region)) },
    yAxis: { type: 'value', name: amountUnitLabels[unit][locale] },
    series: [
      {
        type: 'bar',
        barMaxWidth: 40,
        // The axis names the unit; labels carry the figure only, so they fit above the bars.
        label: {
          show: true,
          position: 'top',
          formatter: (p: unknown) => formatIn(rows[(p as TooltipItem).dataIndex]?.value ?? 0, unit),
        },
        data: rows.map((row, i) => ({
          value: unit === 'yi' ? fenToYiNumber(row.value) : fenToWanNumber(row.value),
          itemStyle: { color: palette[i % palette.length] },
        })),
      },
    ],
  };
  return (
    <Chart
      option={option}
      height={320}
      testId="chart-region"
      label={t('dashboard.byRegion')}
      onClick={(event) => {
        const row = rows[event.dataIndex ?? -1];
        if (row?.region) void navigate(projectsLink({ region: row.region }, asOf));
      }}
    />
  );
}
