import { App, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  agreementKindLabels,
  agreementKinds,
  evidenceSchemaFor,
  moveKindLabels,
  normaliseCreditCode,
  PHOTO_DATE_TOLERANCE_DAYS,
  productionEvidenceKindLabels,
  productionEvidenceKinds,
  stageLabels,
  type ProductionEvidenceKind,
  type ActiveStage,
  type AgreementKind,
  type Stage,
  type StageMove,
} from '@landfall/domain';
import type { Project } from '../../api/library-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { toDateText, wanTextToFen } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useFieldRules } from '../../components/useFieldRules.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AttachmentUpload } from './AttachmentUpload.tsx';
import { allowedMoves } from './stageMoves.ts';
import { useMoveStage } from './useProjects.ts';

export type MovableProject = Pick<Project, 'id' | 'name' | 'stage' | 'stageBefore' | 'stageOn' | 'version'>;

interface Values {
  to: Stage;
  evidence: {
    date?: Dayjs;
    agreementKind?: AgreementKind;
    agreedInvestmentFen?: string;
    attachmentId?: string;
    noAgreementReason?: string;
    evidenceKind?: ProductionEvidenceKind;
    photoTakenOn?: Dayjs;
    unverifiedReason?: string;
    registeredOn?: Dayjs;
    localCreditCode?: string;
    actualStartOn?: Dayjs;
    reason?: string;
  };
}

/** The evidence payload of a move, as the domain's evidence schema reads it. */
function toEvidence(move: StageMove, evidence: Values['evidence']): Record<string, unknown> {
  const date = toDateText(evidence.date);
  if (move.kind !== 'advance') return { date, reason: evidence.reason };
  switch (move.to) {
    case 'signed': {
      const text = evidence.agreedInvestmentFen;
      return {
        date,
        agreementKind: evidence.agreementKind,
        agreedInvestmentFen: text ? wanTextToFen(text) : undefined,
        attachmentId: evidence.attachmentId,
        noAgreementReason: evidence.attachmentId ? undefined : evidence.noAgreementReason,
      };
    }
    case 'settled':
      return {
        date,
        registeredOn: toDateText(evidence.registeredOn),
        localCreditCode: evidence.localCreditCode ? normaliseCreditCode(evidence.localCreditCode) : undefined,
      };
    case 'construction':
      return { date, actualStartOn: toDateText(evidence.actualStartOn), attachmentId: evidence.attachmentId };
    case 'production': {
      const photo = evidence.evidenceKind === 'site_photo';
      return {
        date,
        evidenceKind: evidence.evidenceKind,
        attachmentId: evidence.attachmentId,
        photoTakenOn: photo ? toDateText(evidence.photoTakenOn) : undefined,
        unverifiedReason: photo ? evidence.unverifiedReason : undefined,
      };
    }
    default:
      return { date };
  }
}

/**
 * 推进阶段: one allowed move and the evidence it needs (stages.ts). Opened from the
 * project page, or from a kanban drop with the target stage chosen.
 */
export function StageMoveModal(props: { project: MovableProject | null; to?: Stage; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rules = useFieldRules();
  const [form] = Form.useForm<Values>();
  const move = useMoveStage();
  const { project } = props;
  const moves = project ? allowedMoves(project) : [];
  // Forward along the pipeline unless asked otherwise; resume or reopen for a stopped project.
  const defaultMove = moves.find((m) => m.kind === 'advance' || m.kind === 'resume' || m.kind === 'reopen');
  const to = Form.useWatch('to', form) ?? props.to ?? defaultMove?.to;
  const chosen = moves.find((candidate) => candidate.to === to);
  const kind = chosen?.kind;
  const evidenceKind = !chosen ? undefined : chosen.kind === 'advance' ? chosen.to : 'reason';
  const dateLabel =
    kind === 'advance' && chosen
      ? t(`move.dateFor.advance.${chosen.to as Exclude<ActiveStage, 'planning'>}`)
      : t('move.date');
  const notBeforeStage = (day: Dayjs) =>
    day.isAfter(dayjs(), 'day') || (project ? day.isBefore(dayjs(project.stageOn), 'day') : false);
  const required = { required: true, message: t('validation.required') };
  const attached = Form.useWatch(['evidence', 'attachmentId'], form);
  const proof = Form.useWatch(['evidence', 'evidenceKind'], form);

  return (
    <FormModal<Values>
      open={project !== null}
      name="stageMove"
      title={t('move.title', { name: project?.name ?? '' })}
      form={form}
      initialValues={{ to: props.to ?? defaultMove?.to, evidence: { date: dayjs() } }}
      onClose={props.onClose}
      onSubmit={async (values) => {
        if (!project || !chosen) return;
        const evidence = checkPayload(
          evidenceSchemaFor(chosen),
          toEvidence(chosen, values.evidence),
          t,
          locale,
          (path) => ['evidence', ...path],
        );
        await move.mutateAsync({ id: project.id, to: chosen.to, evidence, version: project.version });
        void message.success(t('move.done'));
      }}
    >
      {moves.length === 0 ? <Typography.Paragraph>{t('move.none')}</Typography.Paragraph> : null}
      <Form.Item name="to" label={t('move.to')} rules={[required]}>
        <Select
          options={moves.map((candidate) => ({
            value: candidate.to,
            label: `${moveKindLabels[candidate.kind][locale]} → ${stageLabels[candidate.to][locale]}`,
          }))}
        />
      </Form.Item>
      {chosen ? (
        <Form.Item name={['evidence', 'date']} label={dateLabel} rules={[required]}>
          <DatePicker disabledDate={notBeforeStage} style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      {evidenceKind === 'signed' && project ? (
        <>
          <Form.Item name={['evidence', 'agreementKind']} label={t('field.agreementKind')} rules={[required]}>
            <Radio.Group
              options={agreementKinds.map((value) => ({ value, label: agreementKindLabels[value][locale] }))}
            />
          </Form.Item>
          <Form.Item
            name={['evidence', 'agreedInvestmentFen']}
            label={t('field.agreedInvestmentWan')}
            extra={t('move.agreedHelp')}
            required
            rules={[rules.amount({ required: true, positive: true })]}
          >
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
          <Form.Item name={['evidence', 'attachmentId']} label={t('move.contractFile')}>
            <AttachmentUpload projectId={project.id} accept=".pdf,.jpg,.jpeg,.png,.doc,.docx" />
          </Form.Item>
          {attached ? null : (
            <Form.Item
              name={['evidence', 'noAgreementReason']}
              label={t('move.noAgreementReason')}
              extra={t('move.noAgreementHelp')}
              rules={[{ ...required, whitespace: true }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
        </>
      ) : null}
      {evidenceKind === 'production' && project ? (
        <>
          <Form.Item
            name={['evidence', 'evidenceKind']}
            label={t('move.productionEvidence')}
            rules={[required]}
          >
            <Radio.Group
              options={productionEvidenceKinds.map((value) => ({
                value,
                label: productionEvidenceKindLabels[value][locale],
              }))}
            />
          </Form.Item>
          <Form.Item
            name={['evidence', 'attachmentId']}
            label={t('move.productionFile')}
            required
            rules={[{ required: true, message: t('move.productionFileRequired') }]}
          >
            <AttachmentUpload
              projectId={project.id}
              accept={proof === 'site_photo' ? '.jpg,.jpeg,.png' : '.pdf,.jpg,.jpeg,.png'}
            />
          </Form.Item>
          {proof === 'site_photo' ? (
            <>
              <Form.Item
                name={['evidence', 'photoTakenOn']}
                label={t('move.photoTakenOn')}
                rules={[required]}
              >
                <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name={['evidence', 'unverifiedReason']}
                label={t('move.unverifiedReason')}
                extra={t('move.unverifiedHelp', { days: String(PHOTO_DATE_TOLERANCE_DAYS) })}
              >
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          ) : null}
        </>
      ) : null}
      {evidenceKind === 'settled' ? (
        <>
          <Form.Item name={['evidence', 'registeredOn']} label={t('field.registeredOn')} rules={[required]}>
            <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name={['evidence', 'localCreditCode']}
            label={t('field.localCreditCode')}
            validateTrigger="onBlur"
            required
            rules={[rules.creditCode({ required: true })]}
          >
            <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </>
      ) : null}
      {evidenceKind === 'construction' && project ? (
        <>
          <Form.Item name={['evidence', 'actualStartOn']} label={t('field.actualStartOn')} rules={[required]}>
            <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name={['evidence', 'attachmentId']}
            label={t('move.permitFile')}
            required
            rules={[{ required: true, message: t('move.fileRequired') }]}
          >
            <AttachmentUpload projectId={project.id} accept=".pdf,.jpg,.jpeg,.png" />
          </Form.Item>
        </>
      ) : null}
      {evidenceKind === 'reason' ? (
        <Form.Item name={['evidence', 'reason']} label={t('move.reason')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
