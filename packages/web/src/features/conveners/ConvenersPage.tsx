import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { convenerCreateSchema, convenerUpdateSchema } from '@landfall/domain';
import type { Convener } from '../../api/types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { TenantScopeSelect } from '../tenants/TenantScopeSelect.tsx';
import { useTenantScope } from '../tenants/useTenantScope.ts';
import { useUsers } from '../users/useUsers.ts';
import { useConveners, useCreateConvener, useUpdateConvener } from './useConveners.ts';

interface ConvenerValues {
  name: string;
  title?: string;
  userId?: string | null;
  active?: boolean;
}

const toValues = (convener: Convener): ConvenerValues => ({
  name: convener.name,
  title: convener.title,
  userId: convener.userId,
  active: convener.active,
});

/** 召集人: the district leaders who convene the joint meeting. */
export function ConvenersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const rule = useZodRule();
  const scope = useTenantScope();
  const conveners = useConveners(scope.tenantId);
  // Linking a convener to an account needs the user list, which only administrators may read.
  const users = useUsers(scope.tenantId, can('user.read'));
  const createConvener = useCreateConvener();
  const updateConvener = useUpdateConvener();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Convener | null>(null);
  const [form] = Form.useForm<ConvenerValues>();

  const userName = (id: string | null) => {
    if (!id) return t('common.none');
    const user = users.data?.find((candidate) => candidate.id === id);
    return user ? `${user.displayName}（${user.username}）` : id;
  };
  const userOptions = (users.data ?? []).map((user) => ({
    value: user.id,
    label: `${user.displayName}（${user.username}）`,
  }));

  const columns: TableColumnsType<Convener> = [
    { title: t('conveners.name'), dataIndex: 'name', key: 'name' },
    { title: t('conveners.titleField'), dataIndex: 'title', key: 'title' },
    {
      title: t('conveners.user'),
      dataIndex: 'userId',
      key: 'userId',
      render: (_value, convener) => userName(convener.userId),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      key: 'active',
      width: 100,
      render: (_value, convener) =>
        convener.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_value, convener) =>
        can('convener.update') ? (
          <Button size="small" type="link" onClick={() => setEditing(convener)}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  const close = () => {
    setCreating(false);
    setEditing(null);
  };

  if (conveners.isError)
    return <LoadError error={conveners.error} onRetry={() => void conveners.refetch()} />;
  return (
    <Card
      title={t('conveners.title')}
      extra={
        <Space>
          <TenantScopeSelect scope={scope} />
          {can('convener.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('conveners.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Table<Convener>
        rowKey="id"
        size="middle"
        loading={conveners.isPending}
        columns={columns}
        dataSource={conveners.data}
        pagination={false}
      />
      <FormModal<ConvenerValues, Convener>
        open={creating || editing !== null}
        name="convener"
        title={editing ? t('conveners.editTitle') : t('conveners.create')}
        form={form}
        initialValues={editing ? toValues(editing) : { title: '' }}
        onClose={close}
        onSubmit={async (values) => {
          // Without user.read the link field is hidden: keep the link the record has.
          const userId = can('user.read') ? (values.userId ?? null) : (editing?.userId ?? null);
          const input = { name: values.name, title: values.title ?? '', userId };
          if (editing) {
            await updateConvener.mutateAsync({
              id: editing.id,
              input: { ...input, active: values.active ?? editing.active, version: editing.version },
            });
            void message.success(t('common.saved'));
          } else {
            await createConvener.mutateAsync({ ...input, tenantId: scope.createTenantId });
            void message.success(t('common.created'));
          }
        }}
        onStale={(current) => {
          setEditing(current);
          form.setFieldsValue(toValues(current));
        }}
      >
        <Form.Item
          name="name"
          label={t('conveners.name')}
          required
          rules={[rule(convenerCreateSchema.shape.name)]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('conveners.titleField')}
          rules={[rule(convenerUpdateSchema.shape.title.optional())]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {can('user.read') ? (
          <Form.Item name="userId" label={t('conveners.user')}>
            <Select
              options={userOptions}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isPending}
            />
          </Form.Item>
        ) : null}
        {editing ? (
          <Form.Item name="active" label={t('common.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </FormModal>
    </Card>
  );
}
