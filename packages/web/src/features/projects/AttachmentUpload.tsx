import { useState } from 'react';
import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useUploadAttachment } from './useProjects.ts';

interface AttachmentUploadProps {
  /** Set by Form.Item: lands on the file input, so the field's label names it. */
  id?: string;
  projectId: string;
  /** The uploaded attachment's id. */
  value?: string;
  onChange?: (attachmentId: string | undefined) => void;
  accept?: string;
}

/** One file, uploaded to the project as soon as it is chosen; the field holds the attachment id. */
export function AttachmentUpload({ id, projectId, value, onChange, accept }: AttachmentUploadProps) {
  const { t } = useI18n();
  const reportError = useReportError();
  const upload = useUploadAttachment();
  const [files, setFiles] = useState<UploadFile[]>([]);

  return (
    <Upload
      id={id}
      accept={accept}
      maxCount={1}
      fileList={files}
      onRemove={() => {
        setFiles([]);
        onChange?.(undefined);
      }}
      customRequest={({ file }) => {
        if (!(file instanceof File)) return;
        const entry: UploadFile = { uid: String(Date.now()), name: file.name, status: 'uploading' };
        setFiles([entry]);
        onChange?.(undefined);
        upload.mutate(
          { projectId, file },
          {
            onSuccess: (attachment) => {
              setFiles([{ ...entry, status: 'done', uid: attachment.id }]);
              onChange?.(attachment.id);
            },
            onError: (error) => {
              setFiles([{ ...entry, status: 'error' }]);
              reportError(error);
            },
          },
        );
      }}
    >
      <Button icon={<UploadOutlined />} loading={upload.isPending} data-attachment={value ?? ''}>
        {upload.isPending ? t('move.uploading') : t('move.chooseFile')}
      </Button>
    </Upload>
  );
}
