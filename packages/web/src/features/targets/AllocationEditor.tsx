import { Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { AllocationDifference, MetricUnitKind } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';
import {
  tenantKey,
  type AllocationNode,
  type AllocationTexts,
  type ParsedAllocation,
} from './allocationModel.ts';
import { formatMetricValue, formatSignedValue, toAmountText } from './metricValue.ts';

/** 差 -10.00 亿元 (part not allocated) / 超 +2.00 亿元 (over-allocated) / 平衡, for one level. */
export function DifferenceText({
  difference,
  kind,
  balanced,
  testId,
}: {
  difference: AllocationDifference | undefined;
  kind: MetricUnitKind;
  /** Whether there is anything to balance (an amount at this level). */
  balanced: boolean;
  testId: string;
}) {
  const { t, locale } = useI18n();
  if (!difference) {
    if (!balanced) return null;
    return (
      <Typography.Text type="success" data-testid={testId}>
        <CheckCircleOutlined /> {t('targets.balanced')}
      </Typography.Text>
    );
  }
  const amount = formatSignedValue(difference.difference, kind, locale);
  return (
    <Typography.Text type="danger" strong data-testid={testId}>
      {t(difference.difference < 0 ? 'targets.short' : 'targets.over', { amount })}
    </Typography.Text>
  );
}

interface AllocationEditorProps {
  root: AllocationNode;
  texts: AllocationTexts;
  parsed: ParsedAllocation;
  kind: MetricUnitKind;
  /** Without it the breakdown is read-only. */
  onChange?: (key: string, text: string) => void;
}

/** The breakdown as a tree table: an amount per level, with what the level below adds up to. */
export function AllocationEditor({ root, texts, parsed, kind, onChange }: AllocationEditorProps) {
  const { t, locale } = useI18n();
  const { body, errors, differences } = parsed;
  const amountOf = (node: AllocationNode): number | undefined => {
    if (errors[node.key]) return undefined;
    if (node.level === 'tenant') return texts[tenantKey]?.trim() ? body.total : undefined;
    if (node.level === 'group') return body.groups.find((group) => group.groupId === node.id)?.amount;
    return body.units.find((unit) => unit.unitId === node.id)?.amount;
  };
  const testId = (node: AllocationNode) => node.key.replace(':', '-');

  const columns: TableColumnsType<AllocationNode> = [
    {
      title: t('targets.level'),
      key: 'name',
      render: (_value, node) =>
        node.level === 'unit' ? (
          node.name
        ) : (
          <Space size={6}>
            <Typography.Text strong>{node.name}</Typography.Text>
            <Tag>{t(node.level === 'tenant' ? 'targets.levelTenant' : 'targets.levelGroup')}</Tag>
          </Space>
        ),
    },
    {
      title: kind === 'money' ? t('targets.amountMoney') : t('targets.amountCount'),
      key: 'amount',
      width: 260,
      render: (_value, node) => {
        const amount = amountOf(node);
        if (!onChange) return formatMetricValue(amount ?? null, kind, locale);
        const error = errors[node.key];
        return (
          <div>
            <Input
              size="small"
              value={texts[node.key] ?? ''}
              status={error ? 'error' : undefined}
              placeholder={kind === 'money' ? t('targets.moneyPlaceholder') : t('targets.countPlaceholder')}
              aria-label={t('targets.amountFor', { name: node.name })}
              data-testid={`alloc-${testId(node)}`}
              onChange={(event) => onChange(node.key, event.target.value)}
            />
            {error ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {error}
              </Typography.Text>
            ) : kind === 'money' && amount !== undefined && toAmountText(amount, kind) !== texts[node.key] ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                = {formatMetricValue(amount, kind, locale)}
              </Typography.Text>
            ) : null}
          </div>
        );
      },
    },
    {
      title: t('targets.childrenSum'),
      key: 'children',
      width: 180,
      align: 'right',
      render: (_value, node) => {
        if (node.level === 'unit') return null;
        const actual = differences[node.key]?.actual ?? amountOf(node);
        return actual === undefined ? t('common.none') : formatMetricValue(actual, kind, locale);
      },
    },
    {
      title: t('targets.difference'),
      key: 'difference',
      width: 200,
      render: (_value, node) =>
        node.level === 'unit' ? null : (
          <DifferenceText
            difference={differences[node.key]}
            kind={kind}
            balanced={amountOf(node) !== undefined}
            testId={`diff-${testId(node)}`}
          />
        ),
    },
  ];

  return (
    <div data-testid="allocation-editor">
      <Table<AllocationNode>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={[root]}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: 760 }}
      />
    </div>
  );
}
