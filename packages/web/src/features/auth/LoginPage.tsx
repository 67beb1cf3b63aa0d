import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Form, Input } from 'antd';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { AuthCard } from '../../components/AuthCard.tsx';
import { isApiError } from '../../api/client.ts';
import { applyFieldErrors, describeError } from '../../components/errors.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useSetupStatus } from '../setup/useSetup.ts';
import { useLogin, useMe, useVerifyTotp } from './useMe.ts';

interface LoginValues {
  username: string;
  password: string;
}

function cameFromSetup(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'setupDone' in state && state.setupDone === true;
}

/** After 载入演示数据: the demo usernames (their password is the one just chosen). */
function demoUsers(state: unknown): string[] | undefined {
  if (typeof state !== 'object' || state === null || !('demoUsers' in state)) return undefined;
  const users = (state as { demoUsers: unknown }).demoUsers;
  return Array.isArray(users) ? users.filter((user): user is string => typeof user === 'string') : undefined;
}

function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && from !== '/login') return from;
  }
  return '/';
}

/** 登录. A bad login gets one generic message (the domain wording for the code), never which part was wrong. */
export function LoginPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  // Plain rules, not the zod schema's: the login page is the first load and zod is not in it.
  const required = { required: true, whitespace: true, message: t('validation.required') };
  const [form] = Form.useForm<LoginValues>();
  const [failure, setFailure] = useState<string>();
  /** Seconds before the next try (429 Retry-After): counted down, the button waits meanwhile. */
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);
  const setup = useSetupStatus();
  const me = useMe(setup.data?.needed === false);
  const login = useLogin();
  const verify = useVerifyTotp();
  /** After a right password on an account with two factors: the code step. */
  const [codeStep, setCodeStep] = useState(false);
  const [codeForm] = Form.useForm<{ code: string }>();

  if (setup.isPending) return <FullPageSpin />;
  if (setup.isError) return <LoadError error={setup.error} onRetry={() => void setup.refetch()} />;
  if (setup.data.needed) return <Navigate to="/setup" replace />;
  if (me.data && !login.isPending && !verify.isPending)
    return <Navigate to={returnPath(location.state)} replace />;

  function submit(values: LoginValues) {
    setFailure(undefined);
    login.mutate(values, {
      onSuccess: (result) => {
        if ('secondFactor' in result) {
          setCodeStep(true);
          return;
        }
        void navigate(returnPath(location.state), { replace: true });
      },
      onError: (error) => {
        applyFieldErrors(error, form);
        if (isApiError(error) && error.code === 'rate_limited') {
          const details = error.details as { retryAfterSeconds?: number } | undefined;
          const seconds = details?.retryAfterSeconds ?? 1;
          setWait(seconds);
          setFailure(undefined);
          return;
        }
        // An idle account's message says how long and whom to ask (the server's words).
        setFailure(
          isApiError(error) && error.code === 'account_idle' && error.message
            ? error.message
            : describeError(error, locale, t),
        );
      },
    });
  }

  function submitCode(values: { code: string }) {
    setFailure(undefined);
    verify.mutate(values.code.trim(), {
      onSuccess: () => void navigate(returnPath(location.state), { replace: true }),
      onError: (error) => {
        if (isApiError(error) && error.code === 'rate_limited') {
          const details = error.details as { retryAfterSeconds?: number } | undefined;
          setWait(details?.retryAfterSeconds ?? 1);
          return;
        }
        // The pending step expired (5 minutes): back to the password.
        if (isApiError(error) && error.status === 401) setCodeStep(false);
        applyFieldErrors(error, codeForm);
        if (!isApiError(error) || error.code !== 'validation_failed')
          setFailure(describeError(error, locale, t));
      },
    });
  }

  if (codeStep) {
    return (
      <AuthCard title={t('login.codeTitle')}>
        <Alert type="info" showIcon title={t('login.codeHint')} style={{ marginBottom: 16 }} />
        {failure ? (
          <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" />
        ) : null}
        {wait > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('login.codeWait', { n: wait })}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        ) : null}
        <Form<{ code: string }> form={codeForm} name="totp" layout="vertical" onFinish={submitCode}>
          <Form.Item name="code" label={t('login.code')} required rules={[required]}>
            <Input autoComplete="one-time-code" inputMode="numeric" autoFocus maxLength={20} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={verify.isPending} disabled={wait > 0}>
            {t('login.verify')}
          </Button>
          <Button type="link" block onClick={() => setCodeStep(false)} style={{ marginTop: 8 }}>
            {t('login.backToPassword')}
          </Button>
        </Form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('login.title')}>
      {cameFromSetup(location.state) && !failure ? (
        <Alert type="success" showIcon title={t('setup.done')} style={{ marginBottom: 16 }} />
      ) : null}
      {demoUsers(location.state) && !failure ? (
        <Alert
          type="success"
          showIcon
          data-testid="demo-accounts"
          style={{ marginBottom: 16 }}
          title={t('login.demoLoaded')}
          description={t('login.demoAccounts', { users: demoUsers(location.state)?.join('、') ?? '' })}
        />
      ) : null}
      {failure ? (
        <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" />
      ) : null}
      {wait > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('login.wait', { n: wait })}
          style={{ marginBottom: 16 }}
          role="alert"
          data-testid="login-wait"
        />
      ) : null}
      <Form<LoginValues> form={form} name="login" layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t('login.username')} required rules={[required]}>
          <Input autoComplete="username" autoFocus maxLength={64} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} required rules={[required]}>
          <Input.Password autoComplete="current-password" maxLength={256} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} disabled={wait > 0}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
