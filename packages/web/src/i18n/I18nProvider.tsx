import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '@landfall/domain';
import { setRequestLocale } from '../api/client.ts';
import { I18nContext, type I18nValue } from './context.ts';
import {
  antdLocaleOf,
  loadLocale,
  lookupMessage,
  readStoredLocale,
  storeLocale,
  translate,
} from './dictionaries.ts';

function applyLocale(locale: Locale): void {
  setRequestLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

/** Holds the UI language, persists it, and feeds antd, dayjs and the API client. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readStoredLocale();
    applyLocale(initial);
    return initial;
  });

  useEffect(() => applyLocale(locale), [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    void loadLocale(next).then(() => {
      applyLocale(next);
      setLocaleState(next);
    });
  }, []);

  const value = useMemo<I18nValue>(
    () => ({
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      lookup: (key, vars) => lookupMessage(locale, key, vars),
    }),
    [locale, setLocale],
  );

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={antdLocaleOf(locale)} button={{ autoInsertSpace: false }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
