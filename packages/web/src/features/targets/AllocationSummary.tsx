import { Alert } from 'antd';
import type { AllocationDifference, MetricUnitKind } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';
import { differenceKey, flattenTree, type AllocationNode, type ParsedAllocation } from './allocationModel.ts';
import { formatMetricValue, formatSignedValue } from './metricValue.ts';

interface AllocationSummaryProps {
  root: AllocationNode;
  parsed: ParsedAllocation;
  kind: MetricUnitKind;
  /** `details.differences` of the server's last 400, shown until the next attempt. */
  serverDifferences?: AllocationDifference[];
}

/** Whether the breakdown adds up, and where it does not — the browser's check and the server's. */
export function AllocationSummary({ root, parsed, kind, serverDifferences = [] }: AllocationSummaryProps) {
  const { t, locale } = useI18n();
  const names = new Map(flattenTree(root).map((node) => [node.key, node.name]));
  const describe = (difference: AllocationDifference) =>
    t('targets.diffLine', {
      name: names.get(differenceKey(difference)) ?? t('common.none'),
      actual: formatMetricValue(difference.actual, kind, locale),
      expected: formatMetricValue(difference.expected, kind, locale),
      diff: t(difference.difference < 0 ? 'targets.short' : 'targets.over', {
        amount: formatSignedValue(difference.difference, kind, locale),
      }),
    });
  const local = Object.values(parsed.differences);
  const errorCount = Object.keys(parsed.errors).length;
  return (
    <div data-testid="allocation-summary" style={{ marginBottom: 12 }}>
      {serverDifferences.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="server-differences"
          style={{ marginBottom: 8 }}
          title={t('targets.serverDifferences')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {serverDifferences.map((difference) => (
                <li key={differenceKey(difference)}>{describe(difference)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {parsed.ok ? (
        <Alert type="success" showIcon title={t('targets.summaryOk')} />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={
            errorCount > 0
              ? t('targets.summaryInvalid', { n: errorCount })
              : t('targets.summaryBad', { n: local.length })
          }
          description={
            local.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {local.map((difference) => (
                  <li key={differenceKey(difference)}>{describe(difference)}</li>
                ))}
              </ul>
            ) : null
          }
        />
      )}
    </div>
  );
}
