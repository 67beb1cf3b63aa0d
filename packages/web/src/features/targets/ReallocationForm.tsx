import { useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, Row, Space, Typography } from 'antd';
import type { Allocation, AllocationDifference } from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import type { TargetPlan } from '../../api/targets.ts';
import { dateTextField } from '../../components/formats.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AllocationEditor } from './AllocationEditor.tsx';
import { AllocationSummary } from './AllocationSummary.tsx';
import { differencesFromDetails, type AllocationNode } from './allocationModel.ts';
import { metricKind } from './metricValue.ts';
import { useAllocationForm } from './useAllocationForm.ts';
import { useReallocateTargetPlan } from './useTargets.ts';

interface ReallocationValues {
  effectiveFrom?: string | null;
  reason?: string;
}

interface ReallocationFormProps {
  plan: TargetPlan;
  root: AllocationNode;
  /** The allocation in force: the form starts from it. */
  current: Allocation;
  /** The earliest date allowed: the latest revision's. */
  earliest: string;
  today: string;
  onDone: () => void;
}

/** 年中调整: a new dated breakdown with a required reason; it must add up before it can be sent. */
export function ReallocationForm({ plan, root, current, earliest, today, onDone }: ReallocationFormProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const kind = metricKind(plan.metric);
  const allocation = useAllocationForm(current, root, kind);
  const reallocate = useReallocateTargetPlan();
  const [form] = Form.useForm<ReallocationValues>();
  const [serverDifferences, setServerDifferences] = useState<AllocationDifference[]>([]);
  const yearEnd = `${plan.year}-12-31`;
  const initialDate = [earliest, today < yearEnd ? today : yearEnd].sort().at(-1) ?? earliest;
  const effectiveFrom = Form.useWatch('effectiveFrom', form);
  const reason = Form.useWatch('reason', form);
  const ready = allocation.parsed.ok && !!effectiveFrom && !!reason?.trim();

  function submit(values: ReallocationValues) {
    if (!values.effectiveFrom || !values.reason) return;
    setServerDifferences([]);
    reallocate.mutate(
      {
        id: plan.id,
        input: {
          ...allocation.parsed.body,
          effectiveFrom: values.effectiveFrom,
          reason: values.reason.trim(),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('targets.reallocated'));
          onDone();
        },
        onError: (error) => {
          setServerDifferences(isApiError(error) ? differencesFromDetails(error.details) : []);
          reportError(error, form);
        },
      },
    );
  }

  return (
    <Form<ReallocationValues>
      form={form}
      name="reallocate"
      layout="vertical"
      initialValues={{ effectiveFrom: initialDate, reason: '' }}
      onFinish={submit}
    >
      <Typography.Paragraph type="secondary">{t('targets.reallocateIntro')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="effectiveFrom"
            label={t('targets.effectiveFrom')}
            required
            extra={t('targets.effectiveFromHelp', { year: plan.year, last: earliest })}
            rules={[{ required: true, message: t('validation.required') }]}
            {...dateTextField}
          >
            <DatePicker
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(day) => {
                const text = day.format('YYYY-MM-DD');
                return text < earliest || text > yearEnd;
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="reason"
            label={t('targets.reason')}
            required
            rules={[{ required: true, whitespace: true, message: t('targets.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount data-testid="reallocate-reason" />
          </Form.Item>
        </Col>
      </Row>
      <AllocationSummary
        root={root}
        parsed={allocation.parsed}
        kind={kind}
        serverDifferences={serverDifferences}
      />
      <AllocationEditor
        root={root}
        texts={allocation.texts}
        parsed={allocation.parsed}
        kind={kind}
        onChange={allocation.setText}
      />
      <Space style={{ marginTop: 16 }}>
        <Button
          type="primary"
          htmlType="submit"
          disabled={!ready}
          loading={reallocate.isPending}
          data-testid="reallocate-submit"
        >
          {t('targets.reallocateSubmit')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
