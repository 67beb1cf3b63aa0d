import { Card, Space, Steps, Typography } from 'antd';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useI18n } from '../../i18n/useT.ts';
import { ImportHistory } from './ImportHistory.tsx';
import { ImportPreview } from './ImportPreview.tsx';
import { ImportProgress } from './ImportProgress.tsx';
import { ImportResult } from './ImportResult.tsx';
import { ImportUpload } from './ImportUpload.tsx';
import { MappingStep } from './MappingStep.tsx';
import { useImportWizard, wizardSteps, type WizardStep } from './useImportWizard.ts';

const stepTitles: Record<WizardStep, MessageKey> = {
  upload: 'imports.step.upload',
  mapping: 'imports.step.mapping',
  preview: 'imports.step.preview',
  commit: 'imports.step.commit',
};

/** 导入台账: upload an office ledger, check its columns, preview every row, then import it all at once. */
export function ImportPage() {
  const { t } = useI18n();
  const wizard = useImportWizard();
  const { step, batch, summary, running } = wizard;
  const done = step === 'commit' && batch?.status === 'committed' && summary;

  return (
    <Card title={t('imports.pageTitle')}>
      <Space orientation="vertical" size={24} style={{ width: '100%' }}>
        <Steps
          current={wizardSteps.indexOf(step)}
          status={done ? 'finish' : undefined}
          items={wizardSteps.map((key) => ({ key, title: t(stepTitles[key]) }))}
        />
        {running && batch ? <ImportProgress batchId={batch.id} phase={running} /> : null}
        {step === 'upload' ? (
          <>
            <ImportUpload onUploaded={wizard.open} />
            <Typography.Title level={5}>{t('imports.history')}</Typography.Title>
            <ImportHistory onOpen={wizard.open} />
          </>
        ) : null}
        {step === 'mapping' ? <MappingStep wizard={wizard} /> : null}
        {step === 'preview' ? <ImportPreview wizard={wizard} /> : null}
        {done ? <ImportResult filename={batch.filename} summary={summary} onAgain={wizard.restart} /> : null}
      </Space>
    </Card>
  );
}
