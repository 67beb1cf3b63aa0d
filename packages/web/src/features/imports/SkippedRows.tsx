import { Collapse, List, Tag } from 'antd';
import type { ImportSummary, SkippedKind } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';

const colors: Record<SkippedKind, string> = {
  section: 'blue',
  total: 'purple',
  note: 'default',
  header: 'orange',
};

/** The rows read but not imported: section titles (一、在谈项目), totals (合计), notes (注：…), repeated headers. */
export function SkippedRows({ rows }: { rows: ImportSummary['skippedRows'] }) {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  return (
    <Collapse
      size="small"
      data-testid="import-skipped"
      items={[
        {
          key: 'skipped',
          label: t('imports.skippedRows', { n: rows.length }),
          children: (
            <List
              size="small"
              dataSource={rows}
              renderItem={(row) => (
                <List.Item>
                  <span>
                    {row.sheet ? `${row.sheet} ` : ''}
                    {t('imports.rowNumbers', { rows: row.row })}{' '}
                    <Tag color={colors[row.kind]}>{t(`imports.skip.${row.kind}`)}</Tag>
                    {row.text}
                  </span>
                </List.Item>
              )}
            />
          ),
        },
      ]}
    />
  );
}
