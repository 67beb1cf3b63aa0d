import { useNavigate } from 'react-router';
import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import {
  blockableStages,
  blockerKindLabels,
  blockerKinds,
  matterInputSchema,
  stageLabels,
  type BlockableStage,
  type BlockerKind,
} from '@landfall/domain';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { useUnits } from '../units/useUnits.ts';
import { ProjectSelect } from './ProjectSelect.tsx';
import { useRaiseMatter } from './useMatters.ts';

interface MatterValues {
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

/** 提出协调事项: what blocks a project (or a unit), at which stage, who must act, by when. */
export function MatterCreateModal({ open, onClose, project }: MatterCreateModalProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rule = useZodRule();
  const { data: me } = useMe();
  const units = useUnits(me?.tenantId, open);
  const raise = useRaiseMatter();
  const [form] = Form.useForm<MatterValues>();
  const chosenProject = Form.useWatch('projectId', form);
  const unitStaff = me?.role === 'unit_staff';
  // The raising unit: the project's, else the caller's own; a coordinator names it when there is no project.
  const askUnit = !project && !chosenProject && !unitStaff;
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
      {project ? null : (
        <Form.Item name="projectId" label={t('matters.project')} extra={t('matters.projectHelp')}>
          <ProjectSelect unitId={unitStaff ? (me?.unitId ?? undefined) : undefined} />
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
      <Form.Item name="ownerUnitId" label={t('matters.ownerUnit')} extra={t('matters.ownerUnitHelp')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
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
