import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useI18n } from '../i18n/useT.ts';
import { applyFieldErrors, describeError } from './errors.ts';

/** Shows an error as a message and, when a form is given, marks its fields. */
export function useReportError(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  const { locale, t } = useI18n();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (form) applyFieldErrors(error, form);
      void message.error(describeError(error, locale, t));
    },
    [message, locale, t],
  );
}
