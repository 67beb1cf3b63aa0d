import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { evidenceItemLabels, isEvidenceItem, stageLabels } from '@landfall/domain';
import type { EvidencePendingItem, ImportSummary } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';
import { StageTag } from '../projects/StageTag.tsx';

/**
 * 待补证据: rows whose project will stand at its stage without the evidence the stage move needs
 * (a sheet at 开工 without 开工时间). They are imported and marked; the evidence is recorded on
 * the project page afterwards (补录证据).
 */
export function EvidencePendingTable({ pending }: { pending: ImportSummary['evidencePending'] }) {
  const { t, locale } = useI18n();
  if (!pending || pending.count === 0) return null;
  const bySheet = pending.items.some((item) => item.sheet);
  const columns: TableColumnsType<EvidencePendingItem> = [
    ...(bySheet
      ? [{ title: t('imports.issue.sheet'), dataIndex: 'sheet', key: 'sheet', width: 110, ellipsis: true }]
      : []),
    { title: t('imports.issue.row'), dataIndex: 'row', key: 'row', width: 80 },
    { title: t('imports.projectName'), dataIndex: 'name', key: 'name', ellipsis: true },
    {
      title: t('imports.evidence.stage'),
      key: 'stage',
      width: 100,
      render: (_value, item) =>
        item.stage in stageLabels ? <StageTag stage={item.stage} /> : String(item.stage),
    },
    {
      title: t('imports.evidence.missing'),
      key: 'missing',
      render: (_value, item) =>
        item.missing.map((m) => (
          <Tag key={m} color="volcano">
            {isEvidenceItem(m) ? evidenceItemLabels[m][locale] : m}
          </Tag>
        )),
    },
  ];
  return (
    <>
      {pending.count > pending.items.length ? (
        <Typography.Paragraph type="secondary">
          {t('imports.evidence.truncated', { shown: pending.items.length, total: pending.count })}
        </Typography.Paragraph>
      ) : null}
      <Table<EvidencePendingItem>
        rowKey={(item) => `${item.sheet ?? ''}-${item.row}-${item.name}`}
        size="small"
        columns={columns}
        dataSource={pending.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="import-evidence-pending"
      />
    </>
  );
}
