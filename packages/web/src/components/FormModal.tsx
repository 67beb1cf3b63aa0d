import { useState, type ReactNode } from 'react';
import { App, Form, Modal, type FormInstance } from 'antd';
import { errorMessages } from '@landfall/domain';
import { isApiError } from '../api/client.ts';
import { useI18n } from '../i18n/useT.ts';
import { staleCurrent } from './errors.ts';
import { applyFieldIssues } from './payloadCheck.ts';
import { useReportError } from './useReportError.ts';

interface FormModalProps<V, R> {
  open: boolean;
  title: ReactNode;
  /** Names the form, so input ids (and so label links) are unique on the page. */
  name: string;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  okText?: string;
  /** Wider for long forms (the project form). */
  width?: number;
  onClose: () => void;
  /** Resolves when saved; a rejection is reported and keeps the modal open. */
  onSubmit: (values: V) => Promise<unknown>;
  /** Called with `details.current` on 409 stale_version, to reload the record. */
  onStale?: (current: R) => void;
  children: ReactNode;
}

/** A modal holding one vertical antd Form; server errors land on its fields. */
export function FormModal<V, R = unknown>(props: FormModalProps<V, R>) {
  const { open, title, name, form, initialValues, okText, width, onClose, onSubmit, onStale, children } =
    props;
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [submitting, setSubmitting] = useState(false);

  async function submit() {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the field errors
    }
    setSubmitting(true);
    try {
      await onSubmit(values);
      onClose();
    } catch (error) {
      const issues = applyFieldIssues(error, form);
      if (issues === 'placed') return;
      if (issues === 'unplaced' && error instanceof Error) {
        void message.error(error.message);
        return;
      }
      if (isApiError(error) && error.code === 'stale_version') {
        // Show the message and reload the record; without the current record, close (the list refetches).
        void message.warning(errorMessages.stale_version[locale]);
        const current = staleCurrent<R>(error);
        if (current !== undefined && onStale) onStale(current);
        else onClose();
      } else {
        reportError(error, form);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        preserve={false}
        // Forget the last record's values on close: the next open starts from its own initialValues.
        clearOnDestroy
        initialValues={initialValues}
        onFinish={() => void submit()}
      >
        {children}
        {/* Enter in a field submits the form. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
