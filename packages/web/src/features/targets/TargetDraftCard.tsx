import { useState } from 'react';
import { App, Button, Card, DatePicker, Modal, Space, Tooltip, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { errorMessages, type AllocationDifference } from '@landfall/domain';
import { isApiError } from '../../api/client.ts';
import type { TargetPlan } from '../../api/targets.ts';
import { staleCurrent } from '../../components/errors.ts';
import { fromDateText, toDateText } from '../../components/formats.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { AllocationEditor } from './AllocationEditor.tsx';
import { AllocationSummary } from './AllocationSummary.tsx';
import { differencesFromDetails, type AllocationNode } from './allocationModel.ts';
import { metricKind } from './metricValue.ts';
import { useAllocationForm } from './useAllocationForm.ts';
import { useFinalizeTargetPlan, useSaveTargetDraft } from './useTargets.ts';

interface TargetDraftCardProps {
  plan: TargetPlan;
  root: AllocationNode;
  canWrite: boolean;
}

/** A draft plan: the breakdown editor, 保存草稿 (need not add up) and 下达 (must add up). */
export function TargetDraftCard({ plan, root, canWrite }: TargetDraftCardProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const kind = metricKind(plan.metric);
  const form = useAllocationForm(plan.draft, root, kind);
  const saveDraft = useSaveTargetDraft();
  const finalize = useFinalizeTargetPlan();
  const [serverDifferences, setServerDifferences] = useState<AllocationDifference[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [effectiveFrom, setEffectiveFrom] = useState(`${plan.year}-01-01`);
  const { parsed } = form;
  const parsesCleanly = Object.keys(parsed.errors).length === 0;

  function onError(error: unknown) {
    const current = staleCurrent<TargetPlan>(error);
    if (current) {
      void message.warning(errorMessages.stale_version[locale]);
      form.reset(current.draft);
      return;
    }
    const differences = isApiError(error) ? differencesFromDetails(error.details) : [];
    setServerDifferences(differences);
    reportError(error);
  }

  function save() {
    setServerDifferences([]);
    saveDraft.mutate(
      { id: plan.id, input: { ...parsed.body, version: plan.version } },
      { onSuccess: () => void message.success(t('targets.draftSaved')), onError },
    );
  }

  /** Awaited rather than with mutate callbacks: once released, this card gives way to the final one. */
  async function release() {
    setServerDifferences([]);
    try {
      await finalize.mutateAsync({ plan, body: parsed.body, effectiveFrom });
      void message.success(t('targets.finalized'));
    } catch (error) {
      setConfirming(false);
      onError(error);
    }
  }

  const confirmButton = { 'data-testid': 'target-finalize-confirm' };
  const releaseButton = (
    <Button
      type="primary"
      icon={<SendOutlined />}
      disabled={!parsed.ok}
      onClick={() => setConfirming(true)}
      data-testid="target-finalize"
    >
      {t('targets.finalize')}
    </Button>
  );

  return (
    <Card
      title={t('targets.breakdown')}
      extra={
        canWrite ? (
          <Space>
            <Button
              icon={<SaveOutlined />}
              disabled={!parsesCleanly}
              loading={saveDraft.isPending}
              onClick={save}
              data-testid="target-save-draft"
            >
              {t('targets.saveDraft')}
            </Button>
            {parsed.ok ? (
              releaseButton
            ) : (
              <Tooltip title={t('targets.finalizeDisabled')}>{releaseButton}</Tooltip>
            )}
          </Space>
        ) : null
      }
    >
      {canWrite ? (
        <Typography.Paragraph type="secondary">{t('targets.draftHelp')}</Typography.Paragraph>
      ) : null}
      <AllocationSummary root={root} parsed={parsed} kind={kind} serverDifferences={serverDifferences} />
      <AllocationEditor
        root={root}
        texts={form.texts}
        parsed={parsed}
        kind={kind}
        onChange={canWrite ? form.setText : undefined}
      />
      <Modal
        open={confirming}
        title={t('targets.finalizeTitle')}
        okText={t('targets.finalize')}
        cancelText={t('common.cancel')}
        confirmLoading={finalize.isPending}
        okButtonProps={confirmButton}
        onOk={() => void release()}
        onCancel={() => setConfirming(false)}
      >
        <Typography.Paragraph>{t('targets.finalizeIntro')}</Typography.Paragraph>
        <Space>
          <Typography.Text id="finalize-effective-label">{t('targets.effectiveFrom')}</Typography.Text>
          <DatePicker
            aria-labelledby="finalize-effective-label"
            value={fromDateText(effectiveFrom) ?? null}
            allowClear={false}
            disabledDate={(day) => day.year() !== plan.year}
            onChange={(day) => setEffectiveFrom(toDateText(day) ?? `${plan.year}-01-01`)}
          />
        </Space>
      </Modal>
    </Card>
  );
}
