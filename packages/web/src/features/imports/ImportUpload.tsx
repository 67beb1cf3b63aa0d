import { useState } from 'react';
import { Alert, App, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ImportBatch } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';
import { importErrorText } from './importError.ts';
import { useUploadImport } from './useImports.ts';

export const importAccept = '.xlsx,.xls,.csv,.et';

/** 上传文件: one ledger file, sent as soon as it is dropped or chosen; the server finds its header. */
export function ImportUpload({ onUploaded }: { onUploaded: (batch: ImportBatch) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadImport();
  const [problem, setProblem] = useState<string | null>(null);

  return (
    <>
      <Upload.Dragger
        accept={importAccept}
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        customRequest={({ file }) => {
          if (!(file instanceof File)) return;
          setProblem(null);
          upload.mutate(file, {
            onSuccess: onUploaded,
            onError: (error) => {
              const text = importErrorText(error, locale, t);
              setProblem(t('imports.uploadFailed', { name: file.name, reason: text }));
              void message.error(text);
            },
          });
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">
          {upload.isPending ? t('imports.uploading') : t('imports.uploadHint')}
        </p>
        <p className="ant-upload-hint">{t('imports.uploadFormats')}</p>
      </Upload.Dragger>
      {problem ? (
        <Alert type="error" showIcon title={problem} style={{ marginTop: 16 }} data-testid="upload-error" />
      ) : null}
    </>
  );
}
