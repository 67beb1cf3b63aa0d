import { useMemo, useState } from 'react';
import { Button, Card, Space } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { shanghaiToday } from '@landfall/domain';
import type { TargetPlan } from '../../api/targets.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AllocationEditor } from './AllocationEditor.tsx';
import { allocationToTexts, parseAllocation, type AllocationNode } from './allocationModel.ts';
import { metricKind } from './metricValue.ts';
import { ReallocationForm } from './ReallocationForm.tsx';
import { RevisionHistory } from './RevisionHistory.tsx';

interface TargetFinalCardProps {
  plan: TargetPlan;
  root: AllocationNode;
  canWrite: boolean;
}

/** A plan already released: the breakdown in force, its history, and 年中调整. */
export function TargetFinalCard({ plan, root, canWrite }: TargetFinalCardProps) {
  const { t, locale } = useI18n();
  const [adjusting, setAdjusting] = useState(false);
  const kind = metricKind(plan.metric);
  const latest = plan.revisions.at(-1);
  const current = latest?.allocation ?? plan.draft;
  const texts = useMemo(() => allocationToTexts(current, kind), [current, kind]);
  const parsed = useMemo(() => parseAllocation(root, texts, kind, locale), [root, texts, kind, locale]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          adjusting
            ? t('targets.reallocateTitle')
            : t('targets.currentAllocation', { date: latest?.effectiveFrom ?? '—' })
        }
        extra={
          canWrite && !adjusting ? (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setAdjusting(true)}
              data-testid="target-reallocate"
            >
              {t('targets.reallocate')}
            </Button>
          ) : null
        }
      >
        {adjusting ? (
          <ReallocationForm
            plan={plan}
            root={root}
            current={current}
            earliest={latest?.effectiveFrom ?? `${plan.year}-01-01`}
            today={shanghaiToday(new Date())}
            onDone={() => setAdjusting(false)}
          />
        ) : (
          <AllocationEditor root={root} texts={texts} parsed={parsed} kind={kind} />
        )}
      </Card>
      <Card title={t('targets.history')}>
        <RevisionHistory plan={plan} />
      </Card>
    </Space>
  );
}
