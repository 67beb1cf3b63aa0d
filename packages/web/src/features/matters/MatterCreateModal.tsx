import { useNavigate } from 'react-router';
import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import {
  blockableStages,
  blockerKindLabels,
  blockerKinds,
  matterInputSchema,
  matterRaiseDownSchema,
  stageLabels,
  type BlockableStage,
  type BlockerKind,
} from '@landfall/domain';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { useTenants } from '../tenants/useTenants.ts';
import { useUnits } from '../units/useUnits.ts';
import { ProjectSelect } from './ProjectSelect.tsx';
import { useRaiseMatter, useRaiseMatterDown } from './useMatters.ts';

interface MatterValues {
  /** 下达: the district below the caller's city a matter is raised down to (empty: the caller's own tenant). */
  districtId?: string;
  projectId?: string | null;
  unitId?: string;
  title: string;
  description?: string;
  blockerKind: BlockerKind;
  blocksStage?: BlockableStage | null;
  ownerUnitId?: string;
  deadline: string;
}

interface MatterCreateModalProps {
  open: boolean;
  onClose: () => void;
  /** Raised from a project's page: the project is fixed, its unit raises the matter. */
  project?: { id: string; name: string; unitId: string };
}

/**
 * 提出协调事项: what blocks a project (or a unit), at which stage, who must act, by when. A city's (province's)
 * coordinator may raise it down to a district below (下达): then the district's projects and units.
 */
export function MatterCreateModal({ open, onClose, project }: MatterCreateModalProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rule = useZodRule();
  const { data: me } = useMe();
  const can = useCan();
  const canRaiseDown = !project && can('matter.raiseDown') && me?.tenantLevel !== 'district';
  const tenants = useTenants(open && canRaiseDown);
  const districts = (tenants.data ?? []).filter((tenant) => tenant.id !== me?.tenantId);
  const [form] = Form.useForm<MatterValues>();
  const districtId = Form.useWatch('districtId', form);
  const down = canRaiseDown && !!districtId;
  const units = useUnits(down ? districtId : me?.tenantId, open);
  const raise = useRaiseMatter();
  const raiseDown = useRaiseMatterDown();
  const chosenProject = Form.useWatch('projectId', form);
  const unitStaff = me?.role === 'unit_staff';
  // The raising unit: the project's, else the caller's own; a coordinator names it when there is no project.
  // Raised down, the district's unit that must act is named instead (unless a project gives it).
  const askUnit = !project && !chosenProject && !unitStaff && !down;
  const ownerRequired = down && !chosenProject;
  const unitOptions = (units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }));
  const shape = matterInputSchema.shape;

  return (
    <FormModal<MatterValues>
      open={open}
      name="matterCreate"
      title={project ? t('matters.createTitleOn', { project: project.name }) : t('matters.createTitle')}
      form={form}
      width={640}
      okText={t('matters.raise')}
      initialValues={{ blockerKind: 'land', projectId: project?.id ?? null }}
      onClose={onClose}
      onSubmit={async (values) => {
        if (down) {
          const input = checkPayload(
            matterRaiseDownSchema,
            {
              tenantId: districtId,
              projectId: values.projectId ?? null,
              ownerUnitId: values.ownerUnitId || undefined,
              title: values.title,
              description: values.description ?? '',
              blockerKind: values.blockerKind,
              blocksStage: values.blocksStage ?? null,
              deadline: values.deadline,
            },
            t,
            locale,
          );
          const matter = await raiseDown.mutateAsync(input);
          void message.success(t('matters.raisedDownDone', { tenant: matter.tenantName }));
          void navigate(`/matters/${matter.id}`);
          return;
        }
        const input = checkPayload(
          matterInputSchema,
          {
            projectId: project?.id ?? values.projectId ?? null,
            unitId: askUnit ? values.unitId : undefined,
            ownerUnitId: values.ownerUnitId || undefined,
            title: values.title,
            description: values.description ?? '',
            blockerKind: values.blockerKind,
            blocksStage: values.blocksStage ?? null,
            deadline: values.deadline,
          },
          t,
          locale,
        );
        const matter = await raise.mutateAsync(input);
        void message.success(t('matters.created'));
        void navigate(`/matters/${matter.id}`);
      }}
    >
      {canRaiseDown && districts.length ? (
        <Form.Item name="districtId" label={t('matters.district')} extra={t('matters.districtHelp')}>
          <Select
            allowClear
            data-testid="matter-district-select"
            placeholder={t('matters.districtOwn')}
            showSearch={{ optionFilterProp: 'label' }}
            options={districts.map((tenant) => ({ value: tenant.id, label: tenant.name }))}
            // Another district: its projects and units, not the ones chosen before.
            onChange={() =>
              form.setFieldsValue({ projectId: null, unitId: undefined, ownerUnitId: undefined })
            }
          />
        </Form.Item>
      ) : null}
      {project ? null : (
        <Form.Item name="projectId" label={t('matters.project')} extra={t('matters.projectHelp')}>
          <ProjectSelect
            key={districtId ?? 'own'}
            tenantId={down ? districtId : undefined}
            unitId={unitStaff ? (me?.unitId ?? undefined) : undefined}
          />
        </Form.Item>
      )}
      {askUnit ? (
        <Form.Item
          name="unitId"
          label={t('matters.unit')}
          required
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
      ) : null}
      <Form.Item name="title" label={t('matters.titleField')} required rules={[rule(shape.title)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('matters.description')}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name="blockerKind" label={t('matters.blockerKind')} required>
        <Select options={blockerKinds.map((value) => ({ value, label: blockerKindLabels[value][locale] }))} />
      </Form.Item>
      <Form.Item name="blocksStage" label={t('matters.blocksStage')}>
        <Select
          allowClear
          options={blockableStages.map((value) => ({ value, label: stageLabels[value][locale] }))}
        />
      </Form.Item>
      <Form.Item
        name="ownerUnitId"
        label={t('matters.ownerUnit')}
        extra={down ? t('matters.ownerUnitDownHelp') : t('matters.ownerUnitHelp')}
        required={ownerRequired}
        rules={ownerRequired ? [{ required: true, message: t('validation.required') }] : []}
      >
        <Select
          allowClear
          data-testid="matter-owner-unit-select"
          showSearch={{ optionFilterProp: 'label' }}
          options={unitOptions}
        />
      </Form.Item>
      <Form.Item
        name="deadline"
        label={t('loop.deadline')}
        required
        rules={[{ required: true, message: t('validation.required') }]}
        {...dateTextField}
      >
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
