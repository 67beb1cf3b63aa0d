import { useState } from 'react';
import { Alert, App, Button, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { monthReopenSchema } from '@landfall/domain/schemas/closing';
import type { UnitCheck } from '../../api/closing.ts';
import { LoadError } from '../../app/Guards.tsx';
import { Amount } from '../../components/Amount.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { TextActionModal } from '../coordination/TextActionModal.tsx';
import { IssuedReports } from './IssuedReports.tsx';
import { MonthStatusTag } from './MonthStatusTag.tsx';
import { useMonthAction, useMonthCheck } from './useClosing.ts';

/** One month: the per-unit check, 封账 / 签发 / 重新开账, and the reports it issued. */
const shanghai = { timeZone: 'Asia/Shanghai' } as const;

export function MonthDetail({ month }: { month: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const reportError = useReportError();
  const check = useMonthCheck(month);
  const action = useMonthAction();
  const [reopening, setReopening] = useState(false);
  if (check.isError) return <LoadError error={check.error} onRetry={() => void check.refetch()} />;
  const c = check.data;
  const run = (kind: 'close' | 'signOff', done: string) =>
    c &&
    action.mutate(
      { kind, month, version: c.version },
      { onSuccess: () => void message.success(done), onError: (error) => reportError(error) },
    );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="month-detail">
      <Space wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('closing.monthTitle', { month })}
        </Typography.Title>
        {c ? <MonthStatusTag status={c.status} /> : null}
        {can('month.close') && c?.status === 'open' ? (
          <Popconfirm
            title={t('closing.closeConfirm', { month })}
            onConfirm={() => run('close', t('closing.closedDone'))}
          >
            <Button
              type="primary"
              disabled={!c.canClose}
              loading={action.isPending}
              data-testid="month-close"
            >
              {t('closing.close')}
            </Button>
          </Popconfirm>
        ) : null}
        {can('month.signOff') && c?.status === 'awaiting_signoff' ? (
          <Popconfirm
            title={t('closing.signOffConfirm', { month })}
            onConfirm={() => run('signOff', t('closing.signedOffDone'))}
          >
            <Button type="primary" loading={action.isPending} data-testid="month-sign-off">
              {t('closing.signOff')}
            </Button>
          </Popconfirm>
        ) : null}
        {can('month.reopen') && c && c.status !== 'open' ? (
          <Button danger onClick={() => setReopening(true)} data-testid="month-reopen">
            {t('closing.reopen')}
          </Button>
        ) : null}
      </Space>
      {c ? (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('closing.closedBy')}>
            {c.closedAt
              ? `${c.closedBy ?? ''} ${new Date(c.closedAt).toLocaleString(locale, shanghai)}`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('closing.signedOffBy')}>
            {c.signedOffAt
              ? `${c.signedOffBy ?? ''} ${new Date(c.signedOffAt).toLocaleString(locale, shanghai)}`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('closing.reopenReason')}>{c.reopenReason ?? '—'}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {(['block', 'warn'] as const).map((level) => {
        const list = c?.issues.filter((i) => i.level === level) ?? [];
        return list.length ? (
          <Alert
            key={level}
            type={level === 'block' ? 'error' : 'warning'}
            showIcon
            title={level === 'block' ? t('closing.blocked') : t('closing.warnings')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {list.map((i) => (
                  <li key={`${i.kind}-${i.message}`}>{i.message}</li>
                ))}
              </ul>
            }
          />
        ) : null;
      })}
      {c && c.status === 'open' && c.canClose ? (
        <Alert type="success" showIcon title={t('closing.ready')} />
      ) : null}
      <Table<UnitCheck>
        rowKey="unitId"
        size="small"
        loading={check.isFetching}
        pagination={false}
        dataSource={c?.units ?? []}
        scroll={{ x: 900 }}
        columns={[
          { title: t('closing.unit'), dataIndex: 'unitName', fixed: 'left' },
          {
            title: t('closing.fundsMonth'),
            dataIndex: 'fundsMonthFen',
            align: 'right',
            render: (f: number) => <Amount fen={f} />,
          },
          {
            title: t('closing.fundsYear'),
            dataIndex: 'fundsYearFen',
            align: 'right',
            render: (f: number) => <Amount fen={f} />,
          },
          { title: t('closing.signed'), dataIndex: 'signed', align: 'right' },
          { title: t('closing.started'), dataIndex: 'started', align: 'right' },
          {
            title: t('closing.pendingReview'),
            dataIndex: 'pendingReview',
            align: 'right',
            render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
          },
          {
            title: t('closing.stale'),
            dataIndex: 'stale',
            align: 'right',
            render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0),
          },
          {
            title: t('closing.late'),
            dataIndex: 'late',
            align: 'right',
            render: (n: number) => (n ? <Tag color="purple">{n}</Tag> : 0),
          },
          {
            title: t('closing.evidencePending'),
            dataIndex: 'evidencePending',
            align: 'right',
            render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0),
          },
        ]}
        summary={() =>
          c ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('closing.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Amount fen={c.totals.fundsMonthFen} />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Amount fen={c.totals.fundsYearFen} />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {c.totals.signed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {c.totals.started}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} colSpan={4} />
            </Table.Summary.Row>
          ) : null
        }
      />
      {c?.districts.length ? (
        <Space wrap>
          {t('closing.districts')}
          {c.districts.map((d) => (
            <span key={d.tenantId}>
              {d.name} <MonthStatusTag status={d.status} />
            </span>
          ))}
        </Space>
      ) : null}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('closing.reports')}
      </Typography.Title>
      <IssuedReports reports={c?.reports ?? []} />
      <TextActionModal
        open={reopening}
        name="monthReopen"
        title={t('closing.reopenTitle', { month })}
        label={t('closing.reopenReasonLabel')}
        help={t('closing.reopenHelp')}
        okText={t('closing.reopen')}
        maxLength={500}
        schema={monthReopenSchema.shape.reason}
        onClose={() => setReopening(false)}
        onSubmit={async (reason) => {
          if (!c) return;
          await action.mutateAsync({ kind: 'reopen', month, version: c.version, reason });
          void message.success(t('closing.reopenedDone'));
        }}
      />
    </Space>
  );
}
