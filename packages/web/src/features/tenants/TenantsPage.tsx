import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Space, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { tenantCreateSchema } from '@landfall/domain';
import type { Tenant } from '../../api/types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RenameModal } from '../../components/RenameModal.tsx';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { DivisionCascader } from '../divisions/DivisionCascader.tsx';
import { useNameSuggestion } from '../divisions/useNameSuggestion.ts';
import { useCreateTenant, useTenants, useUpdateTenant } from './useTenants.ts';

interface TenantNode extends Tenant {
  children?: TenantNode[];
}

/** Nests the flat list by parentId; tenants whose parent is out of scope are roots. */
function buildTree(tenants: Tenant[]): TenantNode[] {
  const nodes = new Map<string, TenantNode>(tenants.map((tenant) => [tenant.id, { ...tenant }]));
  const roots: TenantNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

interface CreateValues {
  name: string;
  divisionCode: string[];
}

/** 区域/租户: the tree of areas in scope; a system admin adds sub-areas and renames. */
export function TenantsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const rule = useZodRule();
  const tenants = useTenants();
  const createTenant = useCreateTenant();
  const updateTenant = useUpdateTenant();
  const [parent, setParent] = useState<Tenant | null>(null);
  const [renaming, setRenaming] = useState<Tenant | null>(null);
  const [createForm] = Form.useForm<CreateValues>();
  const suggestName = useNameSuggestion(createForm, 'name');
  const tree = useMemo(() => buildTree(tenants.data ?? []), [tenants.data]);

  const columns: TableColumnsType<TenantNode> = [
    { title: t('tenants.name'), dataIndex: 'name', key: 'name' },
    { title: t('tenants.division'), dataIndex: 'divisionName', key: 'divisionName' },
    { title: t('tenants.divisionCode'), dataIndex: 'divisionCode', key: 'divisionCode', width: 120 },
    {
      title: t('tenants.level'),
      dataIndex: 'level',
      key: 'level',
      width: 100,
      render: (_value, tenant) => t(`level.${tenant.level}`),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 180,
      render: (_value, tenant) => dayjs(tenant.createdAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_value, tenant) => (
        <Space size="small">
          {can('tenant.create') && tenant.level !== 'district' ? (
            <Button size="small" type="link" onClick={() => setParent(tenant)}>
              {t('tenants.createChild')}
            </Button>
          ) : null}
          {can('tenant.update') ? (
            <Button size="small" type="link" onClick={() => setRenaming(tenant)}>
              {t('tenants.rename')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  if (tenants.isError) return <LoadError error={tenants.error} onRetry={() => void tenants.refetch()} />;
  return (
    <Card title={t('tenants.title')}>
      <Table<TenantNode>
        rowKey="id"
        size="middle"
        loading={tenants.isPending}
        columns={columns}
        dataSource={tree}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        key={tree.length /* re-expand when the tree first arrives */}
      />
      <FormModal<CreateValues>
        open={parent !== null}
        name="tenantCreate"
        title={t('tenants.createTitle', { parent: parent?.name ?? '' })}
        form={createForm}
        onClose={() => setParent(null)}
        onSubmit={async (values) => {
          if (!parent) return;
          await createTenant.mutateAsync({
            parentId: parent.id,
            name: values.name,
            divisionCode: values.divisionCode.at(-1) ?? '',
          });
          void message.success(t('common.created'));
        }}
      >
        <Form.Item
          name="divisionCode"
          label={t('tenants.division')}
          required
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.divisionRequired') }]}
        >
          <DivisionCascader
            rootCode={parent?.divisionCode}
            onChange={(_codes, chosen) => suggestName(chosen)}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('tenants.name')}
          required
          rules={[rule(tenantCreateSchema.shape.name)]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
      <RenameModal<Tenant>
        record={renaming}
        formName="tenantRename"
        title={t('tenants.renameTitle')}
        label={t('tenants.name')}
        onClose={() => setRenaming(null)}
        onChange={setRenaming}
        save={(id, input) => updateTenant.mutateAsync({ id, input })}
      />
    </Card>
  );
}
