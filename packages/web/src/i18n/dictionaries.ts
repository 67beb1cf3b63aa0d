import type { Locale } from '@landfall/domain';
import { enUS } from './en-US.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';
import type { Vars } from './context.ts';

export const locales: readonly Locale[] = ['zh-CN', 'en-US'];
export const defaultLocale: Locale = 'zh-CN';
const storageKey = 'landfall.locale';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

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
  return interpolate(dictionaries[locale][key], vars);
}

export function lookupMessage(locale: Locale, key: string, vars?: Vars): string | undefined {
  const dictionary: Partial<Record<string, string>> = dictionaries[locale];
  const text = dictionary[key];
  return text === undefined ? undefined : interpolate(text, vars);
}
