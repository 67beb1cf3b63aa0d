import { App, Form, Input, Radio, Select, Switch } from 'antd';
import {
  capitalKinds,
  enterpriseInputSchema,
  enterpriseTagSuggestions,
  normaliseCreditCode,
  type CapitalKind,
  type EnterpriseInput,
} from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import type { Enterprise } from '../../api/library-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { checkPayload, FieldIssuesError } from '../../components/payloadCheck.ts';
import { useFieldRules } from '../../components/useFieldRules.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { DivisionCascader, divisionPath } from '../divisions/DivisionCascader.tsx';
import { IndustryCascader } from '../industries/IndustryCascader.tsx';
import { useCreateEnterprise, useUpdateEnterprise } from './useEnterprises.ts';

interface Values {
  name: string;
  creditCode?: string;
  division?: string[];
  capitalKind: CapitalKind;
  industryCode?: string | null;
  tags?: string[];
  isLocal?: boolean;
}

function toValues(enterprise: Enterprise | null): Partial<Values> {
  if (!enterprise) return { capitalKind: 'domestic', tags: [], isLocal: false };
  return {
    name: enterprise.name,
    creditCode: enterprise.creditCode ?? '',
    division: divisionPath(enterprise.divisionCode),
    capitalKind: enterprise.capitalKind,
    industryCode: enterprise.industryCode,
    tags: enterprise.tags,
    isLocal: enterprise.isLocal,
  };
}

/** The existing enterprise a 409 duplicate names in `details.existing`. */
function duplicateOf(error: unknown): { id: string; name: string } | undefined {
  if (!isApiError(error) || error.code !== 'duplicate') return undefined;
  const details = error.details as { existing?: { id: string; name: string } } | undefined;
  return details?.existing;
}

/** New or edit enterprise (企业库). `enterprise` null with `open` = new. */
export function EnterpriseModal(props: {
  open: boolean;
  enterprise: Enterprise | null;
  onClose: () => void;
  onReload: (enterprise: Enterprise) => void;
  onSaved?: (enterprise: Enterprise) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const rules = useFieldRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateEnterprise();
  const update = useUpdateEnterprise();
  const { enterprise } = props;

  async function submit(values: Values) {
    const payload: EnterpriseInput = {
      name: values.name,
      creditCode: values.creditCode ? normaliseCreditCode(values.creditCode) || null : null,
      divisionCode: values.division?.at(-1) ?? null,
      capitalKind: values.capitalKind,
      industryCode: values.industryCode ?? null,
      tags: (values.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
      isLocal: values.isLocal ?? false,
    };
    checkPayload(enterpriseInputSchema, payload, t, locale, (path) =>
      path[0] === 'divisionCode' ? ['division'] : path,
    );
    try {
      const saved = enterprise
        ? await update.mutateAsync({ id: enterprise.id, input: { ...payload, version: enterprise.version } })
        : await create.mutateAsync(payload);
      void message.success(t(enterprise ? 'common.saved' : 'common.created'));
      props.onSaved?.(saved);
    } catch (error) {
      const existing = duplicateOf(error);
      if (!existing) throw error;
      const text = t('enterprises.duplicate', { name: existing.name });
      throw new FieldIssuesError([{ name: ['creditCode'], errors: [text] }], text);
    }
  }

  return (
    <FormModal<Values, Enterprise>
      open={props.open}
      name="enterprise"
      title={
        enterprise ? t('enterprises.editTitle', { name: enterprise.name }) : t('enterprises.createTitle')
      }
      form={form}
      initialValues={toValues(enterprise)}
      onClose={props.onClose}
      onSubmit={submit}
      onStale={(current) => {
        props.onReload(current);
        form.setFieldsValue(toValues(current));
      }}
    >
      <Form.Item
        name="name"
        label={t('enterprises.name')}
        required
        rules={[rule(enterpriseInputSchema.shape.name)]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label={t('enterprises.creditCode')}
        extra={t('enterprises.creditCodeHelp')}
        validateTrigger="onBlur"
        rules={[rules.creditCode()]}
      >
        <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="division" label={t('enterprises.division')}>
        <DivisionCascader allowClear />
      </Form.Item>
      <Form.Item name="capitalKind" label={t('enterprises.capitalKind')}>
        <Radio.Group
          options={capitalKinds.map((kind) => ({ value: kind, label: t(`capitalKind.${kind}`) }))}
        />
      </Form.Item>
      <Form.Item name="industryCode" label={t('enterprises.industry')}>
        <IndustryCascader />
      </Form.Item>
      <Form.Item name="tags" label={t('enterprises.tags')}>
        <Select
          mode="tags"
          maxCount={20}
          options={enterpriseTagSuggestions.map((tag) => ({ value: tag, label: tag }))}
        />
      </Form.Item>
      <Form.Item
        name="isLocal"
        label={t('enterprises.isLocal')}
        valuePropName="checked"
        extra={t('enterprises.isLocalHelp')}
      >
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
