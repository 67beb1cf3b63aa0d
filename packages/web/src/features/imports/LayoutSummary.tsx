import { Alert, Descriptions, Space } from 'antd';
import dayjs from 'dayjs';
import { amountUnitLabels } from '@landfall/domain';
import type { ImportBatch } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';

/** What the server found in the file: sheet, header rows, where data starts, and the lines above the table. */
export function LayoutSummary({ batch }: { batch: ImportBatch }) {
  const { t, locale } = useI18n();
  const { layout, duplicateOf } = batch;
  const { meta } = layout;
  const none = t('common.none');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {duplicateOf ? (
        <Alert
          type="warning"
          showIcon
          data-testid="import-duplicate"
          title={t('imports.duplicate', {
            date: duplicateOf.committedAt ? dayjs(duplicateOf.committedAt).format('YYYY-MM-DD HH:mm') : none,
            user: duplicateOf.committedBy ?? none,
            filename: duplicateOf.filename,
          })}
        />
      ) : null}
      {layout.savedMapping ? <Alert type="info" showIcon title={t('imports.savedMapping')} /> : null}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        data-testid="import-layout"
        items={[
          { key: 'file', label: t('imports.file'), children: batch.filename },
          { key: 'sheet', label: t('imports.sheet'), children: layout.sheet.sheetName ?? none },
          {
            key: 'headerRows',
            label: t('imports.headerRows'),
            children: t('imports.rowNumbers', { rows: layout.headerRows.join('、') }),
          },
          {
            key: 'dataStart',
            label: t('imports.dataStart'),
            children: t('imports.rowNumbers', { rows: layout.dataStart }),
          },
          { key: 'title', label: t('imports.title'), children: meta.title ?? none },
          { key: 'reportingUnit', label: t('imports.reportingUnit'), children: meta.reportingUnit ?? none },
          { key: 'cutOff', label: t('imports.fileCutOff'), children: meta.cutOff ?? t('imports.notStated') },
          {
            key: 'amountUnit',
            label: t('imports.fileAmountUnit'),
            children: meta.amountUnit ? amountUnitLabels[meta.amountUnit][locale] : t('imports.notStated'),
          },
        ]}
      />
    </Space>
  );
}
