import { isPendingRequest } from '../../api/users.ts';
import { App, Form, Input, Select } from 'antd';
import { roleLabels, roles, userCreateSchema, userUpdateSchema, type Role } from '@landfall/domain';
import type { Unit, User } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { PasswordFields } from '../../components/PasswordFields.tsx';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { usePasswordPolicy } from '../password-policy/usePasswordPolicy.ts';
import { useChangeUserRole, useCreateUser, useResetUserPassword, useUpdateUser } from './useUsers.ts';

/** The unit select, shown only for unit staff: they need a unit, no other role may have one (the server checks too). */
function UnitField({ units, role }: { units: Unit[]; role: Role | undefined }) {
  const { t } = useI18n();
  if (role !== 'unit_staff') return null;
  return (
    <Form.Item
      name="unitId"
      label={t('users.unit')}
      required={role === 'unit_staff'}
      dependencies={['role']}
      rules={[{ required: role === 'unit_staff', message: t('users.unitRequired') }]}
    >
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        options={units.map((unit) => ({ value: unit.id, label: unit.name, disabled: !unit.active }))}
      />
    </Form.Item>
  );
}

function RoleField() {
  const { t, locale } = useI18n();
  return (
    <Form.Item
      name="role"
      label={t('users.role')}
      required
      rules={[{ required: true, message: t('validation.required') }]}
    >
      <Select options={roles.map((role) => ({ value: role, label: roleLabels[role][locale] }))} />
    </Form.Item>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  role: Role;
  unitId?: string | null;
  password: string;
}

export function UserCreateModal(props: {
  open: boolean;
  onClose: () => void;
  units: Unit[];
  tenantId: string | undefined;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const [form] = Form.useForm<CreateValues>();
  const role = Form.useWatch('role', form);
  const policy = usePasswordPolicy(props.tenantId);
  const createUser = useCreateUser();
  return (
    <FormModal<CreateValues>
      open={props.open}
      name="userCreate"
      title={t('users.create')}
      form={form}
      onClose={props.onClose}
      onSubmit={async (values) => {
        const created = await createUser.mutateAsync({
          tenantId: props.tenantId,
          username: values.username,
          displayName: values.displayName,
          role: values.role,
          unitId: values.role === 'unit_staff' ? (values.unitId ?? null) : null,
          password: values.password,
        });
        if (isPendingRequest(created)) void message.info(t('users.pendingSecond'));
        else void message.success(t('common.created'));
      }}
    >
      <Form.Item
        name="username"
        label={t('users.username')}
        required
        rules={[rule(userCreateSchema.shape.username)]}
      >
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        required
        rules={[rule(userCreateSchema.shape.displayName)]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <RoleField />
      <UnitField units={props.units} role={role} />
      <PasswordFields
        name="password"
        label={t('users.password')}
        confirmLabel={t('users.confirmPassword')}
        policy={policy.data}
      />
    </FormModal>
  );
}

interface EditValues {
  displayName: string;
  unitId?: string | null;
}

export function UserEditModal(props: {
  user: User | null;
  onClose: () => void;
  onReload: (user: User) => void;
  units: Unit[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const [form] = Form.useForm<EditValues>();
  const updateUser = useUpdateUser();
  const { user } = props;
  return (
    <FormModal<EditValues, User>
      open={user !== null}
      name="userEdit"
      title={t('users.editTitle', { name: user?.username ?? '' })}
      form={form}
      initialValues={user ? { displayName: user.displayName, unitId: user.unitId } : undefined}
      onClose={props.onClose}
      onSubmit={async (values) => {
        if (!user) return;
        await updateUser.mutateAsync({
          id: user.id,
          input: {
            displayName: values.displayName,
            unitId: user.role === 'unit_staff' ? (values.unitId ?? null) : null,
            version: user.version,
          },
        });
        void message.success(t('common.saved'));
      }}
      onStale={(current) => {
        props.onReload(current);
        form.setFieldsValue({ displayName: current.displayName, unitId: current.unitId });
      }}
    >
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        required
        rules={[rule(userUpdateSchema.shape.displayName)]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <UnitField units={props.units} role={user?.role} />
    </FormModal>
  );
}

interface RoleValues {
  role: Role;
  unitId?: string | null;
}

export function UserRoleModal(props: {
  user: User | null;
  onClose: () => void;
  onReload: (user: User) => void;
  units: Unit[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleValues>();
  const role = Form.useWatch('role', form);
  const changeRole = useChangeUserRole();
  const { user } = props;
  return (
    <FormModal<RoleValues, User>
      open={user !== null}
      name="userRole"
      title={t('users.roleTitle', { name: user?.username ?? '' })}
      form={form}
      initialValues={user ? { role: user.role, unitId: user.unitId } : undefined}
      onClose={props.onClose}
      onSubmit={async (values) => {
        if (!user) return;
        const changed = await changeRole.mutateAsync({
          id: user.id,
          input: {
            role: values.role,
            unitId: values.role === 'unit_staff' ? (values.unitId ?? null) : null,
            version: user.version,
          },
        });
        if (isPendingRequest(changed)) void message.info(t('users.pendingSecond'));
        else void message.success(t('common.saved'));
      }}
      onStale={(current) => {
        props.onReload(current);
        form.setFieldsValue({ role: current.role, unitId: current.unitId });
      }}
    >
      <RoleField />
      <UnitField units={props.units} role={role} />
    </FormModal>
  );
}

interface ResetValues {
  password: string;
}

export function UserPasswordModal(props: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const { user } = props;
  const policy = usePasswordPolicy(user?.tenantId);
  const resetPassword = useResetUserPassword();
  return (
    <FormModal<ResetValues>
      open={user !== null}
      name="userPassword"
      title={t('users.resetTitle', { name: user?.username ?? '' })}
      form={form}
      onClose={props.onClose}
      onSubmit={async (values) => {
        if (!user) return;
        const pending = await resetPassword.mutateAsync({
          id: user.id,
          input: { password: values.password },
        });
        if (isPendingRequest(pending)) void message.info(t('users.pendingSecond'));
        else void message.success(t('users.passwordReset'));
      }}
    >
      <PasswordFields
        name="password"
        label={t('users.newPassword')}
        confirmLabel={t('users.confirmPassword')}
        policy={policy.data}
      />
    </FormModal>
  );
}
