import { useState } from 'react';
import { App, Button, Card, Select, Space, Switch, Table, Typography } from 'antd';
import { errorMessages } from '@landfall/domain';
import type { Month } from '../../api/closing.ts';
import { isApiError } from '../../api/client.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { MonthDetail } from './MonthDetail.tsx';
import { MonthStatusTag } from './MonthStatusTag.tsx';
import { useClosingSetting, useMonths, useUpdateClosingSetting } from './useClosing.ts';

/** The tenant's closing rules: 需领导签发 and 允许补录 (the coordination group sets them). */
function ClosingSettings() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const reportError = useReportError();
  const setting = useClosingSetting();
  const update = useUpdateClosingSetting();
  const editable = can('month.configure');
  const save = (patch: { signOffRequired?: boolean; lateEntries?: boolean }) => {
    if (!setting.data) return;
    update.mutate(
      { ...setting.data, ...patch },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => {
          if (isApiError(error) && error.code === 'stale_version') {
            void message.warning(errorMessages.stale_version[locale]);
            void setting.refetch();
            return;
          }
          reportError(error);
        },
      },
    );
  };
  return (
    <Space wrap size="large">
      <Space>
        <Switch
          id="closing-sign-off"
          checked={setting.data?.signOffRequired ?? false}
          disabled={!editable || !setting.data}
          loading={update.isPending}
          onChange={(checked) => save({ signOffRequired: checked })}
        />
        <label htmlFor="closing-sign-off">{t('closing.signOffRequired')}</label>
      </Space>
      <Space>
        <Switch
          id="closing-late"
          checked={setting.data?.lateEntries ?? false}
          disabled={!editable || !setting.data}
          loading={update.isPending}
          onChange={(checked) => save({ lateEntries: checked })}
        />
        <label htmlFor="closing-late">{t('closing.lateEntries')}</label>
      </Space>
    </Space>
  );
}

/** 月度封账: the year's months with their status; a month's check, actions and issued reports. */
export function MonthClosePage() {
  const { t, locale } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [selected, setSelected] = useState<string>();
  const months = useMonths(year);
  if (months.isError) return <LoadError error={months.error} onRetry={() => void months.refetch()} />;
  const current = (r: Month) => r.reports.filter((x) => !x.superseded).length;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('closing.title')}
        extra={
          <Select
            aria-label={t('closing.year')}
            value={year}
            style={{ width: 110 }}
            onChange={(value) => {
              setYear(value);
              setSelected(undefined);
            }}
            options={[0, 1, 2].map((d) => ({
              value: thisYear - d,
              label: t('closing.yearN', { n: thisYear - d }),
            }))}
          />
        }
      >
        <Typography.Paragraph type="secondary">{t('closing.help')}</Typography.Paragraph>
        <ClosingSettings />
        <Table<Month>
          style={{ marginTop: 16 }}
          rowKey="month"
          size="small"
          loading={months.isFetching}
          pagination={false}
          dataSource={[...(months.data?.months ?? [])].reverse()}
          onRow={(r) => ({ 'data-testid': `month-row-${r.month}` }) as React.HTMLAttributes<HTMLElement>}
          rowClassName={(r) => (r.month === selected ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('closing.month'), dataIndex: 'month' },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (s: Month['status']) => <MonthStatusTag status={s} />,
            },
            {
              title: t('closing.closedBy'),
              key: 'closed',
              render: (_v, r) =>
                r.closedAt
                  ? `${r.closedBy ?? ''} ${new Date(r.closedAt).toLocaleDateString(locale, { timeZone: 'Asia/Shanghai' })}`
                  : '—',
            },
            {
              title: t('closing.signedOffBy'),
              dataIndex: 'signedOffBy',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('closing.reports'),
              key: 'reports',
              render: (_v, r) => (r.issue ? t('closing.reportsN', { issue: r.issue, n: current(r) }) : '—'),
            },
            {
              title: t('common.actions'),
              key: 'open',
              render: (_v, r) => (
                <Button
                  size="small"
                  type="link"
                  onClick={() => setSelected(r.month)}
                  data-testid={`month-open-${r.month}`}
                >
                  {t('closing.check')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {selected ? (
        <Card>
          <MonthDetail month={selected} />
        </Card>
      ) : null}
    </Space>
  );
}
