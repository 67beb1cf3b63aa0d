import { useState } from 'react';
import { Button, Card, Input, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Enterprise } from '../../api/library-types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useCan, useCanOnUnit } from '../auth/useMe.ts';
import { DivisionName } from '../divisions/DivisionName.tsx';
import { IndustryName } from '../industries/IndustryName.tsx';
import { EnterpriseModal } from './EnterpriseModal.tsx';
import { useEnterprises } from './useEnterprises.ts';

/** 企业库: target and local enterprises, searched by name substring or credit code on the server. */
export function EnterprisesPage() {
  const { t } = useI18n();
  const can = useCan();
  const canOnUnit = useCanOnUnit();
  const [search, setSearch] = useState('');
  const [localOnly, setLocalOnly] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [modal, setModal] = useState<{ enterprise: Enterprise | null } | null>(null);
  const enterprises = useEnterprises({
    q: search.trim() || undefined,
    isLocal: localOnly ? 'true' : undefined,
    ...page,
  });

  const columns: TableColumnsType<Enterprise> = [
    { title: t('enterprises.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('enterprises.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      render: (_value, enterprise) =>
        enterprise.creditCode ? (
          <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
            {enterprise.creditCode}
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('enterprises.division'),
      key: 'division',
      render: (_value, enterprise) => <DivisionName code={enterprise.divisionCode} />,
    },
    {
      title: t('enterprises.capitalKind'),
      key: 'capitalKind',
      width: 90,
      render: (_value, enterprise) => t(`capitalKind.${enterprise.capitalKind}`),
    },
    {
      title: t('enterprises.industry'),
      key: 'industry',
      render: (_value, enterprise) => <IndustryName code={enterprise.industryCode} />,
    },
    {
      title: t('enterprises.tags'),
      key: 'tags',
      render: (_value, enterprise) => (
        <Space size={[0, 4]} wrap>
          {enterprise.isLocal ? <Tag color="green">{t('enterprises.isLocal')}</Tag> : null}
          {enterprise.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_value, enterprise) =>
        canOnUnit('enterprise.update', enterprise.unitId) ? (
          <Button size="small" type="link" onClick={() => setModal({ enterprise })}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  if (enterprises.isError && !enterprises.data) {
    return <LoadError error={enterprises.error} onRetry={() => void enterprises.refetch()} />;
  }
  return (
    <Card
      title={t('enterprises.title')}
      extra={
        can('enterprise.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ enterprise: null })}>
            {t('enterprises.create')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('enterprises.search')}
          placeholder={t('enterprises.search')}
          style={{ width: 280 }}
          onSearch={(value) => {
            setSearch(value);
            setPage((current) => ({ ...current, page: 1 }));
          }}
        />
        <Space>
          <Switch
            id="enterprise-local-only"
            checked={localOnly}
            onChange={(checked) => {
              setLocalOnly(checked);
              setPage((current) => ({ ...current, page: 1 }));
            }}
          />
          <label htmlFor="enterprise-local-only">{t('enterprises.localOnly')}</label>
        </Space>
      </Space>
      <Table<Enterprise>
        rowKey="id"
        size="middle"
        loading={enterprises.isFetching}
        columns={columns}
        dataSource={enterprises.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: enterprises.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, pageSize) =>
            setPage({ page: pageSize === page.pageSize ? nextPage : 1, pageSize }),
        }}
      />
      <EnterpriseModal
        open={modal !== null}
        enterprise={modal?.enterprise ?? null}
        onClose={() => setModal(null)}
        onReload={(enterprise) => setModal({ enterprise })}
      />
    </Card>
  );
}
