import { Table, Typography, type TableColumnsType } from 'antd';
import type { RowIssue } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';

/** 错误 or 提示: (区县,) (工作表,) 行号, 单元格, 列, 值, 说明 — as in the downloadable report. */
export function IssueTable({ issues, total, testId }: { issues: RowIssue[]; total: number; testId: string }) {
  const { t } = useI18n();
  const bySheet = issues.some((issue) => issue.sheet);
  const byDistrict = issues.some((issue) => issue.district);
  const columns: TableColumnsType<RowIssue> = [
    ...(byDistrict
      ? [
          {
            title: t('imports.district.name'),
            key: 'district',
            width: 100,
            render: (_value: unknown, issue: RowIssue) => issue.district ?? '',
          },
        ]
      : []),
    ...(bySheet
      ? [
          {
            title: t('imports.issue.sheet'),
            key: 'sheet',
            width: 110,
            ellipsis: true,
            render: (_value: unknown, issue: RowIssue) => issue.sheet ?? '',
          },
        ]
      : []),
    {
      title: t('imports.issue.row'),
      key: 'row',
      width: 80,
      render: (_value, issue) => (issue.row === 0 ? t('imports.issue.file') : issue.row),
    },
    { title: t('imports.issue.cell'), dataIndex: 'cell', key: 'cell', width: 80 },
    { title: t('imports.issue.column'), dataIndex: 'column', key: 'column', width: 180, ellipsis: true },
    { title: t('imports.issue.value'), dataIndex: 'value', key: 'value', width: 200, ellipsis: true },
    { title: t('imports.issue.message'), dataIndex: 'message', key: 'message' },
  ];
  return (
    <>
      {total > issues.length ? (
        <Typography.Paragraph type="secondary">
          {t('imports.issue.truncated', { shown: issues.length, total })}
        </Typography.Paragraph>
      ) : null}
      <Table<RowIssue>
        rowKey={(issue, index) =>
          `${issue.district ?? ''}-${issue.sheet ?? ''}-${issue.row}-${issue.cell}-${index ?? 0}`
        }
        size="small"
        columns={columns}
        dataSource={issues}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid={testId}
      />
    </>
  );
}
