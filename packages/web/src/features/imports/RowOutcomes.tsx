import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ImportSummary, RowOutcome } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';

type Item = ImportSummary['items'][number];

const colors: Record<RowOutcome, string> = {
  new: 'green',
  changed: 'blue',
  unchanged: 'default',
  error: 'red',
};

/** 逐行结果: each project row — 新增, 更新 (with the fields that change) or 未变化. */
export function RowOutcomes({ summary }: { summary: ImportSummary }) {
  const { t } = useI18n();
  const bySheet = summary.items.some((item) => item.sheet);
  const byDistrict = summary.items.some((item) => item.district);
  const columns: TableColumnsType<Item> = [
    ...(byDistrict
      ? [{ title: t('imports.district.name'), dataIndex: 'district', key: 'district', width: 100 }]
      : []),
    ...(bySheet
      ? [{ title: t('imports.issue.sheet'), dataIndex: 'sheet', key: 'sheet', width: 110, ellipsis: true }]
      : []),
    { title: t('imports.issue.row'), dataIndex: 'row', key: 'row', width: 80 },
    { title: t('imports.projectName'), dataIndex: 'name', key: 'name', ellipsis: true },
    {
      title: t('imports.outcome'),
      key: 'outcome',
      width: 100,
      render: (_value, item) => (
        <Tag color={colors[item.outcome]}>{t(`imports.outcome.${item.outcome}`)}</Tag>
      ),
    },
    {
      title: t('imports.changes'),
      key: 'changes',
      render: (_value, item) => item.changes.join('、') || t('common.none'),
    },
  ];
  return (
    <>
      {summary.rows > summary.items.length ? (
        <Typography.Paragraph type="secondary">
          {t('imports.itemsTruncated', { shown: summary.items.length, total: summary.rows })}
        </Typography.Paragraph>
      ) : null}
      <Table<Item>
        rowKey={(item) => `${item.district ?? ''}-${item.sheet ?? ''}-${item.row}`}
        size="small"
        columns={columns}
        dataSource={summary.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="import-items"
      />
    </>
  );
}
