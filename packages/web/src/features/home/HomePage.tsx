import { Navigate } from 'react-router';
import { Card, Descriptions, Typography } from 'antd';
import { roleLabels } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { UnitHomePage } from './UnitHomePage.tsx';

/**
 * 工作台: coordinators, leaders and viewers land on 领导驾驶舱; unit staff on their unit's standing
 * (单位工作台); everyone else gets a welcome.
 */
export function HomePage() {
  const { t, locale } = useI18n();
  const { data: me } = useMe();
  const can = useCan();
  if (!me) return null;
  if (can('dashboard.read')) return <Navigate to="/dashboard" replace />;
  if (can('dashboard.readUnit') && me.unitId) return <UnitHomePage />;
  return (
    <Card title={t('nav.home')}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Descriptions
        column={1}
        bordered
        size="small"
        style={{ maxWidth: 560 }}
        items={[
          { key: 'role', label: t('home.role'), children: roleLabels[me.role][locale] },
          { key: 'tenant', label: t('home.tenant'), children: me.tenantName },
          { key: 'level', label: t('home.level'), children: t(`level.${me.tenantLevel}`) },
          ...(me.unitName ? [{ key: 'unit', label: t('home.unit'), children: me.unitName }] : []),
          { key: 'username', label: t('home.username'), children: me.username },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {can('dashboard.readUnit') ? t('unitHome.noUnit') : t('home.hint')}
      </Typography.Paragraph>
    </Card>
  );
}
