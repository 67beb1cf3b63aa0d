import { Alert, App, Card, Space, Switch, Typography } from 'antd';
import { errorMessages } from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { useReviewSetting, useUpdateReviewSetting } from './useReview.ts';

/** 报送审核设置: the tenant's switch — whether what unit staff submit waits for the coordination group. */
export function ReviewSettingsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const reportError = useReportError();
  const setting = useReviewSetting();
  const update = useUpdateReviewSetting();
  const editable = can('review.configure');

  if (setting.isError) return <LoadError error={setting.error} onRetry={() => void setting.refetch()} />;
  return (
    <Card title={t('review.settingsTitle')} loading={setting.isPending}>
      {!editable ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('review.readOnly')} />
      ) : null}
      <Space align="center">
        <Switch
          id="review-switch"
          checked={setting.data?.unitSubmissions ?? false}
          disabled={!editable}
          loading={update.isPending}
          onChange={(checked) => {
            if (!setting.data) return;
            update.mutate(
              { unitSubmissions: checked, version: setting.data.version },
              {
                onSuccess: () => void message.success(t('common.saved')),
                onError: (error) => {
                  if (isApiError(error) && error.code === 'stale_version') {
                    void message.warning(errorMessages.stale_version[locale]);
                    void setting.refetch();
                    return;
                  }
                  reportError(error);
                },
              },
            );
          }}
        />
        <label htmlFor="review-switch">{t('review.switch')}</label>
        <Typography.Text type={setting.data?.unitSubmissions ? 'success' : 'secondary'}>
          {setting.data?.unitSubmissions ? t('review.switchOn') : t('review.switchOff')}
        </Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('review.switchHelp')}
      </Typography.Paragraph>
    </Card>
  );
}
