import { Form, Input, Typography } from 'antd';
import { checkPassword, describePasswordPolicy, type PasswordPolicy } from '@landfall/domain';
import { useI18n } from '../i18n/useT.ts';

interface PasswordFieldsProps {
  /** Form field name of the new password. */
  name: string;
  label: string;
  confirmLabel: string;
  /** The installation's policy (GET /api/password-policy); the server checks again. */
  policy: PasswordPolicy | undefined;
}

/** A new-password field checked live against the policy, and its confirmation. */
export function PasswordFields({ name, label, confirmLabel, policy }: PasswordFieldsProps) {
  const { t, locale } = useI18n();
  const confirmName = `${name}Confirm`;
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        required
        extra={
          policy ? (
            <Typography.Text type="secondary" data-testid="password-policy-hint">
              {t('password.rules')}：{describePasswordPolicy(policy, locale)}
            </Typography.Text>
          ) : null
        }
        rules={[
          { required: true, message: t('validation.required') },
          {
            validator: async (_rule, value: unknown) => {
              if (typeof value !== 'string' || value === '' || !policy) return;
              const problems = checkPassword(value, policy);
              if (problems.length === 0) return;
              throw new Error(
                problems
                  .map((problem) => t(`password.${problem}`, { min: policy.minLength, n: policy.minClasses }))
                  .join('；'),
              );
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={confirmName}
        label={confirmLabel}
        required
        dependencies={[name]}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (!value || getFieldValue(name) === value) return;
              throw new Error(t('validation.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
