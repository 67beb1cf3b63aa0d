import type { ReactNode } from 'react';
import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  agreementKindLabels,
  formatAmount,
  fundingSourceLabels,
  ledgerMoveKindLabels,
  photoProblemText,
  productionEvidenceKindLabels,
  stageLabels,
  type PhotoCheck,
} from '@landfall/domain';
import { attachmentUrl } from '../../api/projects.ts';
import type { Attachment, LedgerEntry, StageMovePayload } from '../../api/library-types.ts';
import type { Group, Unit } from '../../api/types.ts';
import { Amount } from '../../components/Amount.tsx';
import { labelOf } from '../../i18n/labels.ts';
import { useI18n } from '../../i18n/useT.ts';
import { FieldChangeList } from './FieldChangeList.tsx';

interface LedgerTimelineProps {
  entries: LedgerEntry[];
  attachments: Attachment[];
  units: Unit[];
  groups: Group[];
  /** Shows 更正 on progress and funding entries not yet corrected. */
  canCorrect: boolean;
  onCorrect: (entry: LedgerEntry) => void;
}

const kindColors: Record<LedgerEntry['kind'], string> = {
  created: 'blue',
  progress: 'gray',
  stage_move: 'blue',
  funding: 'green',
  field_change: 'gray',
  correction: 'red',
};

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** A reverted signing's payload keeps what it cleared. */
function isClearedSigning(value: unknown): value is { signedOn: string } {
  return (
    !!value && typeof value === 'object' && typeof (value as { signedOn?: unknown }).signedOn === 'string'
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Text type="secondary">
        {label}
        {t('common.colon')}
      </Typography.Text>
      <span style={{ whiteSpace: 'pre-wrap' }}>{children}</span>
    </div>
  );
}

/** The ledger (台账) of a project, newest first; each kind rendered in its own way. Nothing is edited: corrections are entries. */
export function LedgerTimeline(props: LedgerTimelineProps) {
  const { entries, attachments, units, groups, canCorrect, onCorrect } = props;
  const { t, locale } = useI18n();
  const correctedIds = new Set(
    entries.flatMap((entry) => (entry.correctsId === null ? [] : [entry.correctsId])),
  );
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const sorted = [...entries].sort((a, b) =>
    a.effectiveOn === b.effectiveOn ? b.id - a.id : a.effectiveOn < b.effectiveOn ? 1 : -1,
  );

  const attachmentLink = (id: string | null | undefined) => {
    if (!id) return null;
    const attachment = attachments.find((item) => item.id === id);
    return (
      <Line label={t('entry.attachment')}>
        <a href={attachmentUrl(id)} download>
          {attachment?.filename ?? t('common.download')}
        </a>
      </Line>
    );
  };
  const progressLines = (payload: Record<string, unknown>) => (
    <>
      {str(payload.current) ? <Line label={t('entry.current')}>{str(payload.current)}</Line> : null}
      {str(payload.problems) ? <Line label={t('entry.problems')}>{str(payload.problems)}</Line> : null}
      {str(payload.nextSteps) ? <Line label={t('entry.nextSteps')}>{str(payload.nextSteps)}</Line> : null}
    </>
  );
  const kindTitle = (entry: LedgerEntry): string => {
    switch (entry.kind) {
      case 'created':
        return t('entry.created', { stage: labelOf(stageLabels, entry.stageTo, locale) });
      case 'progress':
        return t('entry.progress');
      case 'stage_move': {
        const move = entry.payload as Partial<StageMovePayload>;
        return t('entry.stageMove', {
          kind: labelOf(ledgerMoveKindLabels, move.kind, locale),
          from: labelOf(stageLabels, move.from, locale),
          to: labelOf(stageLabels, move.to ?? entry.stageTo, locale),
        });
      }
      case 'funding':
        return t('entry.funding', { amount: formatAmount(entry.amountFen ?? 0, locale) });
      case 'field_change':
        return t('entry.fieldChange');
      case 'correction':
        return t('entry.correction');
    }
  };

  /** A site photo's date check: verified by its EXIF date, or 未核验 with the reason the user gave. */
  const photoLines = (evidence: Record<string, unknown>) => {
    const check = evidence.photoCheck as PhotoCheck | undefined;
    if (!check || typeof check !== 'object') return null;
    const stated = str(evidence.photoTakenOn);
    if (check.verified) {
      return (
        <Line label={t('move.photoTakenOn')}>
          {stated} <Tag color="green">{t('entry.verifiedPhoto', { date: check.exifOn })}</Tag>
        </Line>
      );
    }
    return (
      <>
        <Line label={t('move.photoTakenOn')}>
          {stated} <Tag color="orange">{t('entry.unverified')}</Tag>
          <Typography.Text type="secondary">{photoProblemText(check, stated, locale)}</Typography.Text>
        </Line>
        {str(evidence.unverifiedReason) ? (
          <Line label={t('move.unverifiedReason')}>{str(evidence.unverifiedReason)}</Line>
        ) : null}
      </>
    );
  };

  function body(entry: LedgerEntry): ReactNode {
    const payload = entry.payload;
    switch (entry.kind) {
      case 'progress':
        return (
          <>
            {progressLines(payload)}
            {attachmentLink(entry.attachmentId)}
          </>
        );
      case 'stage_move': {
        const evidence = (payload as Partial<StageMovePayload>).evidence ?? {};
        const kind = str(evidence.agreementKind);
        return (
          <>
            {kind ? (
              <Line label={t('field.agreementKind')}>{labelOf(agreementKindLabels, kind, locale)}</Line>
            ) : null}
            {typeof evidence.agreedInvestmentFen === 'number' ? (
              <Line label={t('field.agreedInvestmentFen')}>
                <Amount fen={evidence.agreedInvestmentFen} withWan />
              </Line>
            ) : null}
            {str(evidence.registeredOn) ? (
              <Line label={t('field.registeredOn')}>{str(evidence.registeredOn)}</Line>
            ) : null}
            {str(evidence.localCreditCode) ? (
              <Line label={t('field.localCreditCode')}>{str(evidence.localCreditCode)}</Line>
            ) : null}
            {str(evidence.actualStartOn) ? (
              <Line label={t('field.actualStartOn')}>{str(evidence.actualStartOn)}</Line>
            ) : null}
            {str(evidence.reason) ? <Line label={t('entry.reason')}>{str(evidence.reason)}</Line> : null}
            {str(evidence.noAgreementReason) ? (
              <Line label={t('entry.noAgreementReason')}>{str(evidence.noAgreementReason)}</Line>
            ) : null}
            {str(evidence.evidenceKind) ? (
              <Line label={t('move.productionEvidence')}>
                {labelOf(productionEvidenceKindLabels, str(evidence.evidenceKind), locale)}
              </Line>
            ) : null}
            {photoLines(evidence)}
            {isClearedSigning(evidence.cleared) ? (
              <Typography.Text type="secondary">
                {t('entry.cleared', { date: evidence.cleared.signedOn })}
              </Typography.Text>
            ) : null}
            {attachmentLink(entry.attachmentId ?? str(evidence.attachmentId))}
          </>
        );
      }
      case 'funding':
        return (
          <>
            {entry.fundingSource ? (
              <Line label={t('funds.source')}>
                {labelOf(fundingSourceLabels, entry.fundingSource, locale)}
              </Line>
            ) : null}
            {entry.capitalKind ? (
              <Line label={t('funds.capitalKind')}>{t(`capitalKind.${entry.capitalKind}`)}</Line>
            ) : null}
            {payload.undated === true ? (
              <Line label={t('funds.date')}>
                {t('funds.undatedBefore', { date: str(payload.arrivedBefore), on: entry.effectiveOn })}
              </Line>
            ) : null}
            {str(payload.note) ? <Line label={t('entry.note')}>{str(payload.note)}</Line> : null}
          </>
        );
      case 'field_change':
        return (
          <FieldChangeList
            changes={(payload.changes ?? {}) as Record<string, { from: unknown; to: unknown }>}
            units={units}
            groups={groups}
          />
        );
      case 'correction': {
        const original = entry.correctsId === null ? undefined : byId.get(entry.correctsId);
        return (
          <>
            {original ? (
              <div>
                <a href={`#entry-${original.id}`}>
                  {t('entry.corrects', { date: original.effectiveOn, kind: kindTitle(original) })}
                </a>
              </div>
            ) : null}
            <Line label={t('entry.reason')}>{str(payload.reason)}</Line>
            {entry.amountFen !== null ? (
              <Line label={t('funds.amount')}>{formatAmount(entry.amountFen, locale)}</Line>
            ) : null}
            {original?.kind === 'progress' ? progressLines(payload) : null}
          </>
        );
      }
      default:
        return null;
    }
  }

  if (entries.length === 0) return <Empty description={t('detail.noEntries')} />;
  return (
    <Timeline
      items={sorted.map((entry) => {
        const corrected = correctedIds.has(entry.id);
        const correctable =
          canCorrect && !corrected && (entry.kind === 'progress' || entry.kind === 'funding');
        return {
          key: entry.id,
          color: kindColors[entry.kind],
          content: (
            <div
              id={`entry-${entry.id}`}
              data-testid={`ledger-entry-${entry.id}`}
              style={{ opacity: corrected ? 0.6 : 1 }}
            >
              <Space size={8} wrap>
                <Typography.Text strong>{entry.effectiveOn}</Typography.Text>
                <Typography.Text strong delete={corrected}>
                  {kindTitle(entry)}
                </Typography.Text>
                {corrected ? <Tag color="red">{t('entry.correctedBy')}</Tag> : null}
                {typeof entry.payload.lateFor === 'string' ? (
                  <Tag color="purple">{t('closing.lateFor', { date: entry.payload.lateFor })}</Tag>
                ) : null}
                {correctable ? (
                  <Button size="small" type="link" onClick={() => onCorrect(entry)}>
                    {t('entry.correct')}
                  </Button>
                ) : null}
              </Space>
              <div style={{ marginTop: 4 }}>{body(entry)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('entry.by', {
                  actor: entry.actorName,
                  at: dayjs(entry.recordedAt).format('YYYY-MM-DD HH:mm'),
                })}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}
