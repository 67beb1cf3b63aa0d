import { App, Form, Input } from 'antd';
import { changePasswordSchema } from '@landfall/domain';
import { FormModal } from '../../components/FormModal.tsx';
import { PasswordFields } from '../../components/PasswordFields.tsx';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { usePasswordPolicy } from '../password-policy/usePasswordPolicy.ts';
import { useChangeOwnPassword, useMe } from './useMe.ts';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
}

/** 修改密码: the signed-in user's own password, from the header menu. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const [form] = Form.useForm<ChangePasswordValues>();
  const { data: me } = useMe();
  const policy = usePasswordPolicy(me?.tenantId);
  const change = useChangeOwnPassword();

  return (
    <FormModal<ChangePasswordValues>
      open={open}
      name="changePassword"
      title={t('account.changePasswordTitle')}
      form={form}
      onClose={onClose}
      onSubmit={async (values) => {
        await change.mutateAsync({
          currentPassword: values.currentPassword,
          newPassword: values.newPassword,
        });
        void message.success(t('account.passwordChanged'));
      }}
    >
      <Form.Item
        name="currentPassword"
        label={t('account.currentPassword')}
        required
        rules={[rule(changePasswordSchema.shape.currentPassword)]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <PasswordFields
        name="newPassword"
        label={t('account.newPassword')}
        confirmLabel={t('account.confirmPassword')}
        policy={policy.data}
      />
    </FormModal>
  );
}
