import { useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { roles, roleLabels, type AuditQuery, type Role } from '@landfall/domain';
import type { AuditEntry, AuditOutcome } from '../../api/types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useAudit } from './useAudit.ts';
import { AuditVerify } from './AuditVerify.tsx';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
}

type Filter = Pick<AuditQuery, 'from' | 'to' | 'actor' | 'action' | 'outcome'>;

const outcomes: AuditOutcome[] = ['ok', 'denied', 'failed'];
const outcomeColors: Record<AuditOutcome, string> = { ok: 'green', denied: 'orange', failed: 'red' };

function toFilter(values: FilterValues): Filter {
  const [from, to] = values.range ?? [];
  return {
    from: from ? from.format('YYYY-MM-DD') : undefined,
    to: to ? to.format('YYYY-MM-DD') : undefined,
    actor: values.actor?.trim() || undefined,
    action: values.action?.trim() || undefined,
    outcome: values.outcome,
  };
}

function isRole(value: string | null): value is Role {
  return value !== null && (roles as readonly string[]).includes(value);
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre style={{ margin: '4px 0 0', padding: 8, background: '#fafafa', maxHeight: 320, overflow: 'auto' }}>
        {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** 审计日志: the auditor's read-only view of every recorded action, filtered and paged on the server. */
export function AuditPage() {
  const { t, locale, lookup } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const audit = useAudit({ ...filter, ...page });

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 170,
      render: (_value, entry) => dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actorName',
      render: (_value, entry) => entry.actorName ?? t('common.none'),
    },
    {
      title: t('audit.role'),
      dataIndex: 'role',
      key: 'role',
      render: (_value, entry) => (isRole(entry.role) ? roleLabels[entry.role][locale] : (entry.role ?? '—')),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (_value, entry) => (
        <span title={entry.action}>{lookup(`action.${entry.action}`) ?? entry.action}</span>
      ),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      key: 'outcome',
      width: 90,
      render: (_value, entry) => (
        <Tag color={outcomeColors[entry.outcome]}>{t(`outcome.${entry.outcome}`)}</Tag>
      ),
    },
    {
      title: t('audit.record'),
      key: 'record',
      render: (_value, entry) =>
        entry.recordType ? `${entry.recordType}${entry.recordId ? ` · ${entry.recordId}` : ''}` : '—',
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', width: 130 },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      key: 'requestId',
      render: (_value, entry) =>
        entry.requestId ? <Typography.Text copyable>{entry.requestId}</Typography.Text> : '—',
    },
  ];

  if (audit.isError && !audit.data) {
    return <LoadError error={audit.error} onRetry={() => void audit.refetch()} />;
  }
  return (
    <Card title={t('audit.title')}>
      <AuditVerify />
      <Form<FilterValues>
        form={form}
        name="auditFilter"
        layout="vertical"
        onFinish={(values) => {
          setFilter(toFilter(values));
          setPage((current) => ({ ...current, page: 1 }));
        }}
      >
        <Row gutter={16} align="bottom">
          <Col xs={24} md={8}>
            <Form.Item name="range" label={t('audit.dateRange')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="actor" label={t('audit.actor')}>
              <Input allowClear maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="action" label={t('audit.action')}>
              <Input allowClear maxLength={64} placeholder="user.create" />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="outcome" label={t('audit.outcome')}>
              <Select
                allowClear
                options={outcomes.map((outcome) => ({ value: outcome, label: t(`outcome.${outcome}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item>
              <Button type="primary" htmlType="submit" style={{ marginRight: 8 }}>
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilter({});
                  setPage((current) => ({ ...current, page: 1 }));
                }}
              >
                {t('common.reset')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={audit.isFetching}
        columns={columns}
        dataSource={audit.data?.items}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (entry) => entry.before != null || entry.after != null || !!entry.userAgent,
          expandedRowRender: (entry) => (
            <Row gutter={16}>
              {entry.userAgent && (
                <Col span={24} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{t('audit.userAgent')}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{entry.userAgent}</Typography.Text>
                </Col>
              )}
              <Col span={12}>
                <JsonBlock title={t('audit.before')} value={entry.before} />
              </Col>
              <Col span={12}>
                <JsonBlock title={t('audit.after')} value={entry.after} />
              </Col>
            </Row>
          ),
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('audit.total', { total }),
          onChange: (nextPage, pageSize) =>
            setPage({ page: pageSize === page.pageSize ? nextPage : 1, pageSize }),
        }}
      />
    </Card>
  );
}
