import { App, DatePicker, Form, Input, Select, Typography } from 'antd';
import { agreementKindLabels, agreementKinds, evidenceItemLabels } from '@landfall/domain';
import { evidenceRecordSchema } from '@landfall/domain/evidence';
import type { Project } from '../../api/library-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField, isFutureDay } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useFieldRules } from '../../components/useFieldRules.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AttachmentUpload } from './AttachmentUpload.tsx';
import {
  asksForAgreement,
  evidenceFormField,
  evidenceFormPath,
  evidenceItemsOf,
  evidencePayload,
  type EvidenceFormValues,
} from './evidenceRecord.ts';
import { useRecordEvidence } from './useProjects.ts';

export type EvidenceProject = Pick<Project, 'id' | 'name' | 'version' | 'evidenceMissing'>;

/**
 * 补录证据: one field per item the project's stage still lacks (dates, the agreement kind, the
 * agreed investment in 万元, the local entity's credit code). What is left blank stays missing;
 * the body is checked with the server's schema before it is sent.
 */
export function EvidenceRecordModal({
  project,
  onClose,
  onStale,
}: {
  project: EvidenceProject | null;
  onClose: () => void;
  onStale: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rules = useFieldRules();
  const [form] = Form.useForm<EvidenceFormValues>();
  const record = useRecordEvidence();
  const items = evidenceItemsOf(project?.evidenceMissing ?? []);
  const label = (item: (typeof items)[number]) => evidenceItemLabels[item][locale];
  const attached = Form.useWatch('agreementAttachmentId', form);

  return (
    <FormModal<EvidenceFormValues>
      open={project !== null}
      name="evidenceRecord"
      title={t('evidence.recordTitle', { name: project?.name ?? '' })}
      form={form}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async (values) => {
        if (!project) return;
        const input = checkPayload(
          evidenceRecordSchema,
          evidencePayload(items, values, project.version),
          t,
          locale,
          evidenceFormPath,
        );
        await record.mutateAsync({ id: project.id, input });
        void message.success(t('evidence.recorded'));
      }}
    >
      <Typography.Paragraph type="secondary">{t('evidence.recordHelp')}</Typography.Paragraph>
      {items.map((item) => {
        const name = evidenceFormField[item];
        switch (item) {
          case 'agreementKind':
            return (
              <Form.Item key={item} name={name} label={label(item)}>
                <Select
                  allowClear
                  options={agreementKinds.map((value) => ({
                    value,
                    label: agreementKindLabels[value][locale],
                  }))}
                />
              </Form.Item>
            );
          case 'agreedInvestment':
            return (
              <Form.Item
                key={item}
                name={name}
                label={t('evidence.amountWan', { label: label(item) })}
                extra={t('move.agreedHelp')}
                rules={[rules.amount({ positive: true })]}
              >
                <Input inputMode="decimal" autoComplete="off" />
              </Form.Item>
            );
          case 'localCreditCode':
            return (
              <Form.Item
                key={item}
                name={name}
                label={label(item)}
                validateTrigger="onBlur"
                rules={[rules.creditCode()]}
              >
                <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            );
          default:
            return (
              <Form.Item key={item} name={name} label={label(item)} {...dateTextField}>
                <DatePicker disabledDate={isFutureDay} style={{ width: '100%' }} />
              </Form.Item>
            );
        }
      })}
      {project && asksForAgreement(project.evidenceMissing) ? (
        <>
          <Form.Item
            name="agreementAttachmentId"
            label={t('move.contractFile')}
            extra={t('evidence.agreementHelp')}
          >
            <AttachmentUpload projectId={project.id} accept=".pdf,.jpg,.jpeg,.png,.doc,.docx" />
          </Form.Item>
          {attached ? null : (
            <Form.Item
              name="noAgreementReason"
              label={t('move.noAgreementReason')}
              extra={t('move.noAgreementHelp')}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
        </>
      ) : null}
    </FormModal>
  );
}
