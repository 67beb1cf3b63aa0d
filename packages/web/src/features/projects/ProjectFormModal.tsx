import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Form } from 'antd';
import { projectCreateSchema, projectUpdateSchema, type ProjectCreateInput } from '@landfall/domain';
import type { Project } from '../../api/library-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { useGroups } from '../groups/useGroups.ts';
import { useUnits } from '../units/useUnits.ts';
import { ProjectFormFields } from './ProjectFormFields.tsx';
import {
  newProjectValues,
  projectToValues,
  valuesToFields,
  type ProjectValues,
} from './projectFormValues.ts';
import { useCreateProject, useUpdateProject } from './useProjects.ts';

const firstSegment = (path: (string | number)[]) => path.slice(0, 1);

function useOrgLists() {
  const { data: me } = useMe();
  const units = useUnits(me?.tenantId);
  const groups = useGroups(me?.tenantId);
  return { me, units: units.data ?? [], groups: groups.data ?? [] };
}

/**
 * 新建项目 (stage planning or negotiating). With `create`, the form posts elsewhere
 * (a lead's conversion); `initial` prefills it. Opens the new project when saved.
 */
export function ProjectCreateModal(props: {
  open: boolean;
  title?: string;
  initial?: Partial<ProjectValues>;
  knownEnterprises?: { id: string; name: string }[];
  create?: (input: ProjectCreateInput) => Promise<Project>;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProjectValues>();
  const createProject = useCreateProject();
  const { me, units, groups } = useOrgLists();
  const unitLocked = me?.role === 'unit_staff';

  return (
    <FormModal<ProjectValues>
      open={props.open}
      name="projectCreate"
      title={props.title ?? t('projects.createTitle')}
      width={880}
      form={form}
      initialValues={{ ...newProjectValues, unitId: me?.unitId ?? undefined, ...props.initial }}
      onClose={props.onClose}
      onSubmit={async (values) => {
        const input = checkPayload(
          projectCreateSchema,
          { ...valuesToFields(values), stage: values.stage, enteredOn: values.enteredOn ?? undefined },
          t,
          locale,
          firstSegment,
        );
        const project = await (props.create ?? createProject.mutateAsync)(input);
        void message.success(t('common.created'));
        void navigate(`/projects/${project.id}`);
      }}
    >
      <ProjectFormFields
        mode="create"
        units={units}
        groups={groups}
        unitLocked={unitLocked}
        knownEnterprises={props.knownEnterprises}
      />
    </FormModal>
  );
}

/** 编辑项目: every ProjectUpdateInput field; sends `version`; a stale version reloads the record. */
export function ProjectEditModal(props: {
  project: Project | null;
  enterprises: { id: string; name: string }[];
  onClose: () => void;
  onStale: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectValues>();
  const updateProject = useUpdateProject();
  const { me, units, groups } = useOrgLists();
  const { project, enterprises } = props;
  // The record the server sent with a 409 stale_version: the next save carries its version.
  const [reloaded, setReloaded] = useState<Project | null>(null);
  const enterpriseIds = enterprises.map((enterprise) => enterprise.id);
  const enterpriseKey = enterpriseIds.join(',');
  // details.current carries no investors: after a reload, take them from the refetched page.
  useEffect(() => {
    if (reloaded) form.setFieldValue('enterpriseIds', enterpriseKey ? enterpriseKey.split(',') : []);
  }, [reloaded, enterpriseKey, form]);

  return (
    <FormModal<ProjectValues, Project>
      open={project !== null}
      name="projectEdit"
      title={t('projects.editTitle', { name: project?.name ?? '' })}
      width={880}
      form={form}
      initialValues={project ? projectToValues(project, enterpriseIds) : undefined}
      onClose={() => {
        setReloaded(null);
        props.onClose();
      }}
      onSubmit={async (values) => {
        if (!project) return;
        const input = checkPayload(
          projectUpdateSchema,
          { ...valuesToFields(values), version: Math.max(project.version, reloaded?.version ?? 0) },
          t,
          locale,
          firstSegment,
        );
        await updateProject.mutateAsync({ id: project.id, input });
        void message.success(t('common.saved'));
      }}
      onStale={(current) => {
        // Someone saved first: show their version of the record; the page refetches too.
        setReloaded(current);
        form.setFieldsValue(projectToValues(current, enterpriseIds));
        props.onStale();
      }}
    >
      <ProjectFormFields
        mode="edit"
        units={units}
        groups={groups}
        unitLocked={me?.role === 'unit_staff'}
        knownEnterprises={enterprises}
      />
    </FormModal>
  );
}
