import { App, Space, Switch, Tooltip, Typography } from 'antd';
import { errorMessages } from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useUnitRankingSetting, useUpdateUnitRankingSetting } from './useUnitHome.ts';

/** 责任单位可见赛马榜: the tenant's switch, beside the ranking on the dashboard (coordinator only). */
export function UnitRankingSwitch() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const setting = useUnitRankingSetting();
  const update = useUpdateUnitRankingSetting();
  return (
    <Tooltip title={t('unitHome.rankingSwitchHelp')}>
      <Space size={6}>
        <Switch
          id="unit-ranking-switch"
          size="small"
          checked={setting.data?.showRanking ?? false}
          disabled={!setting.data}
          loading={update.isPending}
          data-testid="unit-ranking-switch"
          onChange={(checked) => {
            if (!setting.data) return;
            update.mutate(
              { showRanking: checked, version: setting.data.version },
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
        <Typography.Text type="secondary">
          <label htmlFor="unit-ranking-switch">{t('unitHome.rankingSwitch')}</label>
        </Typography.Text>
      </Space>
    </Tooltip>
  );
}
