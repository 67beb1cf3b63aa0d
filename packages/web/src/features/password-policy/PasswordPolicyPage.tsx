import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { describePasswordPolicy, errorMessages, passwordPolicySchema } from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import type { PasswordPolicyInfo } from '../../api/types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { staleCurrent } from '../../components/errors.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { passwordPolicyKey, usePasswordPolicy, useUpdatePasswordPolicy } from './usePasswordPolicy.ts';

interface PolicyValues {
  minLength: number;
  minClasses: number;
  idleDays: number;
}

/**
 * 密码策略: the security administrator sets the password and account rules of their tenant. A tenant below
 * another inherits its rules and may only tighten them (the page shows the parent's; the server refuses
 * anything looser, naming the field).
 */
export function PasswordPolicyPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const rule = useZodRule();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const policy = usePasswordPolicy(me?.tenantId);
  const update = useUpdatePasswordPolicy();
  const [form] = Form.useForm<PolicyValues>();
  const editable = can('settings.update');

  useEffect(() => {
    if (policy.data)
      form.setFieldsValue({
        minLength: policy.data.minLength,
        minClasses: policy.data.minClasses,
        idleDays: policy.data.idleDays,
      });
  }, [policy.data, form]);

  function submit(values: PolicyValues) {
    if (!policy.data) return;
    update.mutate(
      { ...values, tenantId: me?.tenantId, version: policy.data.version },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => {
          if (isApiError(error) && error.code === 'stale_version') {
            // Someone changed the policy meanwhile: show theirs, let the user decide again.
            void message.warning(errorMessages.stale_version[locale]);
            const current = staleCurrent<PasswordPolicyInfo>(error);
            if (current) queryClient.setQueryData([...passwordPolicyKey, me?.tenantId ?? null], current);
            else void policy.refetch();
            return;
          }
          reportError(error, form);
        },
      },
    );
  }

  if (policy.isError) return <LoadError error={policy.error} onRetry={() => void policy.refetch()} />;
  return (
    <Card title={t('policy.title')} loading={policy.isPending}>
      {policy.data ? (
        <Typography.Paragraph>
          {t('policy.current')}：
          <Typography.Text strong data-testid="policy-current">
            {describePasswordPolicy(policy.data, locale)}
          </Typography.Text>
        </Typography.Paragraph>
      ) : null}
      {policy.data?.inherited ? (
        <Typography.Paragraph type="secondary" data-testid="policy-inherited">
          {t('policy.inherited')}：{describePasswordPolicy(policy.data.inherited, locale)}；
          {t('policy.idleDays')} {policy.data.inherited.idleDays}
        </Typography.Paragraph>
      ) : null}
      {!editable ? (
        <Alert type="info" showIcon title={t('policy.readOnly')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<PolicyValues>
        form={form}
        name="passwordPolicy"
        layout="vertical"
        style={{ maxWidth: 360 }}
        disabled={!editable}
        onFinish={submit}
      >
        <Form.Item
          name="minLength"
          label={t('policy.minLength')}
          required
          rules={[rule(passwordPolicySchema.shape.minLength)]}
        >
          <InputNumber min={8} max={128} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="minClasses"
          label={t('policy.minClasses')}
          required
          rules={[rule(passwordPolicySchema.shape.minClasses)]}
        >
          <InputNumber min={1} max={4} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="idleDays"
          label={t('policy.idleDays')}
          required
          rules={[rule(passwordPolicySchema.shape.idleDays)]}
        >
          <InputNumber min={7} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
