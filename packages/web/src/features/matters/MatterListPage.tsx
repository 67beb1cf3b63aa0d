import { useState } from 'react';
import { Button, Card, Input, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  matterLevelLabels,
  matterLevels,
  matterStatusLabels,
  matterStatuses,
  type MatterLevel,
  type MatterStatus,
} from '@landfall/domain';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { OverdueSwitch, UnitFilter } from '../coordination/LoopFilters.tsx';
import { useCan, useMe } from '../auth/useMe.ts';
import { useTenants } from '../tenants/useTenants.ts';
import { useQueryParams } from '../coordination/useQueryParams.ts';
import { MatterCreateModal } from './MatterCreateModal.tsx';
import { MatterTable } from './MatterTable.tsx';
import { useMatters } from './useMatters.ts';

const filterKeys = ['status', 'level', 'overdue', 'unitId', 'tenantId', 'q'] as const;
const isStatus = (v: string | undefined): v is MatterStatus => matterStatuses.some((s) => s === v);
const isLevel = (v: string | undefined): v is MatterLevel => matterLevels.some((l) => l === v);

/** 协调事项: open first, then by deadline; filters in the address. */
export function MatterListPage() {
  const { t, locale } = useI18n();
  const can = useCan();
  const { values, page, pageSize, update } = useQueryParams(filterKeys);
  const [creating, setCreating] = useState(false);
  const status = isStatus(values.status) ? values.status : undefined;
  const level = isLevel(values.level) ? values.level : undefined;
  const { data: me } = useMe();
  // A city's coordinators and leaders read their districts' matters: a 区县 column and filter.
  const tenants = useTenants(can('tenant.read') && can('matter.read') && me?.role !== 'unit_staff');
  const districts = (tenants.data ?? []).filter((tenant) => tenant.id !== me?.tenantId);
  const spansTenants = districts.length > 0;
  const matters = useMatters({
    tenantId: spansTenants ? values.tenantId : undefined,
    status,
    level,
    overdue: values.overdue === 'true' ? true : undefined,
    unitId: values.unitId,
    q: values.q,
    page,
    pageSize,
  });

  if (matters.isError && !matters.data) {
    return <LoadError error={matters.error} onRetry={() => void matters.refetch()} />;
  }
  return (
    <Card
      title={t('matters.title')}
      extra={
        can('matter.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('matters.create')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('matters.search')}
          placeholder={t('matters.search')}
          defaultValue={values.q}
          style={{ width: 240 }}
          onSearch={(q) => update({ q: q.trim() || undefined })}
        />
        <Select<MatterStatus>
          allowClear
          aria-label={t('matters.status')}
          placeholder={t('matters.status')}
          style={{ width: 120 }}
          value={status}
          onChange={(value) => update({ status: value })}
          options={matterStatuses.map((value) => ({ value, label: matterStatusLabels[value][locale] }))}
        />
        <Select<MatterLevel>
          allowClear
          aria-label={t('matters.level')}
          placeholder={t('matters.level')}
          style={{ width: 140 }}
          value={level}
          onChange={(value) => update({ level: value })}
          options={matterLevels.map((value) => ({ value, label: matterLevelLabels[value][locale] }))}
        />
        {spansTenants ? (
          <Select<string>
            allowClear
            aria-label={t('matters.district')}
            placeholder={t('matters.allDistricts')}
            style={{ width: 160 }}
            value={values.tenantId}
            onChange={(tenantId) => update({ tenantId })}
            options={(tenants.data ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))}
          />
        ) : null}
        <UnitFilter value={values.unitId} onChange={(unitId) => update({ unitId })} />
        <OverdueSwitch
          id="matters-overdue"
          value={values.overdue}
          onChange={(overdue) => update({ overdue })}
        />
      </Space>
      <MatterTable
        showTenant={spansTenants}
        matters={matters.data?.items ?? []}
        loading={matters.isFetching}
        pagination={{
          current: page,
          pageSize,
          total: matters.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (next, size) => update({ page: size === pageSize ? next : 1, pageSize: size }),
        }}
      />
      <MatterCreateModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
