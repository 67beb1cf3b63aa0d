import { Table, type TableColumnsType } from 'antd';
import { amountUnitLabels, stageLabels } from '@landfall/domain';
import type { SheetOutcome } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';

/** 各工作表: what the preview read from each project sheet — its unit, cut-off, amount unit, default stage, rows. */
export function SheetOutcomes({ sheets }: { sheets: SheetOutcome[] | undefined }) {
  const { t, locale } = useI18n();
  if (!sheets || sheets.length < 2) return null;
  const none = t('common.none');
  const columns: TableColumnsType<SheetOutcome> = [
    {
      title: t('imports.sheets.name'),
      key: 'name',
      render: (_value, s) => s.name ?? t('imports.sheets.unnamed', { n: s.index + 1 }),
    },
    { title: t('imports.sheets.unit'), key: 'unit', render: (_value, s) => s.unitName ?? none },
    { title: t('imports.sheets.cutOff'), dataIndex: 'cutOff', key: 'cutOff', width: 120 },
    {
      title: t('imports.sheets.amountUnit'),
      key: 'amountUnit',
      width: 100,
      render: (_value, s) => amountUnitLabels[s.amountUnit][locale],
    },
    {
      title: t('imports.sheets.stage'),
      key: 'stage',
      width: 110,
      render: (_value, s) => (s.defaultStage ? stageLabels[s.defaultStage][locale] : none),
    },
    { title: t('imports.sheets.rows'), dataIndex: 'rows', key: 'rows', width: 90 },
    { title: t('imports.sum.skipped'), dataIndex: 'skipped', key: 'skipped', width: 90 },
  ];
  return (
    <Table<SheetOutcome>
      rowKey="index"
      size="small"
      title={() => t('imports.sheetOutcomes')}
      columns={columns}
      dataSource={sheets}
      pagination={false}
      data-testid="import-sheet-outcomes"
    />
  );
}
