import { Link } from 'react-router';
import { Button, Checkbox, Popover, Space, Table, Typography, type TableColumnType } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { regionLabels, toShanghaiDate, type ProjectQuery } from '@landfall/domain';
import type { LibraryItem, LibraryPage } from '../../api/library-types.ts';
import type { Group, Unit } from '../../api/types.ts';
import { Amount } from '../../components/Amount.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { IndustryName } from '../industries/IndustryName.tsx';
import { useFocusIndustries } from '../industries/useIndustries.ts';
import { DuplicateTag, StageTag, StaleTag, EvidenceTag } from './StageTag.tsx';
import { useColumnChoice } from './useColumnChoice.ts';
import type { LibraryParams } from './useLibraryParams.ts';

type SortField = ProjectQuery['sort'];
type Column = TableColumnType<LibraryItem> & { key: string; sortField?: SortField };
type SortOrder = NonNullable<TableColumnType<LibraryItem>['sortOrder']>;

const defaultColumns = [
  'stage',
  'unit',
  'investorNames',
  'agreedInvestment',
  'fundsInPlace',
  'industry',
  'region',
  'lastEntryOn',
  'contact',
];

interface ProjectTableProps {
  params: LibraryParams;
  page: LibraryPage | undefined;
  loading: boolean;
  units: Unit[];
  groups: Group[];
  /** The reader's library spans several 区县 (a city's or province's): a 区县 column after the name. */
  showDistrict: boolean;
  /** Appended to project links: keeps the as-of date. */
  linkSearch: string;
}

/** The library as a server-paged, server-sorted table with a column chooser. */
export function ProjectTable(props: ProjectTableProps) {
  const { params, page, loading, units, groups, showDistrict, linkSearch } = props;
  const { t, locale } = useI18n();
  const focus = useFocusIndustries();
  const { query, update } = params;
  const nameOf = (list: { id: string; name: string }[], id: string | null) =>
    list.find((entry) => entry.id === id)?.name ?? t('common.none');
  const amount = (fen: number) => <Amount fen={fen} />;
  const sortField = query.sort ?? 'lastEntryOn';
  const sortOrder: SortOrder = (query.order ?? 'desc') === 'asc' ? 'ascend' : 'descend';

  const optional: Column[] = [
    {
      key: 'stage',
      sortField: 'stage',
      title: t('field.stage'),
      render: (_v, p) => <StageTag stage={p.stage} />,
    },
    {
      key: 'unit',
      title: t('field.unitId'),
      render: (_v, p) => p.unitName || nameOf(units, p.unitId),
    },
    { key: 'group', title: t('field.groupId'), render: (_v, p) => nameOf(groups, p.groupId) },
    {
      key: 'investorNames',
      title: t('field.investorNames'),
      render: (_v, p) => p.investorNames || t('common.none'),
    },
    {
      key: 'agreedInvestment',
      sortField: 'agreedInvestment',
      title: t('field.agreedInvestmentFen'),
      align: 'right',
      render: (_v, p) => amount(p.agreedInvestmentFen),
    },
    {
      key: 'fixedAsset',
      title: t('field.fixedAssetFen'),
      align: 'right',
      render: (_v, p) => amount(p.fixedAssetFen),
    },
    {
      key: 'fundsInPlace',
      sortField: 'fundsInPlace',
      title: t('field.fundsInPlaceFen'),
      align: 'right',
      render: (_v, p) => amount(p.fundsInPlaceFen),
    },
    {
      key: 'industry',
      title: t('field.industryCode'),
      render: (_v, p) => <IndustryName code={p.industryCode} />,
    },
    {
      key: 'focusIndustry',
      title: t('field.focusIndustryId'),
      render: (_v, p) => nameOf(focus.data ?? [], p.focusIndustryId),
    },
    {
      key: 'region',
      title: t('field.region'),
      render: (_v, p) => (p.region ? regionLabels[p.region][locale] : t('common.none')),
    },
    {
      key: 'signedOn',
      sortField: 'signedOn',
      title: t('field.signedOn'),
      render: (_v, p) => p.signedOn ?? '—',
    },
    { key: 'stageOn', title: t('field.stageOn'), render: (_v, p) => p.stageOn },
    {
      key: 'lastEntryOn',
      sortField: 'lastEntryOn',
      title: t('field.lastEntryOn'),
      render: (_v, p) => p.lastEntryOn,
    },
    {
      key: 'contact',
      title: t('field.contact'),
      render: (_v, p) =>
        p.contactName || p.contactPhone ? `${p.contactName} ${p.contactPhone}`.trim() : '—',
    },
    { key: 'leaderInCharge', title: t('field.leaderInCharge'), render: (_v, p) => p.leaderInCharge || '—' },
    {
      key: 'createdAt',
      sortField: 'createdAt',
      title: t('field.createdAt'),
      render: (_v, p) => toShanghaiDate(new Date(p.createdAt)),
    },
  ];
  const [chosen, choose] = useColumnChoice(
    'landfall.libraryColumns',
    optional.map((column) => column.key),
    defaultColumns,
  );

  const nameColumn: Column = {
    key: 'name',
    sortField: 'name',
    title: t('field.name'),
    fixed: 'left',
    render: (_v, p) => (
      <Space size={4} wrap={false}>
        <Link to={`/projects/${p.id}${linkSearch}`}>{p.name}</Link>
        {p.stale ? <StaleTag /> : null}
        {p.duplicate ? <DuplicateTag /> : null}
        <EvidenceTag missing={p.evidenceMissing ?? []} />
      </Space>
    ),
  };
  const districtColumn: Column = {
    key: 'tenant',
    sortField: 'tenant',
    title: t('field.district'),
    render: (_v, p) => p.tenantName,
  };
  const fixedColumns = showDistrict ? [nameColumn, districtColumn] : [nameColumn];
  const columns = [...fixedColumns, ...optional.filter((column) => chosen.includes(column.key))].map(
    ({ sortField: field, ...column }): TableColumnType<LibraryItem> => ({
      ...column,
      sorter: field !== undefined,
      sortOrder: field !== undefined && field === sortField ? sortOrder : null,
      sortDirections: ['ascend', 'descend'],
    }),
  );
  const sortFieldOf = (key: unknown) =>
    [...fixedColumns, ...optional].find((column) => column.key === key)?.sortField;

  const chooser = (
    <Checkbox.Group
      value={chosen}
      onChange={(keys) => choose(keys.map(String))}
      style={{ display: 'grid', gap: 6 }}
      options={optional.map((column) => ({ value: column.key, label: column.title as string }))}
    />
  );

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        <Popover content={chooser} trigger="click" placement="bottomRight" title={t('projects.columns')}>
          <Button icon={<SettingOutlined />}>{t('projects.columns')}</Button>
        </Popover>
      </div>
      <Table<LibraryItem>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={page?.items}
        scroll={{ x: 'max-content' }}
        rowClassName={(p) => (p.stale ? 'row-stale' : '')}
        locale={{ emptyText: t('projects.empty') }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort' && !Array.isArray(sorter)) {
            const field = sortFieldOf(sorter.columnKey);
            update({
              sort: sorter.order ? field : undefined,
              order: sorter.order ? (sorter.order === 'ascend' ? 'asc' : 'desc') : undefined,
            });
            return;
          }
          const pageSize = pagination.pageSize ?? 20;
          update({ page: pageSize === query.pageSize ? (pagination.current ?? 1) : 1, pageSize });
        }}
        pagination={{
          current: query.page ?? 1,
          pageSize: query.pageSize ?? 20,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('projects.staleHelp')}
      </Typography.Text>
    </>
  );
}
