import { Button, Table, type TableColumnsType } from 'antd';
import type { MetricUnitKind } from '@landfall/domain';
import type { DistrictScore } from '../../api/dashboard.ts';
import { useI18n } from '../../i18n/useT.ts';
import { scoreColumns } from './scoreColumns.tsx';

/** 区县赛马榜 for a city or province: its districts ranked; a district opens its own dashboard. */
export function DistrictRanking({
  districts,
  kind,
  onOpen,
}: {
  districts: DistrictScore[];
  kind: MetricUnitKind;
  onOpen: (tenantId: string) => void;
}) {
  const { t, locale } = useI18n();
  const columns: TableColumnsType<DistrictScore> = [
    { title: t('dashboard.rank'), dataIndex: 'rank', key: 'rank', width: 64, align: 'center' },
    {
      title: t('dashboard.district'),
      key: 'name',
      render: (_v, district) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => onOpen(district.tenantId)}
          data-testid={`district-${district.tenantId}`}
        >
          {district.name}
        </Button>
      ),
    },
    ...scoreColumns<DistrictScore>(kind, t, locale, (district) => `district-light-${district.tenantId}`),
  ];
  return (
    <Table<DistrictScore>
      size="small"
      rowKey="tenantId"
      columns={columns}
      dataSource={districts}
      pagination={false}
      scroll={{ x: 760 }}
    />
  );
}
