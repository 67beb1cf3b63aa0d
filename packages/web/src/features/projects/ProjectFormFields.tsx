import { Col, DatePicker, Form, Input, Radio, Row, Select, Switch } from 'antd';
import {
  capitalKinds,
  landMuSchema,
  phoneSchema,
  projectCreateSchema,
  projectKinds,
  stageLabels,
} from '@landfall/domain';
import type { Group, Unit } from '../../api/types.ts';
import { dateTextField, isFutureDay } from '../../components/formats.ts';
import { useFieldRules } from '../../components/useFieldRules.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { DivisionCascader, divisionPath } from '../divisions/DivisionCascader.tsx';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.tsx';
import { IndustryCascader } from '../industries/IndustryCascader.tsx';
import { useFocusIndustries } from '../industries/useIndustries.ts';

interface ProjectFormFieldsProps {
  mode: 'create' | 'edit';
  units: Unit[];
  groups: Group[];
  /** Unit staff keep their own unit. */
  unitLocked: boolean;
  /** Names of enterprises already linked, so the selects show them at once. */
  knownEnterprises?: { id: string; name: string }[];
}

const originField = {
  getValueProps: (code: unknown) => ({ value: typeof code === 'string' ? divisionPath(code) : [] }),
  normalize: (path: string[] | undefined) => path?.at(-1) ?? null,
};
const sensitivityField = {
  getValueProps: (value: unknown) => ({ checked: value === 'sensitive' }),
  normalize: (checked: boolean) => (checked ? 'sensitive' : 'normal'),
};

/** Every field of ProjectCreateInput / ProjectUpdateInput, in two columns. */
export function ProjectFormFields({
  mode,
  units,
  groups,
  unitLocked,
  knownEnterprises,
}: ProjectFormFieldsProps) {
  const { t, locale } = useI18n();
  const rule = useZodRule();
  const rules = useFieldRules();
  const focus = useFocusIndustries();
  const fields = projectCreateSchema.shape;
  const required = { required: true, message: t('validation.required') };
  const half = { xs: 24, md: 12 };

  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item name="name" label={t('field.name')} required rules={[rule(fields.name)]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="unitId" label={t('field.unitId')} rules={[required]}>
          <Select
            disabled={unitLocked}
            showSearch={{ optionFilterProp: 'label' }}
            options={units.map((unit) => ({ value: unit.id, label: unit.name, disabled: !unit.active }))}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="groupId" label={t('field.groupId')}>
          <Select allowClear options={groups.map((group) => ({ value: group.id, label: group.name }))} />
        </Form.Item>
      </Col>
      {mode === 'create' ? (
        <>
          <Col {...half}>
            <Form.Item name="stage" label={t('field.stageInitial')}>
              <Radio.Group
                options={(['planning', 'negotiating'] as const).map((stage) => ({
                  value: stage,
                  label: stageLabels[stage][locale],
                }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="enteredOn" label={t('field.enteredOn')} {...dateTextField}>
              <DatePicker disabledDate={isFutureDay} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </>
      ) : null}
      <Col span={24}>
        <Form.Item name="enterpriseIds" label={t('field.enterpriseIds')}>
          <EnterpriseSelect mode="multiple" known={knownEnterprises} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="agreedInvestmentFen" label={t('field.agreedInvestmentWan')} rules={[rules.amount()]}>
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="fixedAssetFen" label={t('field.fixedAssetWan')} rules={[rules.amount()]}>
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="originDivisionCode" label={t('field.originDivisionCode')} {...originField}>
          <DivisionCascader allowClear />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="capitalKind" label={t('field.capitalKind')}>
          <Radio.Group
            options={capitalKinds.map((kind) => ({ value: kind, label: t(`capitalKind.${kind}`) }))}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="industryCode" label={t('field.industryCode')}>
          <IndustryCascader />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="focusIndustryId" label={t('field.focusIndustryId')}>
          <Select
            allowClear
            placeholder={t('field.focusAuto')}
            options={(focus.data ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="projectKind" label={t('field.projectKind')}>
          <Radio.Group
            options={projectKinds.map((kind) => ({ value: kind, label: t(`projectKind.${kind}`) }))}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="referrerEnterpriseId" label={t('field.referrerEnterpriseId')}>
          <EnterpriseSelect known={knownEnterprises} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="chainNode" label={t('field.chainNode')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="landMu" label={t('field.landMu')} rules={[rule(landMuSchema.optional())]}>
          <Input inputMode="decimal" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="plannedStartOn" label={t('field.plannedStartOn')} {...dateTextField}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="plannedProductionOn" label={t('field.plannedProductionOn')} {...dateTextField}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="leaderInCharge" label={t('field.leaderInCharge')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="contactName" label={t('field.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="contactPhone" label={t('field.contactPhone')} rules={[rule(phoneSchema.optional())]}>
          <Input maxLength={40} inputMode="tel" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="strategicEmerging" label={t('field.strategicEmerging')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="sensitivity" label={t('field.sensitivity')} {...sensitivityField}>
          <Switch />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="constructionContent" label={t('field.constructionContent')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Col>
    </Row>
  );
}
