import { useCallback } from 'react';
import type { FormRule as Rule } from 'antd';
import { useI18n } from '../i18n/useT.ts';
import { zodRule, type SchemaLike } from './zodRule.ts';

/** `rule(schema)` gives an antd rule in the current UI language. */
export function useZodRule(): (schema: SchemaLike) => Rule {
  const { t, locale } = useI18n();
  return useCallback((schema: SchemaLike) => zodRule(schema, t, locale), [t, locale]);
}
