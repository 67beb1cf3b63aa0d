import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { takeExplicitLogout, useCan, useMe } from '../features/auth/useMe.ts';
import { useSetupStatus } from '../features/setup/useSetup.ts';
import { useI18n } from '../i18n/useT.ts';
import { describeError } from '../components/errors.ts';

export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', minHeight: '60vh', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, locale } = useI18n();
  return (
    <Result
      status="error"
      title={t('errors.loadFailed')}
      subTitle={describeError(error, locale, t)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

function RequireLogin({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    return (
      <Navigate to="/login" replace state={takeExplicitLogout() ? undefined : { from: location.pathname }} />
    );
  }
  return children;
}

/** Sends the visitor to /setup while setup is needed, and to /login without a session. */
export function RequireSession({ children }: { children: ReactNode }) {
  const setup = useSetupStatus();
  if (setup.isPending) return <FullPageSpin />;
  if (setup.isError) return <LoadError error={setup.error} onRetry={() => void setup.refetch()} />;
  if (setup.data.needed) return <Navigate to="/setup" replace />;
  return <RequireLogin>{children}</RequireLogin>;
}

/** Shows a page only to users whose policy lists the action; the server enforces it anyway. */
export function RequireAction({ action, children }: { action: string; children: ReactNode }) {
  const can = useCan();
  const { t } = useI18n();
  if (!can(action)) return <Result status="403" title="403" subTitle={t('errors.forbiddenPage')} />;
  return children;
}
