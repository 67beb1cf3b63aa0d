import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Decision, MeetingDetail } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { TaskTable } from '../tasks/TaskTable.tsx';
import { DecisionModal } from './DecisionModal.tsx';

function DecisionCard({ decision, index }: { decision: Decision; index: number }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      data-testid="decision"
      title={
        <Space wrap>
          <span>{`${index + 1}. `}</span>
          <Tag color={decision.status === 'done' ? 'success' : 'processing'}>
            {t(`decisionStatus.${decision.status}`)}
          </Tag>
          <Typography.Text type="secondary">
            {t('decisions.recordedBy', { actor: decision.recordedByName, date: decision.decidedOn })}
          </Typography.Text>
        </Space>
      }
      extra={
        decision.matterId ? <Link to={`/matters/${decision.matterId}`}>{t('decisions.matter')}</Link> : null
      }
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{decision.text}</Typography.Paragraph>
      {decision.tasks.length > 0 ? (
        <TaskTable tasks={decision.tasks} pagination={false} showMeeting={false} />
      ) : null}
    </Card>
  );
}

/** 会议决定 and their tasks (督办); 记录决定 once the meeting has been held. */
export function DecisionsPanel({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const [recording, setRecording] = useState(false);
  const canRecord = can('decision.record') && meeting.status !== 'cancelled';
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {canRecord && meeting.status === 'held' ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
          {t('decisions.record')}
        </Button>
      ) : null}
      {canRecord && meeting.status === 'scheduled' ? (
        <Alert type="info" showIcon title={t('decisions.notHeld')} />
      ) : null}
      {meeting.decisions.length === 0 ? <Empty description={t('decisions.empty')} /> : null}
      {meeting.decisions.map((decision, index) => (
        <DecisionCard key={decision.id} decision={decision} index={index} />
      ))}
      <DecisionModal meeting={recording ? meeting : null} onClose={() => setRecording(false)} />
    </Space>
  );
}
