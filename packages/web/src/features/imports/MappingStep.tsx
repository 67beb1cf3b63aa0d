import { Alert, Button, Space, Typography } from 'antd';
import { EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/useT.ts';
import { useUnits } from '../units/useUnits.ts';
import { mapsField } from './importDraft.ts';
import { LayoutSummary } from './LayoutSummary.tsx';
import { MappingOptions } from './MappingOptions.tsx';
import { MappingTable } from './MappingTable.tsx';
import { isWorkbook } from './sheetDraft.ts';
import { readUsdRate } from './usdRate.ts';
import { SheetTable } from './SheetTable.tsx';
import type { ImportWizard } from './useImportWizard.ts';

/**
 * 核对表头: what was detected (for a workbook, every sheet first), the column mapping of the
 * first project sheet and the settings; then a preview.
 */
export function MappingStep({ wizard }: { wizard: ImportWizard }) {
  const { t } = useI18n();
  const { batch, draft } = wizard;
  const units = useUnits(batch?.tenantId);
  if (!batch || !draft) return null;
  const hasName = mapsField(draft, 'name');
  const workbook = isWorkbook(batch.layout);
  const noSheet = workbook && !draft.sheets.some((s) => s.include);
  const badRate = !readUsdRate(draft.usdRate).ok;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {workbook ? (
        <>
          <Typography.Title level={5}>{t('imports.sheets.title')}</Typography.Title>
          <Typography.Text type="secondary">
            {t('imports.sheets.help', { n: batch.layout.sheets?.length ?? 0 })}
          </Typography.Text>
          <SheetTable
            layout={batch.layout}
            draft={draft}
            units={units.data ?? []}
            summary={wizard.summary}
            onChange={wizard.setDraft}
          />
          {noSheet ? <Alert type="warning" showIcon title={t('imports.sheets.noneIncluded')} /> : null}
        </>
      ) : null}
      <LayoutSummary batch={batch} />
      <Typography.Text type="secondary">
        {workbook
          ? t('imports.sheets.mappingOf', { name: batch.layout.sheet.sheetName ?? '' })
          : t('imports.mappingHelp')}
      </Typography.Text>
      <MappingTable layout={batch.layout} draft={draft} onChange={wizard.setDraft} />
      <MappingOptions
        layout={batch.layout}
        draft={draft}
        units={units.data ?? []}
        workbook={workbook}
        focusUsdRate={wizard.focusUsdRate}
        onChange={wizard.setDraft}
      />
      {!hasName ? <Alert type="warning" showIcon title={t('imports.nameRequired')} /> : null}
      {wizard.problem ? (
        <Alert type="error" showIcon title={wizard.problem} data-testid="import-problem" />
      ) : null}
      <Space wrap>
        <Button icon={<UploadOutlined />} onClick={wizard.restart} disabled={wizard.running !== null}>
          {t('imports.reupload')}
        </Button>
        <Button
          type="primary"
          icon={<EyeOutlined />}
          disabled={!hasName || noSheet || badRate}
          loading={wizard.running === 'preview'}
          onClick={() => wizard.preview()}
        >
          {t('imports.preview')}
        </Button>
      </Space>
    </Space>
  );
}
