import { useMemo } from 'react';
import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { roleLabels } from '@landfall/domain';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useRoles } from './useRoles.ts';

interface MatrixRow {
  action: string;
  granted: Set<string>;
}

/** 角色: which role may perform which policy action — read-only, from GET /api/roles. */
export function RolesPage() {
  const { t, locale, lookup } = useI18n();
  const roles = useRoles();

  const rows = useMemo<MatrixRow[]>(() => {
    const byAction = new Map<string, Set<string>>();
    for (const entry of roles.data ?? []) {
      for (const action of entry.actions) {
        const granted = byAction.get(action) ?? new Set<string>();
        granted.add(entry.role);
        byAction.set(action, granted);
      }
    }
    return [...byAction.entries()].map(([action, granted]) => ({ action, granted }));
  }, [roles.data]);

  const columns: TableColumnsType<MatrixRow> = [
    {
      title: t('roles.action'),
      key: 'label',
      fixed: 'start',
      width: 180,
      render: (_value, row) => lookup(`action.${row.action}`) ?? row.action,
    },
    {
      title: t('roles.code'),
      key: 'code',
      width: 190,
      render: (_value, row) => <Typography.Text code>{row.action}</Typography.Text>,
    },
    ...(roles.data ?? []).map((entry) => ({
      title: roleLabels[entry.role][locale],
      key: entry.role,
      align: 'center' as const,
      render: (_value: unknown, row: MatrixRow) =>
        row.granted.has(entry.role) ? (
          <CheckOutlined style={{ color: '#52c41a' }} aria-label={t('roles.granted')} />
        ) : null,
    })),
  ];

  if (roles.isError) return <LoadError error={roles.error} onRetry={() => void roles.refetch()} />;
  return (
    <Card title={t('roles.title')}>
      <Table<MatrixRow>
        rowKey="action"
        size="small"
        bordered
        loading={roles.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
