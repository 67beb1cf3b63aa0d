import { Alert, Button, DatePicker, Space, Typography } from 'antd';
import { fromDateText, isFutureDay, toDateText } from '../../components/formats.ts';
import { useI18n } from '../../i18n/useT.ts';

/** 截至日期 picker: empty = today. */
export function AsOfPicker({ value, onChange }: { value?: string; onChange: (date?: string) => void }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Typography.Text id="as-of-label">{t('projects.asOf')}</Typography.Text>
      <DatePicker
        aria-labelledby="as-of-label"
        value={fromDateText(value) ?? null}
        disabledDate={isFutureDay}
        onChange={(date) => onChange(toDateText(date))}
        allowClear
      />
    </Space>
  );
}

/** Says the page shows the ledger as of a past date, read-only. */
export function AsOfBanner({ asOf, onClear }: { asOf?: string; onClear: () => void }) {
  const { t } = useI18n();
  if (!asOf) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="as-of-banner"
      style={{ marginBottom: 16 }}
      title={t('projects.asOfBanner', { date: asOf })}
      action={
        <Button size="small" onClick={onClear}>
          {t('projects.asOfClear')}
        </Button>
      }
    />
  );
}
