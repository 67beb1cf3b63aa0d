import { Link } from 'react-router';
import { Alert, List, Space, Typography } from 'antd';
import type { SharedInvestor } from '../../api/dashboard.ts';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { projectsLink } from './drillDown.ts';

/** For coordinators: the same investor reported by two or more units — check before counting twice. */
export function SharedInvestors({
  investors,
  units,
  asOf,
}: {
  investors: SharedInvestor[];
  units: Unit[];
  asOf: string | undefined;
}) {
  const { t } = useI18n();
  const unitName = (id: string) => units.find((unit) => unit.id === id)?.name ?? id;
  const projectSearch = asOf ? `?asOf=${asOf}` : '';
  return (
    <>
      <Alert
        type="warning"
        showIcon
        title={t('dashboard.sharedInvestorsHelp')}
        style={{ marginBottom: 12 }}
      />
      <List<SharedInvestor>
        size="small"
        dataSource={investors}
        data-testid="shared-investors"
        renderItem={(investor) => (
          <List.Item key={investor.enterpriseId}>
            <Space orientation="vertical" size={2}>
              <Space wrap>
                <Link to={projectsLink({ q: investor.name }, asOf)} style={{ fontWeight: 600 }}>
                  {investor.name}
                </Link>
                {investor.creditCode ? (
                  <Typography.Text type="secondary" copyable>
                    {investor.creditCode}
                  </Typography.Text>
                ) : null}
              </Space>
              <Typography.Text type="secondary">
                {t('dashboard.sharedUnits')}：{investor.unitIds.map(unitName).join('、')}
              </Typography.Text>
              <Space wrap size={4}>
                <Typography.Text type="secondary">{t('dashboard.sharedProjects')}：</Typography.Text>
                {investor.projectIds.map((id, index) => (
                  <Link key={id} to={`/projects/${id}${projectSearch}`}>
                    {t('dashboard.projectN', { n: index + 1 })}
                  </Link>
                ))}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
