import { useState } from 'react';
import { Link } from 'react-router';
import {
  App,
  Button,
  Card,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { formatAmount, leadStatuses, type LeadStatus } from '@landfall/domain';
import type { Lead } from '../../api/library-types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { fenToWanText } from '../../components/formats.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan, useCanOnUnit, useMe } from '../auth/useMe.ts';
import { ProjectCreateModal } from '../projects/ProjectFormModal.tsx';
import { useUnits } from '../units/useUnits.ts';
import { LeadFormModal, LeadTextModal } from './LeadModals.tsx';
import { useAcknowledgeLead, useConvertLead, useLeads } from './useLeads.ts';

const statusColors: Record<LeadStatus, string> = {
  reported: 'blue',
  acknowledged: 'cyan',
  assessed: 'purple',
  converted: 'green',
  closed: 'default',
};
const open = (lead: Lead) => lead.status !== 'converted' && lead.status !== 'closed';

/** 招商信息: leads the units report, with the response clock (签收 in 1 working day, 研判 in 3). */
export function LeadsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const canOnUnit = useCanOnUnit();
  const reportError = useReportError();
  const { data: me } = useMe();
  const units = useUnits(me?.tenantId);
  const [status, setStatus] = useState<LeadStatus | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const leads = useLeads({ status, overdue: overdue || undefined, q: q.trim() || undefined, ...page });
  const acknowledge = useAcknowledgeLead();
  const convert = useConvertLead();
  const [form, setForm] = useState<{ lead: Lead | null } | null>(null);
  const [text, setText] = useState<{ lead: Lead; kind: 'assess' | 'close' } | null>(null);
  const [converting, setConverting] = useState<Lead | null>(null);
  const unitList = units.data ?? [];

  const columns: TableColumnsType<Lead> = [
    { title: t('leads.titleField'), dataIndex: 'title', key: 'title' },
    {
      title: t('leads.status'),
      key: 'status',
      render: (_v, lead) => <Tag color={statusColors[lead.status]}>{t(`leadStatus.${lead.status}`)}</Tag>,
    },
    {
      title: t('leads.unit'),
      key: 'unit',
      render: (_v, lead) => unitList.find((u) => u.id === lead.unitId)?.name ?? '—',
    },
    { title: t('leads.investorName'), key: 'investor', render: (_v, lead) => lead.investorName || '—' },
    {
      title: t('leads.estimatedAmountShort'),
      key: 'amount',
      align: 'right',
      render: (_v, lead) =>
        lead.estimatedAmountFen === null ? '—' : formatAmount(lead.estimatedAmountFen, locale),
    },
    { title: t('leads.reportedOn'), dataIndex: 'reportedOn', key: 'reportedOn' },
    {
      title: t('leads.clock'),
      key: 'clock',
      render: (_v, lead) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text
            type={lead.acknowledgedAt ? 'secondary' : undefined}
            delete={!!lead.acknowledgedAt}
          >
            {t('leads.acknowledgeBy', { date: lead.clock.acknowledgeBy })}
          </Typography.Text>
          <Typography.Text type={lead.assessedAt ? 'secondary' : undefined} delete={!!lead.assessedAt}>
            {t('leads.assessBy', { date: lead.clock.assessBy })}
          </Typography.Text>
          <Space size={4}>
            {lead.clock.overdue ? <Tag color="red">{t('leads.overdue')}</Tag> : null}
            {lead.clock.acknowledgedLate || lead.clock.assessedLate ? (
              <Tag color="orange">{t('leads.late')}</Tag>
            ) : null}
          </Space>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, lead) => (
        <Space size={0} wrap>
          {can('lead.respond') && lead.status === 'reported' ? (
            <Button
              size="small"
              type="link"
              onClick={() =>
                acknowledge.mutate(lead.id, {
                  onSuccess: () => void message.success(t('leads.acknowledged')),
                  onError: (error) => reportError(error),
                })
              }
            >
              {t('leads.acknowledge')}
            </Button>
          ) : null}
          {can('lead.respond') && (lead.status === 'reported' || lead.status === 'acknowledged') ? (
            <Button size="small" type="link" onClick={() => setText({ lead, kind: 'assess' })}>
              {t('leads.assess')}
            </Button>
          ) : null}
          {canOnUnit('lead.update', lead.unitId) && open(lead) ? (
            <Button size="small" type="link" onClick={() => setForm({ lead })}>
              {t('common.edit')}
            </Button>
          ) : null}
          {canOnUnit('lead.convert', lead.unitId) && open(lead) ? (
            <Button size="small" type="link" onClick={() => setConverting(lead)}>
              {t('leads.convert')}
            </Button>
          ) : null}
          {canOnUnit('lead.update', lead.unitId) && open(lead) ? (
            <Button size="small" type="link" danger onClick={() => setText({ lead, kind: 'close' })}>
              {t('leads.close')}
            </Button>
          ) : null}
          {lead.projectId ? <Link to={`/projects/${lead.projectId}`}>{t('leads.openProject')}</Link> : null}
        </Space>
      ),
    },
  ];

  if (leads.isError && !leads.data)
    return <LoadError error={leads.error} onRetry={() => void leads.refetch()} />;
  const toFirstPage = () => setPage((current) => ({ ...current, page: 1 }));
  return (
    <Card
      title={t('leads.title')}
      extra={
        can('lead.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ lead: null })}>
            {t('leads.create')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('leads.search')}
          placeholder={t('leads.search')}
          style={{ width: 240 }}
          onSearch={(value) => {
            setQ(value);
            toFirstPage();
          }}
        />
        <Select<LeadStatus>
          allowClear
          aria-label={t('leads.status')}
          placeholder={t('leads.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(value) => {
            setStatus(value ?? undefined);
            toFirstPage();
          }}
          options={leadStatuses.map((value) => ({ value, label: t(`leadStatus.${value}`) }))}
        />
        <Space>
          <Switch
            id="leads-overdue"
            checked={overdue}
            onChange={(checked) => {
              setOverdue(checked);
              toFirstPage();
            }}
          />
          <label htmlFor="leads-overdue">{t('leads.overdueOnly')}</label>
        </Space>
      </Space>
      <Table<Lead>
        rowKey="id"
        size="middle"
        loading={leads.isFetching}
        columns={columns}
        dataSource={leads.data?.items}
        scroll={{ x: 'max-content' }}
        rowClassName={(lead) => (lead.clock.overdue ? 'row-overdue' : '')}
        expandable={{
          rowExpandable: (lead) => !!(lead.intention || lead.needs || lead.assessment),
          expandedRowRender: (lead) => (
            <Space orientation="vertical" size={4}>
              {lead.intention ? (
                <div>{`${t('leads.intention')}${t('common.colon')}${lead.intention}`}</div>
              ) : null}
              {lead.needs ? <div>{`${t('leads.needs')}${t('common.colon')}${lead.needs}`}</div> : null}
              {lead.assessment ? (
                <div
                  style={{ whiteSpace: 'pre-wrap' }}
                >{`${t('leads.assessment')}${t('common.colon')}${lead.assessment}`}</div>
              ) : null}
            </Space>
          ),
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: leads.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, pageSize) =>
            setPage({ page: pageSize === page.pageSize ? nextPage : 1, pageSize }),
        }}
      />
      <LeadFormModal
        open={form !== null}
        lead={form?.lead ?? null}
        units={unitList}
        onClose={() => setForm(null)}
        onReload={(lead) => setForm({ lead })}
      />
      <LeadTextModal lead={text?.lead ?? null} kind={text?.kind ?? 'assess'} onClose={() => setText(null)} />
      <ProjectCreateModal
        open={converting !== null}
        title={t('leads.convertTitle', { title: converting?.title ?? '' })}
        initial={
          converting
            ? {
                name: converting.title,
                unitId: converting.unitId,
                enterpriseIds: converting.investorEnterpriseId ? [converting.investorEnterpriseId] : [],
                referrerEnterpriseId: converting.referrerEnterpriseId,
                agreedInvestmentFen: fenToWanText(converting.estimatedAmountFen),
              }
            : undefined
        }
        create={(input) => convert.mutateAsync({ id: converting?.id ?? '', input })}
        onClose={() => setConverting(null)}
      />
    </Card>
  );
}
