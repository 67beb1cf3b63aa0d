import { Link, useParams } from 'react-router';
import { Card, Descriptions, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { InspectionActions } from './InspectionActions.tsx';
import { InspectionStatusTag, RectificationTag } from './InspectionTags.tsx';
import { useInspection } from './useInspections.ts';

const pre = (text: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>;

/** One inspection: what was found, the score, and the rectification asked for and reported. */
export function InspectionDetailPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const detail = useInspection(id);
  if (detail.isPending) return <FullPageSpin />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const inspection = detail.data;
  const { rectification } = inspection;
  const none = t('common.none');
  return (
    <Card
      title={
        <Space wrap>
          <Link to="/inspections" aria-label={t('inspections.back')}>
            <ArrowLeftOutlined />
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {`${inspection.unitName}：${inspection.topic}`}
          </Typography.Title>
          <InspectionStatusTag inspection={inspection} />
        </Space>
      }
      extra={<InspectionActions inspection={inspection} />}
    >
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'unit', label: t('inspections.unit'), children: inspection.unitName },
          { key: 'scheduledOn', label: t('inspections.scheduledOn'), children: inspection.scheduledOn },
          {
            key: 'inspectedOn',
            label: t('inspections.inspectedOn'),
            children: inspection.inspectedOn ?? none,
          },
          { key: 'findings', label: t('inspections.findings'), children: pre(inspection.findings || none) },
          { key: 'score', label: t('inspections.score'), children: inspection.score ?? none },
          {
            key: 'rectification',
            label: t('inspections.rectification'),
            children: <RectificationTag inspection={inspection} />,
          },
          {
            key: 'requirement',
            label: t('inspections.requirement'),
            children: pre(rectification.requirement || none),
          },
          { key: 'dueOn', label: t('inspections.dueOn'), children: rectification.dueOn ?? none },
          { key: 'report', label: t('inspections.report'), children: pre(rectification.report || none) },
          {
            key: 'rectifiedOn',
            label: t('inspections.rectifiedOn'),
            children: rectification.rectifiedOn ?? none,
          },
        ]}
      />
    </Card>
  );
}
