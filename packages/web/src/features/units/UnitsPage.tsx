import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Switch, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { unitCreateSchema, unitKinds, type UnitKind } from '@landfall/domain';
import type { Unit } from '../../api/types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { useGroups } from '../groups/useGroups.ts';
import { TenantScopeSelect } from '../tenants/TenantScopeSelect.tsx';
import { useTenantScope } from '../tenants/useTenantScope.ts';
import { useCreateUnit, useUnits, useUpdateUnit } from './useUnits.ts';

interface UnitValues {
  name: string;
  kind: UnitKind;
  groupId?: string | null;
}

const toValues = (unit: Unit): UnitValues => ({ name: unit.name, kind: unit.kind, groupId: unit.groupId });

/** 责任单位: departments, towns/streets and the zone committee that carry targets and projects. */
export function UnitsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const rule = useZodRule();
  const reportError = useReportError();
  const scope = useTenantScope();
  const units = useUnits(scope.tenantId);
  const groups = useGroups(scope.tenantId);
  const createUnit = useCreateUnit();
  const updateUnit = useUpdateUnit();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Unit | null>(null);
  const [toggling, setToggling] = useState<string>();
  const [form] = Form.useForm<UnitValues>();

  const groupName = (id: string | null) =>
    groups.data?.find((group) => group.id === id)?.name ?? t('common.none');
  const groupOptions = (groups.data ?? []).map((group) => ({ value: group.id, label: group.name }));
  const kindOptions = unitKinds.map((kind) => ({ value: kind, label: t(`unitKind.${kind}`) }));

  function setActive(unit: Unit, active: boolean) {
    setToggling(unit.id);
    updateUnit.mutate(
      {
        id: unit.id,
        input: { name: unit.name, kind: unit.kind, groupId: unit.groupId, active, version: unit.version },
      },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => reportError(error),
        onSettled: () => setToggling(undefined),
      },
    );
  }

  const columns: TableColumnsType<Unit> = [
    { title: t('units.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('units.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 120,
      render: (_value, unit) => t(`unitKind.${unit.kind}`),
    },
    {
      title: t('units.group'),
      dataIndex: 'groupId',
      key: 'groupId',
      render: (_value, unit) => groupName(unit.groupId),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      key: 'active',
      width: 120,
      render: (_value, unit) => (
        <Switch
          checked={unit.active}
          checkedChildren={t('common.active')}
          unCheckedChildren={t('common.inactive')}
          disabled={!can('unit.update')}
          loading={toggling === unit.id}
          aria-label={t('units.activeLabel', { name: unit.name })}
          onChange={(checked) => setActive(unit, checked)}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_value, unit) =>
        can('unit.update') ? (
          <Button size="small" type="link" onClick={() => setEditing(unit)}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  const open = creating || editing !== null;
  const close = () => {
    setCreating(false);
    setEditing(null);
  };

  if (units.isError) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;
  return (
    <Card
      title={t('units.title')}
      extra={
        <Space>
          <TenantScopeSelect scope={scope} />
          {can('unit.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('units.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={units.isPending}
        columns={columns}
        dataSource={units.data}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
      />
      <FormModal<UnitValues, Unit>
        open={open}
        name="unit"
        title={editing ? t('units.editTitle') : t('units.createTitle')}
        form={form}
        initialValues={editing ? toValues(editing) : { kind: 'department' }}
        onClose={close}
        onSubmit={async (values) => {
          const groupId = values.groupId ?? null;
          if (editing) {
            await updateUnit.mutateAsync({
              id: editing.id,
              input: { ...values, groupId, active: editing.active, version: editing.version },
            });
            void message.success(t('common.saved'));
          } else {
            await createUnit.mutateAsync({ ...values, groupId, tenantId: scope.createTenantId });
            void message.success(t('common.created'));
          }
        }}
        onStale={(current) => {
          setEditing(current);
          form.setFieldsValue(toValues(current));
        }}
      >
        <Form.Item name="name" label={t('units.name')} required rules={[rule(unitCreateSchema.shape.name)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('units.kind')}
          required
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select options={kindOptions} />
        </Form.Item>
        <Form.Item name="groupId" label={t('units.group')}>
          <Select options={groupOptions} allowClear loading={groups.isPending} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
