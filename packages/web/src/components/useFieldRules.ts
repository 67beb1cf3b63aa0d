import { useMemo } from 'react';
import type { FormRule as Rule } from 'antd';
import { amountProblemMessages, creditCodeMessages, parseAmount, validateCreditCode } from '@landfall/domain';
import { useI18n } from '../i18n/useT.ts';

export interface FieldRules {
  /** Amount text in 万元 (a 亿/万/元 suffix overrides), parsed exactly with the domain's parser. */
  amount: (options?: { required?: boolean; positive?: boolean }) => Rule;
  /** 统一社会信用代码 checked with the GB 32100 validator; messages in the UI language. */
  creditCode: (options?: { required?: boolean }) => Rule;
}

/** Rules whose messages come from the domain's per-language tables. */
export function useFieldRules(): FieldRules {
  const { t, locale } = useI18n();
  return useMemo<FieldRules>(
    () => ({
      amount: ({ required = false, positive = false } = {}) => ({
        validator: async (_rule, value: unknown) => {
          const text = typeof value === 'string' ? value : '';
          if (text.trim() === '') {
            if (required) throw new Error(amountProblemMessages.empty[locale]);
            return;
          }
          const result = parseAmount(text, 'wan');
          if (!result.ok) throw new Error(amountProblemMessages[result.problem][locale]);
          if (positive && result.fen <= 0) throw new Error(t('validation.positiveAmount'));
        },
      }),
      creditCode: ({ required = false } = {}) => ({
        validator: async (_rule, value: unknown) => {
          const text = typeof value === 'string' ? value : '';
          if (text.trim() === '') {
            if (required) throw new Error(t('validation.required'));
            return;
          }
          const result = validateCreditCode(text);
          if (!result.ok) throw new Error(creditCodeMessages[result.problem][locale]);
        },
      }),
    }),
    [t, locale],
  );
}
