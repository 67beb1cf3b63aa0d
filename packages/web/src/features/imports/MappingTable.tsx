import { Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { amountUnitLabels, amountUnits, type AmountUnit } from '@landfall/domain';
import {
  importFieldKinds,
  importFieldLabels,
  importFields,
  type ImportField,
} from '@landfall/domain/import/fields';
import type { ImportLayout } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';
import {
  chooseField,
  chooseUnit,
  repeatedFields,
  sampleValues,
  type ColumnChoice,
  type ImportDraft,
} from './importDraft.ts';

interface Row extends ColumnChoice {
  letter: string;
  header: string;
  samples: string[];
  proposed: ImportField | null;
}

/** Select values: '' stands for 不导入 (null). */
const skip = '';

/**
 * 核对表头: one row per source column — its letter, its header as the file has it (投资方/名称),
 * sample values, the field it fills (a field goes to one column: those taken elsewhere are
 * disabled) and, for amounts, the column's unit.
 */
export function MappingTable({
  layout,
  draft,
  onChange,
}: {
  layout: ImportLayout;
  draft: ImportDraft;
  onChange: (draft: ImportDraft) => void;
}) {
  const { t, locale } = useI18n();
  const repeated = repeatedFields(draft);
  const rows: Row[] = draft.columns.map((choice) => {
    const proposal = layout.mapping.find((m) => m.column === choice.column);
    const header = layout.headers.find((h) => h.column === choice.column);
    return {
      ...choice,
      letter: header?.letter ?? String(choice.column + 1),
      header: proposal?.header ?? header?.text ?? '',
      samples: sampleValues(layout, choice.column),
      proposed: proposal?.field ?? null,
    };
  });
  const takenBy = new Map<ImportField, number>();
  for (const row of rows) if (row.field) takenBy.set(row.field, row.column);

  const fieldOptions = (column: number) => [
    { value: skip, label: t('imports.skipColumn') },
    ...importFields.map((field) => ({
      value: field,
      label: importFieldLabels[field][locale],
      disabled: takenBy.has(field) && takenBy.get(field) !== column,
    })),
  ];
  const unitOptions = amountUnits.map((unit) => ({ value: unit, label: amountUnitLabels[unit][locale] }));

  const columns: TableColumnsType<Row> = [
    { title: t('imports.column'), dataIndex: 'letter', key: 'letter', width: 56 },
    {
      title: t('imports.header'),
      key: 'header',
      width: 200,
      render: (_value, row) => (
        <span data-testid={`mapping-header-${row.letter}`}>
          {row.header || <Typography.Text type="secondary">{t('imports.noHeader')}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('imports.sample'),
      key: 'sample',
      ellipsis: true,
      render: (_value, row) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: row.samples.join(' | ') }}>
          {row.samples.join(' | ') || t('common.none')}
        </Typography.Text>
      ),
    },
    {
      title: t('imports.targetField'),
      key: 'field',
      width: 240,
      render: (_value, row) => (
        <Select<ImportField | typeof skip>
          aria-label={t('imports.fieldFor', { header: `${row.letter} ${row.header}` })}
          value={row.field ?? skip}
          status={row.field && repeated.has(row.field) ? 'error' : undefined}
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={false}
          style={{ width: '100%' }}
          options={fieldOptions(row.column)}
          onChange={(value) => onChange(chooseField(draft, row.column, value === skip ? null : value))}
          data-testid={`mapping-field-${row.letter}`}
        />
      ),
    },
    {
      title: t('imports.columnUnit'),
      key: 'unit',
      width: 130,
      render: (_value, row) =>
        row.field && importFieldKinds[row.field] === 'amount' ? (
          <Select<AmountUnit>
            aria-label={t('imports.unitFor', { header: `${row.letter} ${row.header}` })}
            value={row.unit ?? undefined}
            placeholder={t('imports.sheetUnit')}
            allowClear
            style={{ width: '100%' }}
            options={unitOptions}
            onChange={(value) => onChange(chooseUnit(draft, row.column, value ?? null))}
          />
        ) : null,
    },
    {
      title: t('imports.match'),
      key: 'match',
      width: 100,
      render: (_value, row) =>
        row.field === null ? (
          <Tag>{t('imports.notImported')}</Tag>
        ) : row.field !== row.proposed ? (
          <Tag color="blue">{t('imports.changedByYou')}</Tag>
        ) : (
          <Tag color="green">{t('imports.recognised')}</Tag>
        ),
    },
  ];

  return (
    <Table<Row>
      rowKey="column"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 900 }}
      data-testid="mapping-table"
    />
  );
}
