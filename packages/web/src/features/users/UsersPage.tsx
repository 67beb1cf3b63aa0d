import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { roleLabels } from '@landfall/domain';
import type { User } from '../../api/types.ts';
import { isPendingRequest } from '../../api/users.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { TenantScopeSelect } from '../tenants/TenantScopeSelect.tsx';
import { useTenantScope } from '../tenants/useTenantScope.ts';
import { useUnits } from '../units/useUnits.ts';
import { UserCreateModal, UserEditModal, UserPasswordModal, UserRoleModal } from './UserModals.tsx';
import { useSetUserDisabled, useUnlockUser, useUsers } from './useUsers.ts';

/** 用户: accounts of this tenant. Each button shows only when the user's actions list it. */
export function UsersPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const reportError = useReportError();
  const scope = useTenantScope();
  const users = useUsers(scope.tenantId);
  const units = useUnits(scope.tenantId);
  const setDisabled = useSetUserDisabled();
  const unlock = useUnlockUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [changingRole, setChangingRole] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const unitList = units.data ?? [];
  const unitName = (id: string | null) => unitList.find((unit) => unit.id === id)?.name ?? t('common.none');

  function toggleDisabled(user: User, disabled: boolean) {
    setDisabled.mutate(
      { id: user.id, disabled },
      {
        onSuccess: (result) =>
          void (isPendingRequest(result)
            ? message.info(t('users.pendingSecond'))
            : message.success(t(disabled ? 'users.disabledDone' : 'users.enabledDone'))),
        onError: (error) => reportError(error),
      },
    );
  }

  function unlockUser(user: User) {
    unlock.mutate(user.id, {
      onSuccess: () => void message.success(t('users.unlocked')),
      onError: (error) => reportError(error),
    });
  }

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      render: (_value, user) => roleLabels[user.role][locale],
    },
    {
      title: t('users.unit'),
      dataIndex: 'unitId',
      key: 'unitId',
      render: (_value, user) => unitName(user.unitId),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 110,
      render: (_value, user) => (
        <Space size={4}>
          {user.disabled ? (
            <Tag color="red">
              {t(user.disabledReason === 'idle' ? 'users.statusIdle' : 'users.statusDisabled')}
            </Tag>
          ) : null}
          {user.mustChangePassword ? <Tag color="orange">{t('users.statusMustChange')}</Tag> : null}
          {!user.disabled && !user.mustChangePassword ? (
            <Tag color="green">{t('users.statusNormal')}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 160,
      render: (_value, user) =>
        user.lastLoginAt ? dayjs(user.lastLoginAt).format('YYYY-MM-DD HH:mm') : t('common.none'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, user) => (
        <Space size={0} wrap>
          {can('user.update') ? (
            <Button size="small" type="link" onClick={() => setEditing(user)}>
              {t('common.edit')}
            </Button>
          ) : null}
          {can('user.changeRole') ? (
            <Button size="small" type="link" onClick={() => setChangingRole(user)}>
              {t('users.changeRole')}
            </Button>
          ) : null}
          {can('user.resetPassword') ? (
            <Button size="small" type="link" onClick={() => setResetting(user)}>
              {t('users.resetPassword')}
            </Button>
          ) : null}
          {can('user.unlock') && !user.disabled ? (
            <Button size="small" type="link" onClick={() => unlockUser(user)}>
              {t('users.unlock')}
            </Button>
          ) : null}
          {can('user.disable') && !user.disabled ? (
            <Popconfirm
              title={t('users.confirmDisable', { name: user.displayName })}
              okText={t('users.disable')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => toggleDisabled(user, true)}
            >
              <Button size="small" type="link" danger>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          ) : null}
          {can('user.enable') && user.disabled ? (
            <Button size="small" type="link" onClick={() => toggleDisabled(user, false)}>
              {t('users.enable')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  if (users.isError) return <LoadError error={users.error} onRetry={() => void users.refetch()} />;
  return (
    <Card
      title={t('users.title')}
      extra={
        <Space>
          <TenantScopeSelect scope={scope} />
          {can('user.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.isPending}
        columns={columns}
        dataSource={users.data}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
      />
      <UserCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        units={unitList}
        tenantId={scope.createTenantId}
      />
      <UserEditModal user={editing} onClose={() => setEditing(null)} onReload={setEditing} units={unitList} />
      <UserRoleModal
        user={changingRole}
        onClose={() => setChangingRole(null)}
        onReload={setChangingRole}
        units={unitList}
      />
      <UserPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
