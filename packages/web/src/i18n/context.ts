import { createContext } from 'react';
import type { Locale } from '@landfall/domain';
import type { MessageKey } from './zh-CN.ts';

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** For keys built from server data (action names): undefined when there is no entry. */
  lookup: (key: string, vars?: Vars) => string | undefined;
}

export const I18nContext = createContext<I18nValue | null>(null);
