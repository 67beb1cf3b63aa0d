import { Navigate, useNavigate } from 'react-router';
import { Button, Divider, Form, Input, Typography } from 'antd';
import { nameSchema, setupSchema } from '@landfall/domain';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { AuthCard } from '../../components/AuthCard.tsx';
import { PasswordFields } from '../../components/PasswordFields.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { DivisionCascader } from '../divisions/DivisionCascader.tsx';
import { useNameSuggestion } from '../divisions/useNameSuggestion.ts';
import { usePasswordPolicy } from '../password-policy/usePasswordPolicy.ts';
import { DemoSetup } from './DemoSetup.tsx';
import { useLoadDemo, useRunSetup, useSetupStatus } from './useSetup.ts';

interface SetupValues {
  tenantName: string;
  divisionCode: string[];
  adminUsername: string;
  adminDisplayName?: string;
  password: string;
}

/** 初始化设置: first run only — the top tenant and its system administrator. */
export function SetupPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const rule = useZodRule();
  const reportError = useReportError();
  const [form] = Form.useForm<SetupValues>();
  const status = useSetupStatus();
  const policy = usePasswordPolicy();
  const setup = useRunSetup();
  const demo = useLoadDemo();
  const suggestName = useNameSuggestion(form, 'tenantName');

  if (status.isPending) return <FullPageSpin />;
  if (status.isError) return <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  // After either way of setting up, the page leaves by itself (with its message for the login page).
  if (!status.data.needed && !setup.isSuccess && !demo.isSuccess) return <Navigate to="/login" replace />;

  function submit(values: SetupValues) {
    const displayName = values.adminDisplayName?.trim();
    setup.mutate(
      {
        tenantName: values.tenantName,
        divisionCode: values.divisionCode.at(-1) ?? '',
        adminUsername: values.adminUsername,
        adminDisplayName: displayName ? displayName : undefined,
        password: values.password,
      },
      {
        // The login page shows the success message (it survives the route change, unlike a toast).
        onSuccess: () => void navigate('/login', { replace: true, state: { setupDone: true } }),
        onError: (error) => reportError(error, form),
      },
    );
  }

  return (
    <AuthCard title={t('setup.title')} width={560}>
      <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
      <Form<SetupValues> form={form} name="setup" layout="vertical" onFinish={submit} requiredMark>
        <Divider titlePlacement="start">{t('setup.sectionTenant')}</Divider>
        <Form.Item
          name="divisionCode"
          label={t('setup.division')}
          extra={t('setup.divisionHelp')}
          required
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.divisionRequired') }]}
        >
          <DivisionCascader onChange={(_codes, chosen) => suggestName(chosen)} />
        </Form.Item>
        <Form.Item
          name="tenantName"
          label={t('setup.tenantName')}
          required
          rules={[rule(setupSchema.shape.tenantName)]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Divider titlePlacement="start">{t('setup.sectionAdmin')}</Divider>
        <Form.Item
          name="adminUsername"
          label={t('setup.adminUsername')}
          required
          rules={[rule(setupSchema.shape.adminUsername)]}
        >
          <Input autoComplete="username" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="adminDisplayName"
          label={t('setup.adminDisplayName')}
          rules={[rule(nameSchema.optional())]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <PasswordFields
          name="password"
          label={t('setup.password')}
          confirmLabel={t('setup.confirmPassword')}
          policy={policy.data}
        />
        <Button type="primary" htmlType="submit" block loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
      <Divider plain>{t('setup.or')}</Divider>
      <DemoSetup demo={demo} policy={policy.data} disabled={setup.isPending} />
    </AuthCard>
  );
}
