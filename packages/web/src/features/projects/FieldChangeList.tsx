import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { formatAmount, regionLabels, regions, type Region } from '@landfall/domain';
import type { Group, Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { DivisionName } from '../divisions/DivisionName.tsx';
import { useEnterprise } from '../enterprises/useEnterprises.ts';
import { IndustryName } from '../industries/IndustryName.tsx';
import { useFocusIndustries } from '../industries/useIndustries.ts';

function EnterpriseName({ id }: { id: string }) {
  const enterprise = useEnterprise(id);
  return <>{enterprise.data?.name ?? id.slice(0, 8)}</>;
}

const isRegion = (value: string): value is Region => (regions as readonly string[]).includes(value);

interface Lists {
  units: Unit[];
  groups: Group[];
}

/** One value of a project field, as people read it. */
function FieldValue({ field, value, units, groups }: { field: string; value: unknown } & Lists) {
  const { t, locale } = useI18n();
  const focus = useFocusIndustries();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <Typography.Text type="secondary">{t('entry.empty')}</Typography.Text>;
  }
  if (field.endsWith('Fen') && typeof value === 'number') return <>{formatAmount(value, locale)}</>;
  if (typeof value === 'boolean') return <>{t(value ? 'common.yes' : 'common.no')}</>;
  const text = String(value);
  switch (field) {
    case 'unitId':
      return <>{units.find((unit) => unit.id === text)?.name ?? text}</>;
    case 'groupId':
      return <>{groups.find((group) => group.id === text)?.name ?? text}</>;
    case 'focusIndustryId':
      return <>{focus.data?.find((entry) => entry.id === text)?.name ?? text}</>;
    case 'referrerEnterpriseId':
      return <EnterpriseName id={text} />;
    case 'enterpriseIds':
      return (
        <>
          {(Array.isArray(value) ? value : [value]).map((id, index) => (
            <span key={String(id)}>
              {index > 0 ? '、' : ''}
              <EnterpriseName id={String(id)} />
            </span>
          ))}
        </>
      );
    case 'originDivisionCode':
      return <DivisionName code={text} />;
    case 'industryCode':
      return <IndustryName code={text} />;
    case 'region':
      return <>{isRegion(text) ? regionLabels[text][locale] : text}</>;
    case 'capitalKind':
      return <>{text === 'domestic' || text === 'foreign' ? t(`capitalKind.${text}`) : text}</>;
    case 'projectKind':
      return <>{text === 'new' || text === 'expansion' ? t(`projectKind.${text}`) : text}</>;
    case 'sensitivity':
      return <>{text === 'normal' || text === 'sensitive' ? t(`sensitivity.${text}`) : text}</>;
    default:
      return <>{text}</>;
  }
}

/** A field_change entry: each changed field with its label, from → to. */
export function FieldChangeList({
  changes,
  ...lists
}: { changes: Record<string, { from: unknown; to: unknown }> } & Lists) {
  const { lookup, t } = useI18n();
  const rows: ReactNode[] = Object.entries(changes).map(([field, change]) => (
    <li key={field}>
      <Typography.Text strong>{lookup(`field.${field}`) ?? field}</Typography.Text>
      {t('common.colon')}
      <FieldValue field={field} value={change.from} {...lists} /> →{' '}
      <FieldValue field={field} value={change.to} {...lists} />
    </li>
  ));
  return <ul style={{ margin: 0, paddingLeft: 18 }}>{rows}</ul>;
}
