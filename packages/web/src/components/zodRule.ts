import type { FormRule as Rule } from 'antd';
import type { Locale } from '@landfall/domain';
import type { Translate } from '../i18n/context.ts';

export interface IssueLike {
  code: string;
  message: string;
  path?: readonly PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** Anything with zod's safeParse: the domain schemas, or one field of them. */
export interface SchemaLike {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly IssueLike[] } };
}

const hasChinese = /[\u4e00-\u9fff]/;

export function describeIssue(issue: IssueLike, t: Translate, locale: Locale): string {
  const numeric = issue.origin === 'number' || issue.origin === 'int';
  switch (issue.code) {
    case 'invalid_type':
      return t('validation.required');
    case 'too_small': {
      const min = Number(issue.minimum ?? 0);
      if (numeric) return t('validation.min', { min });
      return min <= 1 ? t('validation.required') : t('validation.tooShort', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum ?? 0);
      return numeric ? t('validation.max', { max }) : t('validation.tooLong', { max });
    }
    case 'invalid_format':
      // The domain words some formats in Chinese; other messages are zod's English defaults.
      return locale === 'zh-CN' && hasChinese.test(issue.message)
        ? issue.message
        : t('validation.invalidFormat');
    default:
      // Refinements (a date after another, a check character) carry the domain's Chinese wording.
      return locale === 'zh-CN' && hasChinese.test(issue.message) ? issue.message : t('validation.invalid');
  }
}

/**
 * An antd Form rule that runs a domain zod schema, so the browser rejects what
 * the server would. Empty strings count as missing.
 */
export function zodRule(schema: SchemaLike, t: Translate, locale: Locale): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const input = value === '' || value === null ? undefined : value;
      const result = schema.safeParse(input);
      if (result.success) return;
      const issue = result.error.issues[0];
      throw new Error(issue ? describeIssue(issue, t, locale) : t('validation.invalid'));
    },
  };
}
