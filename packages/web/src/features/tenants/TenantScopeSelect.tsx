import { Select, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/useT.ts';
import type { TenantScope } from './useTenantScope.ts';

/** Shown only when the user can see more than one tenant. */
export function TenantScopeSelect({ scope }: { scope: TenantScope }) {
  const { t } = useI18n();
  if (scope.tenants.length <= 1) return null;
  return (
    <Space>
      <Typography.Text id="tenant-scope-label">{t('common.tenantScope')}</Typography.Text>
      <Select
        aria-labelledby="tenant-scope-label"
        style={{ minWidth: 200 }}
        value={scope.tenantId}
        onChange={scope.setTenantId}
        showSearch={{ optionFilterProp: 'label' }}
        options={scope.tenants.map((tenant) => ({ value: tenant.id, label: tenant.name }))}
      />
    </Space>
  );
}
