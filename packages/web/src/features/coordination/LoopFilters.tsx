import { Select, Space, Switch } from 'antd';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { useUnits } from '../units/useUnits.ts';

/** The unit filter of the coordination lists; unit staff see their own unit only, so they get none. */
export function UnitFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (unitId: string | undefined) => void;
}) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const units = useUnits(me?.tenantId);
  if (me?.role === 'unit_staff') return null;
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={t('loop.filterUnit')}
      placeholder={t('loop.filterUnit')}
      style={{ width: 180 }}
      value={value}
      onChange={onChange}
      options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
    />
  );
}

/** 只看逾期: the overdue switch of the coordination lists (value 'true' in the address). */
export function OverdueSwitch({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string | undefined;
  onChange: (overdue: 'true' | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <Space>
      <Switch
        id={id}
        checked={value === 'true'}
        onChange={(checked) => onChange(checked ? 'true' : undefined)}
      />
      <label htmlFor={id}>{t('loop.overdueOnly')}</label>
    </Space>
  );
}
