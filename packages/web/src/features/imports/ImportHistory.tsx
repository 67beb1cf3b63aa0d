import { Button, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { ImportBatch, ImportListItem } from '../../api/imports.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { ImportStatusTag } from './ImportStatusTag.tsx';
import { useImportList, useOpenImport } from './useImports.ts';

/** 最近导入: the tenant's uploads, newest first; one not yet imported can be opened again. */
export function ImportHistory({ onOpen }: { onOpen: (batch: ImportBatch) => void }) {
  const { t } = useI18n();
  const list = useImportList();
  const opening = useOpenImport();
  const reportError = useReportError();
  const none = t('common.none');

  const columns: TableColumnsType<ImportListItem> = [
    { title: t('imports.filename'), dataIndex: 'filename', key: 'filename', ellipsis: true },
    {
      title: t('imports.uploadedAt'),
      key: 'createdAt',
      width: 150,
      render: (_value, item) => dayjs(item.createdAt).format('YYYY-MM-DD HH:mm'),
    },
    { title: t('imports.uploadedBy'), dataIndex: 'createdBy', key: 'createdBy', width: 110 },
    {
      title: t('common.status'),
      key: 'status',
      width: 90,
      render: (_value, item) => <ImportStatusTag status={item.status} />,
    },
    {
      title: t('imports.rows'),
      key: 'rows',
      width: 80,
      align: 'right',
      render: (_v, item) => item.rows ?? none,
    },
    {
      title: t('imports.errors'),
      key: 'errors',
      width: 80,
      align: 'right',
      render: (_v, item) =>
        item.errorCount ? (
          <Typography.Text type="danger">{item.errorCount}</Typography.Text>
        ) : (
          (item.errorCount ?? none)
        ),
    },
    {
      title: t('imports.createdUpdated'),
      key: 'projects',
      width: 110,
      render: (_v, item) => (item.projects ? `${item.projects.created} / ${item.projects.updated}` : none),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_v, item) =>
        item.status === 'committed' ? null : (
          <Button
            type="link"
            size="small"
            loading={opening.isPending && opening.variables === item.id}
            onClick={() =>
              opening.mutate(item.id, { onSuccess: onOpen, onError: (error) => reportError(error) })
            }
          >
            {t('imports.continue')}
          </Button>
        ),
    },
  ];

  return (
    <Table<ImportListItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={list.data ?? []}
      loading={list.isFetching}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('imports.noHistory') }}
      data-testid="import-history"
    />
  );
}
