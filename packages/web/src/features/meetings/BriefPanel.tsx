import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Divider, Flex, Space, Tag, Typography, theme } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import type { Brief, BriefSection, Meeting } from '../../api/coordination-types.ts';
import { downloadMeetingBrief } from '../../api/meetings.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useDownload } from '../../components/useDownload.ts';
import { useI18n } from '../../i18n/useT.ts';
import { recordPath } from './meetingBody.ts';
import { useMeetingBrief } from './useMeetings.ts';

/** Lines shown before 展开: a brief after a long gap (or a large 补录) can run to hundreds. */
const FOLDED_LINES = 8;

/** A city's brief names each line's 区县; a district's sensitive project (敏感项目) is not linked. */
function BriefSectionView({ section, districts }: { section: BriefSection; districts: boolean }) {
  const { t } = useI18n();
  const [unfolded, setUnfolded] = useState(false);
  const lines = unfolded ? section.lines : section.lines.slice(0, FOLDED_LINES);
  return (
    <section data-testid={`brief-section-${section.key}`}>
      <Typography.Title level={5}>{section.heading}</Typography.Title>
      <Typography.Paragraph>{section.summary}</Typography.Paragraph>
      {lines.length > 0 ? (
        <ol className="numbered-list">
          {lines.map((line, i) => (
            <li key={`${line.type}-${line.id}-${i}`}>
              {districts ? (
                <Tag data-testid="brief-line-district" style={{ marginInlineEnd: 6 }}>
                  {line.tenantName}
                </Tag>
              ) : null}
              {/* A late entry's text ends with the official （补录） already. */}
              {line.masked ? (
                <Typography.Text>{line.text}</Typography.Text>
              ) : (
                <Link to={recordPath(line.type, line.id)}>{line.text}</Link>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {section.lines.length > FOLDED_LINES ? (
        <Button type="link" onClick={() => setUnfolded(!unfolded)}>
          {unfolded ? t('brief.fold') : t('brief.unfold', { n: section.lines.length })}
        </Button>
      ) : null}
    </section>
  );
}

function BriefBody({ brief }: { brief: Brief }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <div data-testid="brief">
      <Typography.Title level={3} type="danger" style={{ textAlign: 'center', marginBottom: 4 }}>
        {brief.title}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>{brief.issueNumber}</Typography.Paragraph>
      <Flex justify="space-between" wrap>
        <Typography.Text>{brief.issuer}</Typography.Text>
        <Typography.Text>{brief.dateText}</Typography.Text>
      </Flex>
      <Divider style={{ borderColor: token.colorError, marginTop: 8 }} />
      <Typography.Paragraph type="secondary">
        {t('brief.period', { from: brief.period.from, to: brief.period.to })}
      </Typography.Paragraph>
      {brief.sections.map((section) => (
        <BriefSectionView key={section.key} section={section} districts={brief.tenants.length > 1} />
      ))}
    </div>
  );
}

/** 简报: the brief of the meeting as of its date, each line linking its record; .docx and .xlsx downloads. */
export function BriefPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const brief = useMeetingBrief(meeting.id, true);
  const download = useDownload(
    (format: 'docx' | 'xlsx') => downloadMeetingBrief(meeting.id, format),
    `brief-${meeting.heldOn}`,
  );
  if (brief.isError) return <LoadError error={brief.error} onRetry={() => void brief.refetch()} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>{t('brief.download')}</Typography.Text>
        <Button
          icon={<FileWordOutlined />}
          loading={download.isPending && download.variables === 'docx'}
          onClick={() => download.mutate('docx')}
          data-testid="brief-docx"
        >
          {t('brief.docx')}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          loading={download.isPending && download.variables === 'xlsx'}
          onClick={() => download.mutate('xlsx')}
          data-testid="brief-xlsx"
        >
          {t('brief.xlsx')}
        </Button>
      </Space>
      {meeting.status === 'scheduled' ? <Alert type="info" showIcon title={t('brief.preview')} /> : null}
      {brief.data ? (
        <BriefBody brief={brief.data} />
      ) : (
        <Typography.Text>{t('common.loading')}</Typography.Text>
      )}
    </Space>
  );
}
