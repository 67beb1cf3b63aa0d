import { App, AutoComplete, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import {
  leadAssessSchema,
  leadCloseSchema,
  leadInputSchema,
  leadSourceSuggestions,
  leadUpdateSchema,
} from '@landfall/domain';
import type { Lead } from '../../api/library-types.ts';
import type { Unit } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField, fenToWanText, isFutureDay, wanTextToFen } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useFieldRules } from '../../components/useFieldRules.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.tsx';
import { useAssessLead, useCloseLead, useCreateLead, useUpdateLead } from './useLeads.ts';

interface LeadValues {
  title: string;
  unitId?: string;
  source?: string;
  referrer?: string;
  referrerEnterpriseId?: string | null;
  investorEnterpriseId?: string | null;
  investorName?: string;
  intention?: string;
  estimatedAmountFen?: string;
  needs?: string;
  reportedOn?: string | null;
}

function toValues(lead: Lead | null, unitId: string | undefined): Partial<LeadValues> {
  if (!lead) return { unitId };
  return {
    title: lead.title,
    unitId: lead.unitId,
    source: lead.source,
    referrer: lead.referrer,
    referrerEnterpriseId: lead.referrerEnterpriseId,
    investorEnterpriseId: lead.investorEnterpriseId,
    investorName: lead.investorName,
    intention: lead.intention,
    estimatedAmountFen: fenToWanText(lead.estimatedAmountFen),
    needs: lead.needs,
    reportedOn: lead.reportedOn,
  };
}

/** 报送 / 编辑招商信息. `lead` null with `open` = a new report. */
export function LeadFormModal(props: {
  open: boolean;
  lead: Lead | null;
  units: Unit[];
  onClose: () => void;
  onReload: (lead: Lead) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const rules = useFieldRules();
  const { data: me } = useMe();
  const [form] = Form.useForm<LeadValues>();
  const create = useCreateLead();
  const update = useUpdateLead();
  const { lead } = props;
  const half = { xs: 24, md: 12 };

  return (
    <FormModal<LeadValues, Lead>
      open={props.open}
      name="lead"
      width={760}
      title={lead ? t('leads.editTitle') : t('leads.createTitle')}
      form={form}
      initialValues={toValues(lead, me?.unitId ?? undefined)}
      onClose={props.onClose}
      onStale={(current) => {
        props.onReload(current);
        form.setFieldsValue(toValues(current, undefined));
      }}
      onSubmit={async (values) => {
        const fields = {
          title: values.title,
          unitId: values.unitId,
          source: values.source ?? '',
          referrer: values.referrer ?? '',
          referrerEnterpriseId: values.referrerEnterpriseId ?? null,
          investorEnterpriseId: values.investorEnterpriseId ?? null,
          investorName: values.investorName ?? '',
          intention: values.intention ?? '',
          estimatedAmountFen: wanTextToFen(values.estimatedAmountFen) ?? null,
          needs: values.needs ?? '',
        };
        if (lead) {
          const input = checkPayload(leadUpdateSchema, { ...fields, version: lead.version }, t, locale);
          await update.mutateAsync({ id: lead.id, input });
          void message.success(t('common.saved'));
        } else {
          const input = checkPayload(
            leadInputSchema,
            { ...fields, reportedOn: values.reportedOn ?? undefined },
            t,
            locale,
          );
          await create.mutateAsync(input);
          void message.success(t('common.created'));
        }
      }}
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            name="title"
            label={t('leads.titleField')}
            required
            rules={[rule(leadInputSchema.shape.title)]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="unitId"
            label={t('leads.unit')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              disabled={me?.role === 'unit_staff' || lead !== null}
              showSearch={{ optionFilterProp: 'label' }}
              options={props.units.map((unit) => ({
                value: unit.id,
                label: unit.name,
                disabled: !unit.active,
              }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="reportedOn" label={t('leads.reportedOn')} {...dateTextField}>
            <DatePicker disabled={lead !== null} disabledDate={isFutureDay} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="source" label={t('leads.source')}>
            <AutoComplete
              maxLength={100}
              options={leadSourceSuggestions.map((source) => ({ value: source }))}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="referrer" label={t('leads.referrer')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="investorName" label={t('leads.investorName')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="investorEnterpriseId" label={t('leads.investorEnterprise')}>
            <EnterpriseSelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="referrerEnterpriseId" label={t('leads.referrerEnterprise')}>
            <EnterpriseSelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="estimatedAmountFen"
            label={t('leads.estimatedAmount')}
            extra={t('leads.amountHelp')}
            rules={[rules.amount()]}
          >
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="intention" label={t('leads.intention')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="needs" label={t('leads.needs')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

/** 研判 (assess) or 关闭 (close): one text, sent to the lead. */
export function LeadTextModal(props: { lead: Lead | null; kind: 'assess' | 'close'; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const [form] = Form.useForm<{ text: string }>();
  const assess = useAssessLead();
  const close = useCloseLead();
  const { lead, kind } = props;
  const assessing = kind === 'assess';
  return (
    <FormModal<{ text: string }>
      open={lead !== null}
      name={assessing ? 'leadAssess' : 'leadClose'}
      title={t(assessing ? 'leads.assessTitle' : 'leads.closeTitle', { title: lead?.title ?? '' })}
      okText={t(assessing ? 'leads.assessSubmit' : 'leads.closeSubmit')}
      form={form}
      initialValues={assessing && lead ? { text: lead.assessment } : {}}
      onClose={props.onClose}
      onSubmit={async ({ text }) => {
        if (!lead) return;
        if (assessing) {
          const { assessment } = checkPayload(leadAssessSchema, { assessment: text }, t, locale, () => [
            'text',
          ]);
          await assess.mutateAsync({ id: lead.id, assessment });
          void message.success(t('leads.assessed'));
        } else {
          const { reason } = checkPayload(leadCloseSchema, { reason: text }, t, locale, () => ['text']);
          await close.mutateAsync({ id: lead.id, reason });
          void message.success(t('leads.closed'));
        }
      }}
    >
      <Form.Item
        name="text"
        label={t(assessing ? 'leads.assessment' : 'leads.closeReason')}
        required
        rules={[rule(assessing ? leadAssessSchema.shape.assessment : leadCloseSchema.shape.reason)]}
      >
        <Input.TextArea rows={4} maxLength={assessing ? 2000 : 500} showCount />
      </Form.Item>
    </FormModal>
  );
}
