import { App, DatePicker, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { expansionInputSchema } from '@landfall/domain/expansion';
import type { Project } from '../../api/library-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField, isFutureDay, wanTextToFen } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useFieldRules } from '../../components/useFieldRules.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AttachmentUpload } from './AttachmentUpload.tsx';
import { useRecordExpansion } from './useProjects.ts';

interface ExpansionValues {
  date: string;
  name: string;
  agreedIncrementFen: string;
  fixedIncrementFen?: string;
  attachmentId?: string;
  noAgreementReason?: string;
}

/**
 * 登记增资: a signed project's expansion — the increment of 协议投资额 (and of 固定资产投资) in 万元, on
 * the supplementary agreement's date, with its file or the reason there is none.
 */
export function ExpansionModal({
  project,
  onClose,
  onStale,
}: {
  project: Pick<Project, 'id' | 'name' | 'version'> | null;
  onClose: () => void;
  onStale: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rules = useFieldRules();
  const [form] = Form.useForm<ExpansionValues>();
  const record = useRecordExpansion();
  const attached = Form.useWatch('attachmentId', form);
  return (
    <FormModal<ExpansionValues>
      open={project !== null}
      name="expansion"
      title={t('expansion.title', { name: project?.name ?? '' })}
      form={form}
      initialValues={{ date: dayjs().format('YYYY-MM-DD') }}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async (values) => {
        if (!project) return;
        const input = checkPayload(
          expansionInputSchema,
          {
            ...values,
            version: project.version,
            agreedIncrementFen: wanTextToFen(values.agreedIncrementFen),
            fixedIncrementFen: wanTextToFen(values.fixedIncrementFen),
            noAgreementReason: values.attachmentId ? undefined : values.noAgreementReason,
          },
          t,
          locale,
        );
        await record.mutateAsync({ id: project.id, input });
        void message.success(t('expansion.recorded'));
      }}
    >
      <Form.Item name="date" label={t('expansion.date')} rules={[{ required: true }]} {...dateTextField}>
        <DatePicker disabledDate={isFutureDay} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('expansion.name')}
        extra={t('expansion.nameHelp')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="agreedIncrementFen"
        label={t('expansion.agreedWan')}
        required
        rules={[rules.amount({ required: true, positive: true })]}
      >
        <Input inputMode="decimal" autoComplete="off" />
      </Form.Item>
      <Form.Item name="fixedIncrementFen" label={t('expansion.fixedWan')} rules={[rules.amount({})]}>
        <Input inputMode="decimal" autoComplete="off" />
      </Form.Item>
      {project ? (
        <Form.Item name="attachmentId" label={t('expansion.file')}>
          <AttachmentUpload projectId={project.id} accept=".pdf,.jpg,.jpeg,.png" />
        </Form.Item>
      ) : null}
      {attached ? null : (
        <Form.Item
          name="noAgreementReason"
          label={t('move.noAgreementReason')}
          extra={t('move.noAgreementHelp')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
    </FormModal>
  );
}
