import { useNavigate } from 'react-router';
import { Form, Input, Select } from 'antd';
import {
  fundsBases,
  fundsBasisLabels,
  targetMetricLabels,
  targetMetrics,
  type FundsBasis,
  type TargetMetric,
} from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { FieldIssuesError } from '../../components/payloadCheck.ts';
import { useI18n } from '../../i18n/useT.ts';
import { metricKind, parseTargetAmount } from './metricValue.ts';
import { useCreateTargetPlan } from './useTargets.ts';

interface TargetValues {
  metric: TargetMetric;
  basis?: FundsBasis;
  total: string;
}

interface TargetCreateModalProps {
  open: boolean;
  year: number;
  /** Only when the plan is for a tenant other than the user's own. */
  tenantId?: string;
  onClose: () => void;
}

/** 新建目标: metric, 口径 (funds only) and the yearly total; the breakdown comes next, on the plan's page. */
export function TargetCreateModal({ open, year, tenantId, onClose }: TargetCreateModalProps) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<TargetValues>();
  const create = useCreateTargetPlan();
  const metric = Form.useWatch('metric', form) ?? 'funds_in_place';
  const kind = metricKind(metric);

  async function submit(values: TargetValues) {
    const parsed = parseTargetAmount(values.total, metricKind(values.metric), locale);
    if (parsed.state !== 'ok') return;
    const basis = values.metric === 'funds_in_place' ? (values.basis ?? 'all') : 'all';
    try {
      const plan = await create.mutateAsync({
        year,
        metric: values.metric,
        basis,
        total: parsed.value,
        tenantId,
      });
      void navigate(`/targets/${plan.id}`);
    } catch (error) {
      if (!isApiError(error) || error.code !== 'duplicate') throw error;
      // One plan per year, metric and 口径: say so on the field rather than in a toast.
      const message = t('targets.duplicate', { year });
      throw new FieldIssuesError([{ name: ['metric'], errors: [message] }], message);
    }
  }

  return (
    <FormModal<TargetValues>
      open={open}
      name="targetCreate"
      title={t('targets.createTitle', { year })}
      form={form}
      initialValues={{ metric: 'funds_in_place', basis: 'all' }}
      okText={t('common.create')}
      onClose={onClose}
      onSubmit={submit}
    >
      <Form.Item name="metric" label={t('targets.metric')} required>
        <Select
          options={targetMetrics.map((value) => ({ value, label: targetMetricLabels[value][locale] }))}
        />
      </Form.Item>
      {metric === 'funds_in_place' ? (
        <Form.Item name="basis" label={t('targets.basis')} required>
          <Select options={fundsBases.map((value) => ({ value, label: fundsBasisLabels[value][locale] }))} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="total"
        label={t('targets.total')}
        required
        dependencies={['metric']}
        extra={kind === 'money' ? t('targets.totalMoneyHelp') : t('targets.totalCountHelp')}
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              const parsed = parseTargetAmount(typeof value === 'string' ? value : '', kind, locale);
              if (parsed.state === 'empty') throw new Error(t('validation.required'));
              if (parsed.state === 'bad') throw new Error(parsed.message);
            },
          },
        ]}
      >
        <Input
          placeholder={kind === 'money' ? t('targets.moneyPlaceholder') : t('targets.countPlaceholder')}
          data-testid="target-total"
        />
      </Form.Item>
    </FormModal>
  );
}
