import { Form, Input, Typography } from 'antd';
import { FormModal } from '../../components/FormModal.tsx';
import type { SchemaLike } from '../../components/zodRule.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';

interface TextActionModalProps<R> {
  open: boolean;
  /** Names the form (unique input ids). */
  name: string;
  title: string;
  label: string;
  help?: string;
  okText?: string;
  maxLength: number;
  /** The domain schema of the one field, so the browser rejects what the server would. */
  schema: SchemaLike;
  /** `required: false` for optional notes. */
  required?: boolean;
  onClose: () => void;
  onSubmit: (text: string) => Promise<unknown>;
  onStale?: (current: R) => void;
}

/** An action that takes one text (a reason, a result, a report): 上报, 办结, 撤销, 退回, 催办… */
export function TextActionModal<R = unknown>(props: TextActionModalProps<R>) {
  const { open, name, title, label, help, okText, maxLength, schema, required = true } = props;
  const { t } = useI18n();
  const rule = useZodRule();
  const [form] = Form.useForm<{ text?: string }>();
  return (
    <FormModal<{ text?: string }, R>
      open={open}
      name={name}
      title={title}
      form={form}
      okText={okText}
      onClose={props.onClose}
      onSubmit={({ text }) => props.onSubmit(text?.trim() ?? '')}
      onStale={props.onStale}
    >
      {help ? <Typography.Paragraph type="secondary">{help}</Typography.Paragraph> : null}
      <Form.Item
        name="text"
        label={label}
        required={required}
        validateFirst
        rules={
          required
            ? [{ required: true, whitespace: true, message: t('validation.required') }, rule(schema)]
            : [rule(schema)]
        }
      >
        <Input.TextArea rows={4} maxLength={maxLength} showCount />
      </Form.Item>
    </FormModal>
  );
}
