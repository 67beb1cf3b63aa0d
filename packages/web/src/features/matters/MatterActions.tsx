import { useState } from 'react';
import { App, Button, Space } from 'antd';
import {
  AlertOutlined,
  CheckOutlined,
  CloseOutlined,
  FormOutlined,
  RiseOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  escalationAction,
  matterCloseSchema,
  matterEscalateSchema,
  matterResolveSchema,
  matterUpdateSchema,
  nextMatterLevel,
} from '@landfall/domain';
import type { Matter } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { RemindModal } from '../coordination/RemindModal.tsx';
import { TextActionModal } from '../coordination/TextActionModal.tsx';
import { MatterAssignModal } from './MatterAssignModal.tsx';
import {
  useAddMatterUpdate,
  useCloseMatter,
  useEscalateMatter,
  useRemindMatter,
  useResolveMatter,
} from './useMatters.ts';

type Dialog = 'update' | 'escalate' | 'assign' | 'resolve' | 'close' | 'remind' | null;

/**
 * Whether the caller holds `action` on this matter: unit staff of the raising or the acting unit; a
 * district's matter read from the city above is the district's to act on — the city only replies to
 * what it raised down (matter.raiseDown).
 */
function useCanOnMatter() {
  const { data: me } = useMe();
  return (action: string, matter: Matter) => {
    if (!me) return false;
    if (matter.tenantId !== me.tenantId)
      return action === 'matter.update' && matter.raisedByTenantId === me.tenantId
        ? me.actions.includes('matter.raiseDown')
        : false;
    return (
      me.actions.includes(action) &&
      (me.role !== 'unit_staff' || me.unitId === matter.unitId || me.unitId === matter.ownerUnitId)
    );
  };
}

/** What the caller may do to a matter: add an update, escalate, re-assign, resolve, withdraw, remind. */
export function MatterActions({ matter }: { matter: Matter }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCanOnMatter();
  const { data: me } = useMe();
  const [dialog, setDialog] = useState<Dialog>(null);
  const update = useAddMatterUpdate();
  const escalate = useEscalateMatter();
  const resolve = useResolveMatter();
  const close = useCloseMatter();
  const remind = useRemindMatter();
  const done = () => setDialog(null);
  const open = matter.status === 'open';
  const next = nextMatterLevel(matter.level);
  const escalateLabel = next === 'joint' ? t('matters.escalateToJoint') : t('matters.escalateToCoordination');
  const version = matter.version;
  if (!open) return null;

  return (
    <>
      <Space wrap>
        {can('matter.update', matter) ? (
          <Button icon={<FormOutlined />} onClick={() => setDialog('update')}>
            {t('matters.addUpdate')}
          </Button>
        ) : null}
        {next && can(escalationAction(next), matter) ? (
          <Button type="primary" icon={<RiseOutlined />} onClick={() => setDialog('escalate')}>
            {escalateLabel}
          </Button>
        ) : null}
        {can('matter.assign', matter) ? (
          <Button icon={<SendOutlined />} onClick={() => setDialog('assign')}>
            {t('matters.assign')}
          </Button>
        ) : null}
        {can('matter.update', matter) && matter.tenantId === me?.tenantId ? (
          <Button icon={<CheckOutlined />} onClick={() => setDialog('resolve')}>
            {t('matters.resolve')}
          </Button>
        ) : null}
        {matter.overdue && can('followup.remind', matter) ? (
          <Button danger icon={<AlertOutlined />} onClick={() => setDialog('remind')}>
            {t('loop.remind')}
          </Button>
        ) : null}
        {can('matter.update', matter) && matter.tenantId === me?.tenantId ? (
          <Button danger type="text" icon={<CloseOutlined />} onClick={() => setDialog('close')}>
            {t('matters.close')}
          </Button>
        ) : null}
      </Space>
      <TextActionModal
        open={dialog === 'update'}
        name="matterUpdate"
        title={t('matters.updateTitle', { title: matter.title })}
        label={t('matters.updateBody')}
        maxLength={2000}
        schema={matterUpdateSchema.shape.body}
        onClose={done}
        onSubmit={async (body) => {
          await update.mutateAsync({ id: matter.id, body });
          void message.success(t('matters.updated'));
        }}
      />
      <TextActionModal
        open={dialog === 'escalate'}
        name="matterEscalate"
        title={t('matters.escalateTitle', { action: escalateLabel, title: matter.title })}
        label={t('matters.escalateReason')}
        help={t('matters.escalateHelp')}
        okText={escalateLabel}
        maxLength={1000}
        schema={matterEscalateSchema.shape.reason}
        onClose={done}
        onSubmit={async (reason) => {
          await escalate.mutateAsync({ id: matter.id, input: { reason, version } });
          void message.success(t('matters.escalated'));
        }}
      />
      <TextActionModal
        open={dialog === 'resolve'}
        name="matterResolve"
        title={t('matters.resolveTitle', { title: matter.title })}
        label={t('matters.resolveResult')}
        okText={t('matters.resolve')}
        maxLength={2000}
        schema={matterResolveSchema.shape.result}
        onClose={done}
        onSubmit={async (result) => {
          await resolve.mutateAsync({ id: matter.id, result, version });
          void message.success(t('matters.resolved'));
        }}
      />
      <TextActionModal
        open={dialog === 'close'}
        name="matterClose"
        title={t('matters.closeTitle', { title: matter.title })}
        label={t('matters.closeReason')}
        okText={t('matters.close')}
        maxLength={1000}
        schema={matterCloseSchema.shape.reason}
        onClose={done}
        onSubmit={async (reason) => {
          await close.mutateAsync({ id: matter.id, reason, version });
          void message.success(t('matters.closed'));
        }}
      />
      <MatterAssignModal matter={dialog === 'assign' ? matter : null} onClose={done} />
      <RemindModal
        target={dialog === 'remind' ? { title: matter.title, unitName: matter.ownerUnitName } : null}
        onClose={done}
        send={(note) => remind.mutateAsync({ id: matter.id, note })}
      />
    </>
  );
}
