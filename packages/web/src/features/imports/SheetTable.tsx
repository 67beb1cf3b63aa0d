import { AutoComplete, Checkbox, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { amountUnitLabels, stageLabels, stages, type AmountUnit, type Stage } from '@landfall/domain';
import { describeCutOff } from '@landfall/domain/import/cut-off-text';
import type { ImportLayout, ImportSheet, ImportSummary, SheetKind } from '../../api/imports.ts';
import type { Unit } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useI18n } from '../../i18n/useT.ts';
import { mapsField, type ImportDraft } from './importDraft.ts';
import {
  chooseSheet,
  sameUnitName,
  sheetHasUnitColumn,
  sheetsOf,
  titleStage,
  type SheetChoice,
} from './sheetDraft.ts';

const kindLabels: Record<SheetKind, MessageKey> = {
  projects: 'imports.sheets.kind.projects',
  summary: 'imports.sheets.kind.summary',
  other: 'imports.sheets.kind.other',
};
const kindColors: Record<SheetKind, string> = { projects: 'blue', summary: 'purple', other: 'default' };

/** Select value standing for 无 (no default stage). */
const noStage = '';

/** A sheet's amount unit: its 单位 line, else (a 汇总) the one unit its column headers all name. */
function sheetAmountUnit(sheet: ImportSheet): AmountUnit | null {
  if (sheet.meta?.amountUnit) return sheet.meta.amountUnit;
  const named = new Set(sheet.summary?.columns.map((c) => c.unit).filter((u) => u !== null));
  return named.size === 1 ? ([...named][0] ?? null) : null;
}

interface Row {
  sheet: ImportSheet;
  choice: SheetChoice | undefined;
  label: string;
}

/**
 * 工作表: every sheet of a workbook — its kind (项目表, 汇总表 checked only, 其他 not imported),
 * header rows, rows (once previewed), 截止时间 and where it was read, 金额单位, and for each
 * project sheet the unit its rows default to (from 填报单位 or the sheet's name; any unit of the
 * tenant or a new name), the default stage (from the title) and whether to import it.
 */
export function SheetTable({
  layout,
  draft,
  units,
  summary,
  onChange,
}: {
  layout: ImportLayout;
  draft: ImportDraft;
  units: Unit[];
  /** The last preview's, for the rows read per sheet. */
  summary: ImportSummary | null;
  onChange: (draft: ImportDraft) => void;
}) {
  const { t, locale } = useI18n();
  const none = t('common.none');
  const change = (index: number, patch: Partial<Omit<SheetChoice, 'index'>>) =>
    onChange({ ...draft, sheets: chooseSheet(draft.sheets, index, patch) });
  const unitOptions = units.filter((u) => u.active).map((u) => ({ value: u.name }));
  const stageOptions = [
    { value: noStage, label: t('imports.sheets.noStage') },
    ...stages.map((stage) => ({ value: stage, label: stageLabels[stage][locale] })),
  ];
  const rows: Row[] = sheetsOf(layout).map((sheet) => ({
    sheet,
    choice: draft.sheets.find((c) => c.index === sheet.index),
    label: sheet.name ?? t('imports.sheets.unnamed', { n: sheet.index + 1 }),
  }));
  const outcome = (index: number) => summary?.sheets?.find((s) => s.index === index);

  const unitCell = ({ sheet, choice, label }: Row) => {
    if (!choice) return none;
    if (sheetHasUnitColumn(sheet, layout, mapsField(draft, 'unit')))
      return <Typography.Text type="secondary">{t('imports.sheets.unitColumn')}</Typography.Text>;
    const value = choice.unitName ?? '';
    const known = units.some((u) => sameUnitName(u.name, value));
    const changed = (sheet.unitName ?? '') !== value;
    return (
      <Space orientation="vertical" size={4}>
        <AutoComplete
          aria-label={t('imports.sheets.unitFor', { name: label })}
          value={value}
          options={unitOptions}
          placeholder={t('imports.sheets.unitPlaceholder')}
          showSearch={{
            filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()),
          }}
          maxLength={100}
          style={{ width: 180 }}
          disabled={!choice.include}
          onChange={(next: string) => change(sheet.index, { unitName: next || null })}
        />
        <Space size={4} wrap>
          {changed ? (
            <Tag>{t('imports.sheets.unitChanged')}</Tag>
          ) : sheet.unitSource ? (
            <Tag>{t(`imports.sheets.unitSource.${sheet.unitSource}`)}</Tag>
          ) : null}
          {value.trim() && !known ? <Tag color="orange">{t('imports.sheets.newUnit')}</Tag> : null}
        </Space>
      </Space>
    );
  };

  const stageCell = ({ sheet, choice, label }: Row) => {
    if (!choice) return none;
    const fromTitle = titleStage(sheet);
    return (
      <Space orientation="vertical" size={4}>
        <Select<Stage | typeof noStage>
          aria-label={t('imports.sheets.stageFor', { name: label })}
          value={choice.stage ?? noStage}
          options={stageOptions}
          style={{ width: 120 }}
          disabled={!choice.include}
          onChange={(next) => change(sheet.index, { stage: next === noStage ? null : next })}
        />
        {fromTitle && choice.stage === fromTitle ? <Tag>{t('imports.sheets.stageFromTitle')}</Tag> : null}
      </Space>
    );
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('imports.sheets.include'),
      key: 'include',
      width: 56,
      render: (_value, { sheet, choice, label }) => (
        <Checkbox
          aria-label={t('imports.sheets.includeFor', { name: label })}
          checked={choice?.include ?? false}
          disabled={!choice}
          onChange={(event) => change(sheet.index, { include: event.target.checked })}
        />
      ),
    },
    {
      title: t('imports.sheets.name'),
      key: 'name',
      width: 130,
      render: (_value, { sheet, label }) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <span data-testid={`import-sheet-name-${sheet.index}`}>{label}</span>
            {sheet.hidden ? <Tag>{t('imports.sheets.hidden')}</Tag> : null}
          </Space>
          {sheet.headerRows.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('imports.sheets.headerAt', { rows: sheet.headerRows.join('、') })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('imports.sheets.kind'),
      key: 'kind',
      width: 130,
      render: (_value, { sheet }) => (
        <Tag color={kindColors[sheet.kind]} data-testid={`import-sheet-kind-${sheet.index}`}>
          {t(kindLabels[sheet.kind])}
        </Tag>
      ),
    },
    ...(summary?.sheets
      ? [
          {
            title: t('imports.sheets.rows'),
            key: 'rows',
            width: 70,
            render: (_value: unknown, { sheet }: Row) => outcome(sheet.index)?.rows ?? none,
          },
        ]
      : []),
    {
      title: t('imports.sheets.cutOff'),
      key: 'cutOff',
      render: (_value, { sheet }) =>
        sheet.kind === 'other' || !sheet.meta ? (
          none
        ) : (
          <span data-testid={`import-sheet-cutoff-${sheet.index}`}>
            {describeCutOff(
              { cutOff: sheet.meta.cutOff, cutOffSource: sheet.meta.cutOffSource ?? null },
              locale,
            )}
          </span>
        ),
    },
    {
      title: t('imports.sheets.amountUnit'),
      key: 'amountUnit',
      width: 80,
      render: (_value, { sheet }) => {
        if (sheet.kind === 'other') return none;
        const unit = sheetAmountUnit(sheet);
        return unit ? amountUnitLabels[unit][locale] : t('imports.notStated');
      },
    },
    { title: t('imports.sheets.unit'), key: 'unit', width: 196, render: (_value, row) => unitCell(row) },
    { title: t('imports.sheets.stage'), key: 'stage', width: 136, render: (_value, row) => stageCell(row) },
  ];

  return (
    <Table<Row>
      rowKey={(row) => row.sheet.index}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 900 }}
      data-testid="import-sheets"
    />
  );
}
