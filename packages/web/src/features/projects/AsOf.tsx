import { Alert, Button, DatePicker, Space, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { isValidDate } from '@landfall/domain';
import { fromDateText, isFutureDay, toDateText } from '../../components/formats.ts';
import { useI18n } from '../../i18n/useT.ts';

/** 数据截至 picker: empty = today. */
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

/**
 * 统计时点 picker: as known at the end of the chosen day; empty = now. An instant given in the
 * address (not a plain date) is shown as its day and kept until changed.
 */
export function KnownOnPicker({ value, onChange }: { value?: string; onChange: (date?: string) => void }) {
  const { t } = useI18n();
  const day = value && isValidDate(value.slice(0, 10)) ? value.slice(0, 10) : undefined;
  return (
    <Space size={4} data-testid="known-on">
      <Typography.Text id="known-on-label">{t('asOf.knownOn')}</Typography.Text>
      <Tooltip title={t('asOf.knownOnHelp')}>
        <QuestionCircleOutlined aria-label={t('asOf.knownOnHelp')} style={{ color: 'rgba(0,0,0,0.45)' }} />
      </Tooltip>
      <DatePicker
        aria-labelledby="known-on-label"
        value={fromDateText(day) ?? null}
        disabledDate={isFutureDay}
        placeholder={t('asOf.knownOnNow')}
        onChange={(date) => onChange(toDateText(date))}
        allowClear
      />
    </Space>
  );
}

/** Says the page shows the ledger as of a past date and/or as known at a past time, read-only. */
export function AsOfBanner({
  asOf,
  knownOn,
  onClear,
}: {
  asOf?: string;
  knownOn?: string;
  onClear: () => void;
}) {
  const { t } = useI18n();
  if (!asOf && !knownOn) return null;
  const lines = [
    asOf ? t('projects.asOfBanner', { date: asOf }) : null,
    knownOn ? t('asOf.knownOnBanner', { date: knownOn.replace('T', ' ') }) : null,
  ].filter((line): line is string => line !== null);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="as-of-banner"
      style={{ marginBottom: 16 }}
      title={lines[0]}
      description={
        lines.length > 1 || knownOn ? (
          <>
            {lines.slice(1).map((line) => (
              <div key={line}>{line}</div>
            ))}
            {knownOn ? <Typography.Text type="secondary">{t('asOf.knownOnHelp')}</Typography.Text> : null}
          </>
        ) : undefined
      }
      action={
        <Button size="small" onClick={onClear}>
          {t('projects.asOfClear')}
        </Button>
      }
    />
  );
}
