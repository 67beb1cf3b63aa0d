import { Button, Collapse, Result, Space, Typography } from 'antd';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';
import { isApiError } from '../api/client.ts';
import { describeError } from '../components/errors.ts';
import { useI18n } from '../i18n/useT.ts';

/** What a person (or the office's IT) needs to report the error: kind, message, request id, stack. */
function errorDetail(error: unknown): string {
  if (isApiError(error)) {
    return [
      `HTTP ${error.status} ${error.code}`,
      error.message,
      error.requestId ? `requestId: ${error.requestId}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  }
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`.trim();
  if (error instanceof Error) return [`${error.name}: ${error.message}`, error.stack ?? ''].join('\n');
  return String(error);
}

/** 返回上一页 / 返回首页 / 重新加载: a way out whatever went wrong. */
function WayBack({ reload }: { reload: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Space wrap>
      <Button
        onClick={() => {
          if (window.history.length > 1) void navigate(-1);
          else void navigate('/');
        }}
      >
        {t('errors.goBack')}
      </Button>
      <Button type={reload ? 'default' : 'primary'} onClick={() => void navigate('/')}>
        {t('errors.goHome')}
      </Button>
      {reload ? (
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>
      ) : null}
    </Space>
  );
}

/** The app's own 404: an unknown address inside the app. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <div data-testid="not-found">
      <Result status="404" title="404" subTitle={t('errors.notFound')} extra={<WayBack reload={false} />} />
    </div>
  );
}

/**
 * The error boundary of a route (React Router's errorElement): instead of the router's developer
 * screen, a message in the UI language, the detail folded, and the ways back. Used on the root
 * routes and around the app shell's content, so the header and menu stay when a page fails.
 */
export function RouteError() {
  const error = useRouteError();
  const { t, locale } = useI18n();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  const message = isApiError(error) ? describeError(error, locale, t) : t('errors.pageFailedHint');
  const detail = errorDetail(error);
  return (
    <div data-testid="route-error" role="alert">
      <Result status="error" title={t('errors.pageFailed')} subTitle={message} extra={<WayBack reload />}>
        <Collapse
          size="small"
          items={[
            {
              key: 'detail',
              label: t('errors.detail'),
              children: (
                <Typography.Paragraph copyable={{ text: detail }} style={{ marginBottom: 0 }}>
                  <pre
                    data-testid="route-error-detail"
                    style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: 12 }}
                  >
                    {detail}
                  </pre>
                </Typography.Paragraph>
              ),
            },
          ]}
        />
      </Result>
    </div>
  );
}
