import { Alert, App, Button, Form, Input } from 'antd';
import { changePasswordSchema } from '@landfall/domain';
import { AuthCard } from '../../components/AuthCard.tsx';
import { PasswordFields } from '../../components/PasswordFields.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { usePasswordPolicy } from '../password-policy/usePasswordPolicy.ts';
import { useChangeOwnPassword, useLogout, useMe } from './useMe.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
}

/**
 * 首次登录修改密码: a password an administrator set (new account, reset) opens only this page; the server
 * refuses everything else until it is changed (password_change_required). Afterwards the user logs in
 * again with the new password.
 */
export function ForcedPasswordChangePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const { data: me } = useMe();
  const policy = usePasswordPolicy(me?.tenantId);
  const change = useChangeOwnPassword();
  const logout = useLogout();

  function submit(values: Values) {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => void message.success(t('account.passwordChanged')),
        onError: (error) => reportError(error, form),
      },
    );
  }

  return (
    <AuthCard title={t('account.mustChangeTitle')}>
      <Alert type="warning" showIcon title={t('account.mustChangeHint')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} name="forcedPasswordChange" layout="vertical" onFinish={submit}>
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          required
          rules={[rule(changePasswordSchema.shape.currentPassword)]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <PasswordFields
          name="newPassword"
          label={t('account.newPassword')}
          confirmLabel={t('account.confirmPassword')}
          policy={policy.data}
        />
        <Button type="primary" htmlType="submit" block loading={change.isPending}>
          {t('common.save')}
        </Button>
        <Button type="link" block onClick={() => logout.mutate()} style={{ marginTop: 8 }}>
          {t('header.logout')}
        </Button>
      </Form>
    </AuthCard>
  );
}
