import { Alert, Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ImportDistrictOutcome } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';

/**
 * A roll-up table (a city's or province's, by 区县): each district's rows and outcome, and the
 * districts the file names that do not exist yet — created (with their 投资促进局) only when the
 * person agrees, which re-runs the preview with createUnits.
 */
export function DistrictOutcomes({
  districts,
  newDistricts,
  creating,
  busy,
  onCreate,
}: {
  districts: ImportDistrictOutcome[] | undefined;
  newDistricts: string[] | undefined;
  creating: boolean;
  busy: boolean;
  onCreate: () => void;
}) {
  const { t } = useI18n();
  if (!districts) return null;
  const fresh = newDistricts ?? [];
  const columns: TableColumnsType<ImportDistrictOutcome> = [
    {
      title: t('imports.district.name'),
      key: 'name',
      render: (_value, d) => (
        <Space size={4}>
          {d.name}
          {d.created ? <Tag color={creating ? 'green' : 'orange'}>{t('imports.district.new')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('imports.sum.rows'), dataIndex: 'rows', key: 'rows', width: 90 },
    {
      title: t('imports.sum.created'),
      key: 'created',
      width: 90,
      render: (_value, d) => d.projects.created,
    },
    {
      title: t('imports.sum.updated'),
      key: 'updated',
      width: 90,
      render: (_value, d) => d.projects.updated,
    },
    {
      title: t('imports.sum.unchanged'),
      key: 'unchanged',
      width: 90,
      render: (_value, d) => d.projects.unchanged,
    },
    {
      title: t('imports.sum.errors'),
      key: 'errors',
      width: 90,
      render: (_value, d) =>
        d.errorCount > 0 ? <Typography.Text type="danger">{d.errorCount}</Typography.Text> : 0,
    },
  ];
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('imports.district.title', { n: districts.length })}
      </Typography.Title>
      {fresh.length > 0 ? (
        <Alert
          type={creating ? 'info' : 'warning'}
          showIcon
          data-testid="import-new-districts"
          title={
            creating
              ? t('imports.district.willCreate', { n: fresh.length })
              : t('imports.district.missing', { n: fresh.length })
          }
          description={
            <Space wrap size={[4, 8]}>
              {fresh.map((name) => (
                <Tag key={name}>{name}</Tag>
              ))}
            </Space>
          }
          action={
            creating ? null : (
              <Button size="small" loading={busy} onClick={onCreate}>
                {t('imports.district.createAndPreview')}
              </Button>
            )
          }
        />
      ) : null}
      <Table<ImportDistrictOutcome>
        rowKey="name"
        size="small"
        columns={columns}
        dataSource={districts}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="import-districts"
      />
    </Space>
  );
}
