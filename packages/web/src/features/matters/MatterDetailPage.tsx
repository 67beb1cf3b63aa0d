import { Link, useParams } from 'react-router';
import { Alert, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { blockerKindLabels, stageLabels } from '@landfall/domain';
import type { MatterDetail } from '../../api/coordination-types.ts';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { Deadline, OverdueTag } from '../coordination/LoopTags.tsx';
import { ReminderList } from '../coordination/ReminderList.tsx';
import { useUnits } from '../units/useUnits.ts';
import { MatterActions } from './MatterActions.tsx';
import { MatterLevelTag, MatterStatusTag, RaisedDownTag } from './MatterTags.tsx';
import { MatterThread } from './MatterThread.tsx';
import { useMatter } from './useMatters.ts';

function MatterFacts({ matter }: { matter: MatterDetail }) {
  const { t, locale } = useI18n();
  const none = t('common.none');
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'project',
          label: t('matters.project'),
          children: matter.projectId ? (
            <Link to={`/projects/${matter.projectId}`}>{matter.projectName}</Link>
          ) : (
            none
          ),
        },
        {
          key: 'blocker',
          label: t('matters.blockerKind'),
          children: blockerKindLabels[matter.blockerKind][locale],
        },
        { key: 'unit', label: t('matters.unit'), children: matter.unitName },
        { key: 'owner', label: t('matters.ownerUnit'), children: matter.ownerUnitName },
        {
          key: 'stage',
          label: t('matters.blocksStage'),
          children: matter.blocksStage ? stageLabels[matter.blocksStage][locale] : none,
        },
        {
          key: 'deadline',
          label: t('loop.deadline'),
          children: <Deadline date={matter.deadline} daysOverdue={matter.daysOverdue} />,
        },
        { key: 'raisedOn', label: t('matters.raisedOn'), children: matter.raisedOn },
        { key: 'raisedBy', label: t('matters.raisedBy'), children: matter.raisedByName },
        {
          key: 'description',
          label: t('matters.description'),
          span: 'filled',
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{matter.description || none}</span>,
        },
      ]}
    />
  );
}

/** 协调事项: facts, the outcome once decided, the thread, reminders, and what the caller may do. */
export function MatterDetailPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { data: me } = useMe();
  const detail = useMatter(id);
  // A district's matter read from the city: the district's units name the thread's acting units.
  const units = useUnits(detail.data?.tenantId ?? me?.tenantId);

  if (detail.isPending) return <FullPageSpin />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const matter = detail.data;
  const unitName = (unitId: string) => units.data?.find((u) => u.id === unitId)?.name ?? '';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/matters" aria-label={t('matters.back')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {matter.title}
            </Typography.Title>
            <MatterLevelTag level={matter.level} />
            <MatterStatusTag status={matter.status} />
            <RaisedDownTag tenantName={matter.raisedByTenantName} />
            <OverdueTag days={matter.daysOverdue} />
          </Space>
        }
      >
        {matter.status !== 'open' && matter.outcome ? (
          <Alert
            type={matter.status === 'resolved' ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="matter-outcome"
            title={matter.status === 'resolved' ? t('matters.outcome') : t('matters.withdrawnReason')}
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{matter.outcome}</span>}
          />
        ) : null}
        <div style={{ marginBottom: 16 }}>
          <MatterActions matter={matter} />
        </div>
        <MatterFacts matter={matter} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('matters.thread')}>
            <MatterThread events={matter.events} unitName={unitName} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('loop.reminders')}>
            <ReminderList reminders={matter.reminders} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
