import { App, Form, Input } from 'antd';
import { nameSchema } from '@landfall/domain';
import { FormModal } from './FormModal.tsx';
import { useZodRule } from './useZodRule.ts';
import { useI18n } from '../i18n/useT.ts';

interface Named {
  id: string;
  name: string;
  version: number;
}

/** Renames one versioned record; a stale version reloads the current name into the form. */
export function RenameModal<R extends Named>(props: {
  record: R | null;
  formName: string;
  title: string;
  label: string;
  onClose: () => void;
  onChange: (record: R) => void;
  save: (id: string, input: { name: string; version: number }) => Promise<unknown>;
}) {
  const { record, formName, title, label, onClose, onChange, save } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <FormModal<{ name: string }, R>
      open={record !== null}
      name={formName}
      title={title}
      form={form}
      initialValues={{ name: record?.name }}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!record) return;
        await save(record.id, { name: values.name, version: record.version });
        void message.success(t('common.saved'));
      }}
      onStale={(current) => {
        onChange(current);
        form.setFieldsValue({ name: current.name });
      }}
    >
      <Form.Item name="name" label={label} required rules={[rule(nameSchema)]}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}
