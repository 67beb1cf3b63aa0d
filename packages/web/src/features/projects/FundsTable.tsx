import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatAmount, fundingSourceLabels, sumFen } from '@landfall/domain';
import type { LedgerEntry } from '../../api/library-types.ts';
import { useI18n } from '../../i18n/useT.ts';

interface FundsRow {
  entry: LedgerEntry;
  amountFen: number;
  cumulativeFen: number;
}

/** The funding entries and their reversals, oldest first, with the running total. */
export function fundsRows(entries: LedgerEntry[]): FundsRow[] {
  const rows = entries
    .filter((entry) => entry.amountFen !== null && (entry.kind === 'funding' || entry.kind === 'correction'))
    .sort((a, b) => (a.effectiveOn === b.effectiveOn ? a.id - b.id : a.effectiveOn < b.effectiveOn ? -1 : 1));
  let cumulative = 0;
  return rows.map((entry) => {
    const amountFen = entry.amountFen ?? 0;
    cumulative = sumFen([cumulative, amountFen]);
    return { entry, amountFen, cumulativeFen: cumulative };
  });
}

/** 到位资金: date, amount, source, capital kind, cumulative. */
export function FundsTable({ entries }: { entries: LedgerEntry[] }) {
  const { t, locale } = useI18n();
  const rows = fundsRows(entries);
  const columns: TableColumnsType<FundsRow> = [
    {
      title: t('funds.date'),
      key: 'date',
      render: (_v, row) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {row.entry.effectiveOn}
          {row.entry.payload.undated === true ? (
            <Tag style={{ marginInlineStart: 8 }}>{t('funds.undated')}</Tag>
          ) : null}
          {typeof row.entry.payload.lateFor === 'string' ? (
            <Tag color="purple" style={{ marginInlineStart: 8 }}>
              {t('closing.lateFor', { date: row.entry.payload.lateFor })}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('funds.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, row) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {row.entry.kind === 'correction' ? <Tag color="red">{t('funds.reversal')}</Tag> : null}
          {formatAmount(row.amountFen, locale)}
        </span>
      ),
    },
    {
      title: t('funds.source'),
      key: 'source',
      render: (_v, row) =>
        row.entry.fundingSource ? fundingSourceLabels[row.entry.fundingSource][locale] : '—',
    },
    {
      title: t('funds.capitalKind'),
      key: 'capitalKind',
      render: (_v, row) => (row.entry.capitalKind ? t(`capitalKind.${row.entry.capitalKind}`) : '—'),
    },
    {
      title: t('funds.cumulative'),
      key: 'cumulative',
      align: 'right',
      render: (_v, row) => (
        <Typography.Text strong>{formatAmount(row.cumulativeFen, locale)}</Typography.Text>
      ),
    },
  ];
  return (
    <Table<FundsRow>
      rowKey={(row) => row.entry.id}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('detail.noFunds') }}
    />
  );
}
