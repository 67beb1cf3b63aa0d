import { Card, Col, Row, Statistic, theme } from 'antd';
import type { ImportSummary } from '../../api/imports.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useI18n } from '../../i18n/useT.ts';

/**
 * 项目行 · 新增 · 更新 · 未变化 · 到位资金记录 · 跳过行 · 错误 · 提示 (· 多头报送, · 待补证据, · 待审核, when
 * there are any).
 */
export function SummaryCards({ summary }: { summary: ImportSummary }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const toneColors = { danger: token.colorError, warning: token.colorWarning };
  const cards: { key: string; label: MessageKey; value: number; tone?: 'danger' | 'warning' }[] = [
    { key: 'rows', label: 'imports.sum.rows', value: summary.rows },
    { key: 'created', label: 'imports.sum.created', value: summary.projects.created },
    { key: 'updated', label: 'imports.sum.updated', value: summary.projects.updated },
    { key: 'unchanged', label: 'imports.sum.unchanged', value: summary.projects.unchanged },
    { key: 'funding', label: 'imports.sum.funding', value: summary.fundingRecords },
    { key: 'skipped', label: 'imports.sum.skipped', value: summary.skipped },
    {
      key: 'errors',
      label: 'imports.sum.errors',
      value: summary.errorCount,
      tone: summary.errorCount > 0 ? 'danger' : undefined,
    },
    {
      key: 'warnings',
      label: 'imports.sum.warnings',
      value: summary.warningCount,
      tone: summary.warningCount > 0 ? 'warning' : undefined,
    },
  ];
  const twice = summary.projects.reportedTwice ?? 0;
  if (twice > 0)
    cards.push({ key: 'reportedTwice', label: 'imports.sum.reportedTwice', value: twice, tone: 'warning' });
  const evidence = summary.evidencePending?.count ?? 0;
  if (evidence > 0)
    cards.push({
      key: 'evidencePending',
      label: 'imports.sum.evidencePending',
      value: evidence,
      tone: 'warning',
    });
  const review = summary.projects.pendingReview ?? 0;
  if (review > 0) cards.push({ key: 'pendingReview', label: 'imports.sum.pendingReview', value: review });
  return (
    <Row gutter={[12, 12]}>
      {cards.map((card) => (
        <Col key={card.key} xs={12} sm={8} lg={6} xxl={3}>
          <Card size="small" data-testid={`import-sum-${card.key}`}>
            <Statistic
              title={t(card.label)}
              value={card.value}
              styles={card.tone ? { content: { color: toneColors[card.tone] } } : undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
