import { useState } from 'react';
import { App, Button, Card, Form, Input, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { groupCreateSchema } from '@landfall/domain';
import type { Group } from '../../api/types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RenameModal } from '../../components/RenameModal.tsx';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { TenantScopeSelect } from '../tenants/TenantScopeSelect.tsx';
import { useTenantScope } from '../tenants/useTenantScope.ts';
import { useCreateGroup, useGroups, useUpdateGroup } from './useGroups.ts';

interface GroupValues {
  name: string;
}

/** 工作组: the joint meeting's working groups; the four defaults come with setup. */
export function GroupsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const rule = useZodRule();
  const scope = useTenantScope();
  const groups = useGroups(scope.tenantId);
  const createGroup = useCreateGroup();
  const updateGroup = useUpdateGroup();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Group | null>(null);
  const [createForm] = Form.useForm<GroupValues>();

  const columns: TableColumnsType<Group> = [
    { title: t('groups.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('groups.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 160,
      render: (_value, group) => t(`groupKind.${group.kind}`),
    },
    { title: t('groups.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', width: 90 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_value, group) =>
        can('group.update') ? (
          <Button size="small" type="link" onClick={() => setRenaming(group)}>
            {t('groups.rename')}
          </Button>
        ) : null,
    },
  ];

  if (groups.isError) return <LoadError error={groups.error} onRetry={() => void groups.refetch()} />;
  return (
    <Card
      title={t('groups.title')}
      extra={
        <Space>
          <TenantScopeSelect scope={scope} />
          {can('group.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('groups.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Table<Group>
        rowKey="id"
        size="middle"
        loading={groups.isPending}
        columns={columns}
        dataSource={[...(groups.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder)}
        pagination={false}
      />
      <FormModal<GroupValues>
        open={creating}
        name="groupCreate"
        title={t('groups.create')}
        form={createForm}
        onClose={() => setCreating(false)}
        onSubmit={async (values) => {
          await createGroup.mutateAsync({ tenantId: scope.createTenantId, name: values.name });
          void message.success(t('common.created'));
        }}
      >
        <Form.Item name="name" label={t('groups.name')} required rules={[rule(groupCreateSchema.shape.name)]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
      <RenameModal<Group>
        record={renaming}
        formName="groupRename"
        title={t('groups.renameTitle')}
        label={t('groups.name')}
        onClose={() => setRenaming(null)}
        onChange={setRenaming}
        save={(id, input) => updateGroup.mutateAsync({ id, input })}
      />
    </Card>
  );
}
