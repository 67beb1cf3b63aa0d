import { DatePicker, Segmented, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  fundsBases,
  fundsBasisLabels,
  targetMetricLabels,
  targetMetrics,
  timeProgressModeLabels,
  timeProgressModes,
  type FundsBasis,
  type TargetMetric,
  type TimeProgressMode,
} from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';
import { AsOfPicker, KnownOnPicker } from '../projects/AsOf.tsx';
import type { DashboardParams } from './useDashboardParams.ts';

/**
 * 年度, 指标, 口径 (funds only), 数据截至, 统计时点 and 序时进度 (按月/按日); every choice goes to the address.
 * The date comes before the segmented control: Tab then Enter after typing a date lands on a
 * radio button, not on a link.
 */
export function DashboardFilters({ params }: { params: DashboardParams }) {
  const { t, locale } = useI18n();
  const lastYear = params.asOf ? Number(params.asOf.slice(0, 4)) : dayjs().year();
  return (
    <Space wrap size={[16, 8]}>
      <Space size={4}>
        <Typography.Text id="dashboard-year-label">{t('dashboard.year')}</Typography.Text>
        <DatePicker
          picker="year"
          aria-labelledby="dashboard-year-label"
          allowClear={false}
          value={dayjs(`${params.year}-01-01`)}
          disabledDate={(value) => value.year() > lastYear || value.year() < 2000}
          onChange={(value) => params.update({ year: value ? String(value.year()) : undefined })}
          style={{ width: 100 }}
          data-testid="dashboard-year"
        />
      </Space>
      <Space size={4}>
        <Typography.Text id="dashboard-metric-label">{t('dashboard.metric')}</Typography.Text>
        <Select<TargetMetric>
          aria-labelledby="dashboard-metric-label"
          value={params.metric}
          style={{ minWidth: 160 }}
          popupMatchSelectWidth={false}
          onChange={(metric) => params.update({ metric, basis: undefined })}
          options={targetMetrics.map((value) => ({ value, label: targetMetricLabels[value][locale] }))}
          data-testid="dashboard-metric"
        />
      </Space>
      {params.metric === 'funds_in_place' ? (
        <Space size={4}>
          <Typography.Text id="dashboard-basis-label">{t('dashboard.basis')}</Typography.Text>
          <Select<FundsBasis>
            aria-labelledby="dashboard-basis-label"
            value={params.basis}
            style={{ minWidth: 120 }}
            popupMatchSelectWidth={false}
            onChange={(basis) => params.update({ basis: basis === 'all' ? undefined : basis })}
            options={fundsBases.map((value) => ({ value, label: fundsBasisLabels[value][locale] }))}
            data-testid="dashboard-basis"
          />
        </Space>
      ) : null}
      <span data-testid="dashboard-as-of">
        <AsOfPicker value={params.asOf} onChange={params.setAsOf} />
      </span>
      <KnownOnPicker value={params.knownOn} onChange={params.setKnownOn} />
      <Space size={4}>
        <Typography.Text id="dashboard-mode-label">{t('dashboard.timeMode')}</Typography.Text>
        <Segmented<TimeProgressMode>
          aria-labelledby="dashboard-mode-label"
          value={params.timeMode}
          onChange={(timeMode) => params.update({ timeMode: timeMode === 'month' ? undefined : timeMode })}
          options={timeProgressModes.map((value) => ({
            value,
            label: timeProgressModeLabels[value][locale],
          }))}
          data-testid="dashboard-time-mode"
        />
      </Space>
    </Space>
  );
}
