import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import { amountUnitLabels, amountUnits, type AmountUnit } from '@landfall/domain';
import type { ImportLayout } from '../../api/imports.ts';
import type { Unit } from '../../api/types.ts';
import { fromDateText, isFutureDay, toDateText } from '../../components/formats.ts';
import { useI18n } from '../../i18n/useT.ts';
import { mapsField, type ImportDraft } from './importDraft.ts';
import { readUsdRate } from './usdRate.ts';

/**
 * The settings beside the columns: 截止日期 (from the file when it says so), 金额单位 (when it
 * does not), 美元汇率 (for amounts the file gives in USD, checked as the server does), whether to create the units the file names, and a unit for every row when no
 * column holds 责任单位. In a workbook each sheet keeps its own cut-off and unit unless one is
 * set here for all, and the units come from the sheets (the 工作表 table).
 */
export function MappingOptions({
  layout,
  draft,
  units,
  workbook = false,
  focusUsdRate = false,
  onChange,
}: {
  layout: ImportLayout;
  draft: ImportDraft;
  units: Unit[];
  workbook?: boolean;
  /** Back from a preview that asked for the rate: the cursor goes to the field. */
  focusUsdRate?: boolean;
  onChange: (draft: ImportDraft) => void;
}) {
  const { t, locale } = useI18n();
  const noUnitColumn = !workbook && !mapsField(draft, 'unit');
  const cutOffHelp = workbook
    ? t('imports.sheets.cutOffAll')
    : layout.meta.cutOff
      ? undefined
      : t('imports.cutOffMissing');
  const amountUnitHelp = workbook
    ? t('imports.sheets.amountUnitAll')
    : layout.meta.amountUnit
      ? undefined
      : t('imports.amountUnitMissing');
  const usdRate = readUsdRate(draft.usdRate);
  return (
    <Form layout="inline" component="div" data-testid="import-options">
      <Form.Item label={t('imports.cutOff')} htmlFor="import-cut-off" help={cutOffHelp}>
        <DatePicker
          id="import-cut-off"
          value={fromDateText(draft.cutOff) ?? null}
          placeholder={workbook ? t('imports.sheets.perSheet') : undefined}
          disabledDate={isFutureDay}
          onChange={(value) => onChange({ ...draft, cutOff: toDateText(value) })}
        />
      </Form.Item>
      <Form.Item label={t('imports.amountUnit')} htmlFor="import-amount-unit" help={amountUnitHelp}>
        <Select<AmountUnit>
          id="import-amount-unit"
          value={draft.amountUnit}
          placeholder={workbook ? t('imports.sheets.perSheet') : amountUnitLabels.wan[locale]}
          allowClear
          style={{ width: workbook ? 130 : 110 }}
          options={amountUnits.map((unit) => ({ value: unit, label: amountUnitLabels[unit][locale] }))}
          onChange={(value) => onChange({ ...draft, amountUnit: value ?? undefined })}
        />
      </Form.Item>
      <Form.Item
        label={t('imports.usdRate')}
        htmlFor="import-usd-rate"
        validateStatus={usdRate.ok ? undefined : 'error'}
        help={usdRate.ok ? (focusUsdRate ? t('imports.usdRateHelp') : undefined) : usdRate.message}
      >
        <Input
          id="import-usd-rate"
          value={draft.usdRate ?? ''}
          inputMode="decimal"
          autoComplete="off"
          autoFocus={focusUsdRate}
          placeholder={t('imports.usdRatePlaceholder')}
          suffix={t('imports.usdRateSuffix')}
          style={{ width: 200 }}
          onChange={(event) => onChange({ ...draft, usdRate: event.target.value })}
          data-testid="import-usd-rate"
        />
      </Form.Item>
      <Form.Item label={t('imports.entries')} htmlFor="import-entries" tooltip={t('imports.entriesHelp')}>
        <Select<'baseline' | 'late'>
          id="import-entries"
          value={draft.entries}
          placeholder={t('imports.entriesAuto')}
          allowClear
          style={{ width: 260 }}
          options={[
            { value: 'baseline', label: t('imports.entriesBaseline') },
            { value: 'late', label: t('imports.entriesLate') },
          ]}
          onChange={(value) => onChange({ ...draft, entries: value ?? undefined })}
          data-testid="import-entries"
        />
      </Form.Item>
      {noUnitColumn ? (
        <Form.Item label={t('imports.defaultUnit')} htmlFor="import-default-unit">
          <Select<string>
            id="import-default-unit"
            value={draft.defaultUnitId}
            placeholder={t('imports.defaultUnitHint')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            options={units.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
            onChange={(value) => onChange({ ...draft, defaultUnitId: value ?? undefined })}
          />
        </Form.Item>
      ) : (
        <Form.Item>
          <Checkbox
            checked={draft.createUnits}
            onChange={(event) => onChange({ ...draft, createUnits: event.target.checked })}
            data-testid="import-create-units"
          >
            {t('imports.createUnits')}
          </Checkbox>
        </Form.Item>
      )}
    </Form>
  );
}
