import { useState } from 'react';
import { Button, DatePicker, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { exportMonthly } from '../../api/exports.ts';
import { useDownload } from '../../components/useDownload.ts';
import { useI18n } from '../../i18n/useT.ts';

/** 导出月度统计表: a month (this month by default) and the button that downloads its .xlsx, as known on 统计时点. */
export function MonthlyExport({ tenantId, knownOn }: { tenantId?: string; knownOn?: string }) {
  const { t } = useI18n();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const download = useDownload(
    (input: { month: string; tenantId?: string; knownOn?: string }) =>
      exportMonthly(input.month, input.tenantId, input.knownOn),
    'monthly.xlsx',
  );
  return (
    <Space.Compact>
      <DatePicker
        picker="month"
        aria-label={t('exports.month')}
        allowClear={false}
        value={month}
        disabledDate={(value) => value.isAfter(dayjs(), 'month')}
        onChange={(value) => {
          if (value) setMonth(value);
        }}
        data-testid="export-month"
      />
      <Button
        icon={<DownloadOutlined />}
        loading={download.isPending}
        onClick={() => download.mutate({ month: month.format('YYYY-MM'), tenantId, knownOn })}
        data-testid="export-monthly"
      >
        {t('exports.monthly')}
      </Button>
    </Space.Compact>
  );
}
