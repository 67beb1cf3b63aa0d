import { Link } from 'react-router';
import { Table, type TableColumnsType } from 'antd';
import type { MetricUnitKind } from '@landfall/domain';
import type { GroupScore } from '../../api/dashboard.ts';
import { useI18n } from '../../i18n/useT.ts';
import { projectsLink } from './drillDown.ts';
import { scoreColumns } from './scoreColumns.tsx';

/** 工作组: each working group against its share; groups with neither target nor result are left out. */
export function GroupSummary({
  groups,
  kind,
  asOf,
}: {
  groups: GroupScore[];
  kind: MetricUnitKind;
  asOf: string | undefined;
}) {
  const { t, locale } = useI18n();
  const columns: TableColumnsType<GroupScore> = [
    {
      title: t('common.group'),
      key: 'name',
      render: (_v, group) => <Link to={projectsLink({ groupId: group.groupId }, asOf)}>{group.name}</Link>,
    },
    ...scoreColumns<GroupScore>(kind, t, locale, (group) => `group-light-${group.groupId}`),
  ];
  return (
    <Table<GroupScore>
      size="small"
      rowKey="groupId"
      columns={columns}
      dataSource={groups.filter((group) => group.target !== null || group.actual > 0)}
      pagination={false}
      scroll={{ x: 700 }}
    />
  );
}
