import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { AuthCard } from '../../components/AuthCard.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { confirmTotp, startTotpEnrolment } from '../../api/auth.ts';
import { meKey, useLogout } from './useMe.ts';

/**
 * 绑定身份验证器: an administrator (or an account whose tenant requires two factors) without TOTP sees only
 * this page; the server refuses everything else (totp_enrolment_required). The QR code comes from the
 * server as an image; a code from the app confirms it; the ten recovery codes are shown once.
 */
export function TotpEnrolmentPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const reportError = useReportError();
  const logout = useLogout();
  const [form] = Form.useForm<{ code: string }>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const start = useMutation({ mutationFn: startTotpEnrolment, onError: (error) => reportError(error) });
  const confirm = useMutation({
    mutationFn: (code: string) => confirmTotp(code),
    onSuccess: (result) => setRecoveryCodes(result.recoveryCodes),
    onError: (error) => reportError(error, form),
  });

  if (recoveryCodes) {
    return (
      <AuthCard title={t('totp.recoveryTitle')}>
        <Alert type="warning" showIcon title={t('totp.recoveryHint')} style={{ marginBottom: 16 }} />
        <pre data-testid="recovery-codes" style={{ fontSize: 16, lineHeight: 1.8, textAlign: 'center' }}>
          {recoveryCodes.join('\n')}
        </pre>
        <Button type="primary" block onClick={() => void queryClient.invalidateQueries({ queryKey: meKey })}>
          {t('totp.recoverySaved')}
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('totp.enrolTitle')}>
      <Alert type="warning" showIcon title={t('totp.enrolHint')} style={{ marginBottom: 16 }} />
      {start.data ? (
        <>
          <div style={{ textAlign: 'center' }}>
            <img src={start.data.qrCode} alt={t('totp.qrAlt')} width={200} height={200} />
          </div>
          <Typography.Paragraph style={{ textAlign: 'center' }}>
            {t('totp.secret')}{' '}
            <Typography.Text code copyable data-testid="totp-secret">
              {start.data.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Form<{ code: string }>
            form={form}
            name="totpConfirm"
            layout="vertical"
            onFinish={(values) => confirm.mutate(values.code.trim())}
          >
            <Form.Item
              name="code"
              label={t('totp.code')}
              required
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" autoFocus maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={confirm.isPending}>
              {t('totp.confirm')}
            </Button>
          </Form>
        </>
      ) : (
        <Button type="primary" block loading={start.isPending} onClick={() => start.mutate()}>
          {t('totp.start')}
        </Button>
      )}
      <Button type="link" block onClick={() => logout.mutate()} style={{ marginTop: 8 }}>
        {t('header.logout')}
      </Button>
    </AuthCard>
  );
}
