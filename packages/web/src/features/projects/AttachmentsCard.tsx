import { App, Button, Card, List, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { attachmentUrl } from '../../api/projects.ts';
import type { Attachment } from '../../api/library-types.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useUploadAttachment } from './useProjects.ts';

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The project's files, with download links; upload when allowed. */
export function AttachmentsCard(props: { projectId: string; attachments: Attachment[]; canUpload: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const upload = useUploadAttachment();
  return (
    <Card
      size="small"
      title={t('detail.attachments')}
      extra={
        props.canUpload ? (
          <Upload
            showUploadList={false}
            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"
            customRequest={({ file }) => {
              if (!(file instanceof File)) return;
              upload.mutate(
                { projectId: props.projectId, file },
                {
                  onSuccess: () => void message.success(t('detail.uploaded')),
                  onError: (error) => reportError(error),
                },
              );
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t('detail.upload')}
            </Button>
          </Upload>
        ) : null
      }
    >
      <List
        size="small"
        dataSource={props.attachments}
        locale={{ emptyText: t('detail.noAttachments') }}
        renderItem={(attachment) => (
          <List.Item>
            <a href={attachmentUrl(attachment.id)} download>
              <PaperClipOutlined /> {attachment.filename}
            </a>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatSize(attachment.sizeBytes)} · {dayjs(attachment.createdAt).format('YYYY-MM-DD')}
            </Typography.Text>
          </List.Item>
        )}
      />
      {props.canUpload ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('detail.uploadHelp')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
