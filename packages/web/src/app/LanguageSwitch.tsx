import { Segmented } from 'antd';
import { locales, isLocale } from '../i18n/dictionaries.ts';
import { useI18n } from '../i18n/useT.ts';

/** 中文 / English; the choice is kept in localStorage. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented
      size="small"
      aria-label={t('lang.label')}
      value={locale}
      options={locales.map((value) => ({ value, label: t(`lang.${value}`) }))}
      onChange={(value) => {
        if (isLocale(value)) setLocale(value);
      }}
    />
  );
}
