import { Alert, App, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import {
  capitalKinds,
  correctionSchema,
  fundingEntrySchema,
  fundingSourceLabels,
  fundingSources,
  progressEntrySchema,
  type CapitalKind,
  type FundingSource,
} from '@landfall/domain';
import type { LedgerEntry } from '../../api/library-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField, isFutureDay, wanTextToFen } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useFieldRules } from '../../components/useFieldRules.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AttachmentUpload } from './AttachmentUpload.tsx';
import { useAddProgress, useCorrectEntry, useRecordFunding } from './useProjects.ts';

const today = () => dayjs().format('YYYY-MM-DD');
const required = (message: string) => ({ required: true, message });

interface ProgressValues {
  date: string;
  current?: string;
  problems?: string;
  nextSteps?: string;
  attachmentId?: string;
}

/** 添加进展: 目前进展 / 存在问题 / 下步计划, dated, with an optional file. */
export function ProgressModal({
  projectId,
  open,
  onClose,
}: {
  projectId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgressValues>();
  const addProgress = useAddProgress();
  return (
    <FormModal<ProgressValues>
      open={open}
      name="progress"
      title={t('progress.title')}
      form={form}
      initialValues={{ date: today() }}
      onClose={onClose}
      onSubmit={async (values) => {
        const input = checkPayload(
          progressEntrySchema,
          { ...values, attachmentId: values.attachmentId },
          t,
          locale,
        );
        await addProgress.mutateAsync({ id: projectId, input });
        void message.success(t('common.saved'));
      }}
    >
      <Form.Item
        name="date"
        label={t('progress.date')}
        rules={[required(t('validation.required'))]}
        {...dateTextField}
      >
        <DatePicker disabledDate={isFutureDay} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="current" label={t('entry.current')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="problems" label={t('entry.problems')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="nextSteps" label={t('entry.nextSteps')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="attachmentId" label={t('entry.attachment')}>
        <AttachmentUpload projectId={projectId} />
      </Form.Item>
    </FormModal>
  );
}

interface FundingValues {
  date: string;
  amountFen: string;
  source?: FundingSource;
  capitalKind: CapitalKind;
  sourceReason?: string;
  note?: string;
}

/** 登记到位资金: a dated amount (万元 text, parsed exactly) by source. */
export function FundingModal({
  projectId,
  open,
  onClose,
}: {
  projectId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rules = useFieldRules();
  const [form] = Form.useForm<FundingValues>();
  const recordFunding = useRecordFunding();
  const source = Form.useWatch('source', form);
  const capitalKind = Form.useWatch('capitalKind', form);
  // Foreign capital from a source other than abroad happens (a foreign investor's entity in China) and says how.
  const needsReason = capitalKind === 'foreign' && source !== undefined && source !== 'abroad';
  return (
    <FormModal<FundingValues>
      open={open}
      name="funding"
      title={t('funding.title')}
      form={form}
      initialValues={{ date: today(), capitalKind: 'domestic' }}
      onClose={onClose}
      onSubmit={async (values) => {
        const input = checkPayload(
          fundingEntrySchema,
          { ...values, amountFen: wanTextToFen(values.amountFen) },
          t,
          locale,
        );
        await recordFunding.mutateAsync({ id: projectId, input });
        void message.success(t('common.saved'));
      }}
    >
      <Form.Item
        name="date"
        label={t('funds.date')}
        rules={[required(t('validation.required'))]}
        {...dateTextField}
      >
        <DatePicker disabledDate={isFutureDay} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="amountFen"
        label={t('funds.amountWan')}
        extra={t('leads.amountHelp')}
        required
        rules={[rules.amount({ required: true, positive: true })]}
      >
        <Input inputMode="decimal" autoComplete="off" />
      </Form.Item>
      <Form.Item name="source" label={t('funds.source')} rules={[required(t('validation.required'))]}>
        <Select
          options={fundingSources.map((value) => ({
            value,
            label: fundingSourceLabels[value][locale],
          }))}
          // Funds from abroad are foreign capital.
          onChange={(value: FundingSource) => {
            if (value === 'abroad') form.setFieldValue('capitalKind', 'foreign');
          }}
        />
      </Form.Item>
      <Form.Item name="capitalKind" label={t('funds.capitalKind')}>
        <Radio.Group
          options={capitalKinds.map((kind) => ({ value: kind, label: t(`capitalKind.${kind}`) }))}
        />
      </Form.Item>
      {needsReason ? (
        <Form.Item
          name="sourceReason"
          label={t('funds.sourceReason')}
          extra={t('funds.sourceReasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('funds.note')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

interface CorrectionValues {
  reason: string;
  current?: string;
  problems?: string;
  nextSteps?: string;
}

/** 更正: a reason; a progress entry may be restated. The original stays in the ledger. */
export function CorrectionModal({ entry, onClose }: { entry: LedgerEntry | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CorrectionValues>();
  const correct = useCorrectEntry();
  const progress = entry?.kind === 'progress';
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return (
    <FormModal<CorrectionValues>
      open={entry !== null}
      name="correction"
      title={t('correction.title')}
      form={form}
      initialValues={
        progress
          ? {
              current: text(entry.payload.current),
              problems: text(entry.payload.problems),
              nextSteps: text(entry.payload.nextSteps),
            }
          : {}
      }
      onClose={onClose}
      onSubmit={async (values) => {
        if (!entry) return;
        const body = progress ? values : { reason: values.reason };
        const input = checkPayload(correctionSchema, body, t, locale);
        await correct.mutateAsync({ entryId: entry.id, input });
        void message.success(t('correction.done'));
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(progress ? 'correction.intro' : 'correction.fundingIntro')}
      />
      <Form.Item name="reason" label={t('correction.reason')} rules={[required(t('validation.required'))]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      {progress ? (
        <>
          <Form.Item name="current" label={t('entry.current')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="problems" label={t('entry.problems')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="nextSteps" label={t('entry.nextSteps')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      ) : null}
    </FormModal>
  );
}
