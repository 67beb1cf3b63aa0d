import type { Locale } from '@landfall/domain';
import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/es/locale/zh_CN';
import { zhCN, type MessageKey } from './zh-CN.ts';
import type { Vars } from './context.ts';

export const locales: readonly Locale[] = ['zh-CN', 'en-US'];
export const defaultLocale: Locale = 'zh-CN';
const storageKey = 'landfall.locale';

/**
 * The default language is in the first chunk; English (and antd's English) is fetched when chosen
 * (loadLocale, before the first render when it is the stored choice), so the first load stays small.
 * Until it has arrived a message falls back to its Chinese text.
 */
const dictionaries: Partial<Record<Locale, Record<MessageKey, string>>> = { 'zh-CN': zhCN };
const antdLocales: Partial<Record<Locale, AntdLocale>> = { 'zh-CN': antdZhCN };

export async function loadLocale(locale: Locale): Promise<void> {
  if (dictionaries[locale]) return;
  const [{ enUS }, antd] = await Promise.all([import('./en-US.ts'), import('antd/es/locale/en_US')]);
  dictionaries['en-US'] = enUS;
  antdLocales['en-US'] = antd.default;
}

/** antd's texts (pagination, date pickers, empty states) in a loaded language. */
export function antdLocaleOf(locale: Locale): AntdLocale {
  return antdLocales[locale] ?? antdZhCN;
}

const dictionaryOf = (locale: Locale) => dictionaries[locale] ?? zhCN;

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en-US';
}

export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return isLocale(stored) ? stored : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  return interpolate(dictionaryOf(locale)[key], vars);
}

export function lookupMessage(locale: Locale, key: string, vars?: Vars): string | undefined {
  const dictionary: Partial<Record<string, string>> = dictionaryOf(locale);
  const text = dictionary[key];
  return text === undefined ? undefined : interpolate(text, vars);
}
