import { App, Form, Input, Select, Typography } from 'antd';
import { sharedInvestorRuleLabels } from '@landfall/domain';
import type { SharedInvestor } from '../../api/dashboard.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useMarkDuplicate, useUnmarkDuplicate } from './useSharedInvestors.ts';

interface MarkValues {
  projectId: string;
  keptProjectId: string;
  reason?: string;
}

/** 标记重复报送: which project is the second report, and which report counts (the tenant's rule proposes it). */
export function DuplicateMarkModal({
  investor,
  onClose,
}: {
  investor: SharedInvestor | null;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MarkValues>();
  const mark = useMarkDuplicate();
  const open = investor?.projects.filter((p) => !p.duplicateOf) ?? [];
  const options = open.map((p) => ({
    value: p.id,
    label: `${p.name ?? t('dashboard.sensitiveProject')}（${p.unitName}）`,
  }));
  const kept = investor?.proposedKeptProjectId ?? open[0]?.id;
  return (
    <FormModal<MarkValues>
      open={investor !== null}
      name="duplicateMark"
      title={t('dashboard.markDuplicateTitle', { name: investor?.name ?? '' })}
      form={form}
      initialValues={{ keptProjectId: kept, projectId: open.find((p) => p.id !== kept)?.id }}
      onClose={onClose}
      onSubmit={async (values) => {
        await mark.mutateAsync({ ...values, reason: values.reason?.trim() || undefined });
        void message.success(t('dashboard.duplicateMarked'));
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('dashboard.markDuplicateHelp', {
          rule: investor ? sharedInvestorRuleLabels[investor.rule][locale] : '',
        })}
      </Typography.Paragraph>
      <Form.Item name="projectId" label={t('dashboard.duplicateProject')} rules={[{ required: true }]}>
        <Select options={options} />
      </Form.Item>
      <Form.Item name="keptProjectId" label={t('dashboard.keptProject')} rules={[{ required: true }]}>
        <Select options={options} />
      </Form.Item>
      <Form.Item name="reason" label={t('dashboard.duplicateReason')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** 撤销重复报送标记, with the reason (the project counts again from now). */
export function DuplicateUndoModal({ markId, onClose }: { markId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const undo = useUnmarkDuplicate();
  return (
    <FormModal<{ reason: string }>
      open={markId !== null}
      name="duplicateUndo"
      title={t('dashboard.undoDuplicate')}
      form={form}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!markId) return;
        await undo.mutateAsync({ id: markId, reason: values.reason });
        void message.success(t('dashboard.duplicateUndone'));
      }}
    >
      <Form.Item
        name="reason"
        label={t('dashboard.undoReason')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
