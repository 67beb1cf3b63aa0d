import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { formatAmount } from '@landfall/domain';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useCanOnUnit, useMe } from '../auth/useMe.ts';
import { ReviewActions } from '../review/ReviewActions.tsx';
import { ReviewBanner, ReviewTag } from '../review/ReviewTag.tsx';
import { useUnits } from '../units/useUnits.ts';
import { LeadFormModal } from './LeadModals.tsx';
import { useLead } from './useLeads.ts';

/** 招商信息 on its own page (where the bell and briefs link): its facts and its review state. */
export function LeadDetailPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const canOnUnit = useCanOnUnit();
  const { data: me } = useMe();
  const units = useUnits(me?.tenantId);
  const detail = useLead(id);
  const [editing, setEditing] = useState(false);
  if (detail.isPending) return <FullPageSpin />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const lead = detail.data;
  const none = t('common.none');
  const open = lead.status !== 'converted' && lead.status !== 'closed';
  const pre = (text: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{text || none}</span>;
  return (
    <Card
      title={
        <Space wrap>
          <Link to="/leads" aria-label={t('leads.detailBack')}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {lead.title}
          </Typography.Title>
          <Tag>{t(`leadStatus.${lead.status}`)}</Tag>
          <ReviewTag record={lead} />
        </Space>
      }
      extra={
        <Space wrap>
          <ReviewActions type="lead" record={lead} name={lead.title} />
          {open && canOnUnit('lead.update', lead.unitId) ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <ReviewBanner record={lead} />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'unit',
            label: t('leads.unit'),
            children: units.data?.find((u) => u.id === lead.unitId)?.name ?? none,
          },
          { key: 'reportedOn', label: t('leads.reportedOn'), children: lead.reportedOn },
          { key: 'source', label: t('leads.source'), children: lead.source || none },
          { key: 'referrer', label: t('leads.referrer'), children: lead.referrer || none },
          { key: 'investor', label: t('leads.investorName'), children: lead.investorName || none },
          {
            key: 'amount',
            label: t('leads.estimatedAmountShort'),
            children: lead.estimatedAmountFen === null ? none : formatAmount(lead.estimatedAmountFen, locale),
          },
          { key: 'intention', label: t('leads.intention'), span: 'filled', children: pre(lead.intention) },
          { key: 'needs', label: t('leads.needs'), span: 'filled', children: pre(lead.needs) },
          { key: 'assessment', label: t('leads.assessment'), span: 'filled', children: pre(lead.assessment) },
          {
            key: 'project',
            label: t('leads.openProject'),
            children: lead.projectId ? (
              <Link to={`/projects/${lead.projectId}`}>{t('common.view')}</Link>
            ) : (
              none
            ),
          },
        ]}
      />
      <LeadFormModal
        open={editing}
        lead={lead}
        units={units.data ?? []}
        onClose={() => setEditing(false)}
        onReload={() => void detail.refetch()}
      />
    </Card>
  );
}
