import { useState } from 'react';
import { Alert, Button, Space, Tabs } from 'antd';
import { CheckOutlined, DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { importErrorReportUrl } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';
import { DistrictOutcomes } from './DistrictOutcomes.tsx';
import { EvidencePendingTable } from './EvidencePending.tsx';
import { IssueTable } from './IssueTable.tsx';
import { NewUnits } from './NewUnits.tsx';
import { RowOutcomes } from './RowOutcomes.tsx';
import { PreviewNotices } from './PreviewNotices.tsx';
import { SheetOutcomes } from './SheetOutcomes.tsx';
import { SkippedRows } from './SkippedRows.tsx';
import { StageLabelMapping } from './StageLabelMapping.tsx';
import { SummaryCards } from './SummaryCards.tsx';
import type { ImportWizard } from './useImportWizard.ts';

/** 预览: what the import would do, row by row; it can be committed only without errors. */
export function ImportPreview({ wizard }: { wizard: ImportWizard }) {
  const { t } = useI18n();
  const { batch, draft, summary } = wizard;
  const [tab, setTab] = useState<string | null>(null);
  if (!batch || !draft || !summary) return null;
  const busy = wizard.running !== null;
  const hasErrors = summary.errorCount > 0;
  const evidenceCount = summary.evidencePending?.count ?? 0;
  const reviewing = wizard.running === 'preview';
  // A workbook whose sheets end on different days has no one cut-off to name.
  const cutOffs = new Set(summary.sheets?.map((s) => s.cutOff) ?? [summary.cutOff]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-preview">
      {wizard.problem ? (
        <Alert type="error" showIcon title={wizard.problem} data-testid="import-problem" />
      ) : hasErrors ? (
        <Alert type="error" showIcon title={t('imports.hasErrors', { n: summary.errorCount })} />
      ) : (
        <Alert
          type="success"
          showIcon
          title={
            cutOffs.size > 1 ? t('imports.noErrorsSheets') : t('imports.noErrors', { cutOff: summary.cutOff })
          }
        />
      )}
      <SummaryCards summary={summary} />
      <PreviewNotices
        summary={summary}
        busy={busy}
        onUsdRate={() => wizard.backToMapping('usdRate')}
        onShowEvidence={() => setTab('evidence')}
      />
      <SheetOutcomes sheets={summary.sheets} />
      <DistrictOutcomes
        districts={summary.districts}
        newDistricts={summary.newDistricts}
        creating={draft.createUnits}
        busy={reviewing}
        onCreate={() => wizard.preview({ ...draft, createUnits: true })}
      />
      <NewUnits
        names={summary.newUnits}
        creating={draft.createUnits}
        busy={reviewing}
        withAction={!summary.newDistricts?.length}
        onCreate={() => wizard.preview({ ...draft, createUnits: true })}
      />
      <StageLabelMapping
        key={summary.unknownStages.join('|')}
        labels={summary.unknownStages}
        busy={reviewing}
        onApply={(choices) => wizard.preview({ ...draft, stageLabels: { ...draft.stageLabels, ...choices } })}
      />
      <SkippedRows rows={summary.skippedRows} />
      <Tabs
        activeKey={
          (tab === 'evidence' && evidenceCount === 0 ? null : tab) ?? (hasErrors ? 'errors' : 'items')
        }
        onChange={setTab}
        items={[
          {
            key: 'errors',
            label: t('imports.tabErrors', { n: summary.errorCount }),
            children: (
              <IssueTable issues={summary.errors} total={summary.errorCount} testId="import-errors" />
            ),
          },
          {
            key: 'warnings',
            label: t('imports.tabWarnings', { n: summary.warningCount }),
            children: (
              <IssueTable issues={summary.warnings} total={summary.warningCount} testId="import-warnings" />
            ),
          },
          {
            key: 'items',
            label: t('imports.tabItems', { n: summary.items.length }),
            children: <RowOutcomes summary={summary} />,
          },
          ...(evidenceCount > 0
            ? [
                {
                  key: 'evidence',
                  label: t('imports.tabEvidence', { n: evidenceCount }),
                  children: <EvidencePendingTable pending={summary.evidencePending} />,
                },
              ]
            : []),
        ]}
      />
      <Space wrap>
        {summary.errorCount + summary.warningCount > 0 ? (
          <Button icon={<DownloadOutlined />} href={importErrorReportUrl(batch.id)} download>
            {t('imports.errorReport')}
          </Button>
        ) : null}
        <Button icon={<EditOutlined />} disabled={busy} onClick={() => wizard.backToMapping()}>
          {t('imports.backToMapping')}
        </Button>
        <Button icon={<UploadOutlined />} disabled={busy} onClick={wizard.restart}>
          {t('imports.reupload')}
        </Button>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          disabled={hasErrors || busy}
          onClick={wizard.commit}
          data-testid="import-commit"
        >
          {t('imports.commit')}
        </Button>
      </Space>
    </Space>
  );
}
