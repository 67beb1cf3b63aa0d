import { useState } from 'react';
import { App } from 'antd';
import type { ImportBatch, ImportSummary } from '../../api/imports.ts';
import { useI18n } from '../../i18n/useT.ts';
import { draftFromBatch, optionsFromDraft, type ImportDraft } from './importDraft.ts';
import { importErrorText, refusedSummary } from './importError.ts';
import { useCommitImport, usePreviewImport } from './useImports.ts';

export type WizardStep = 'upload' | 'mapping' | 'preview' | 'commit';
export const wizardSteps: WizardStep[] = ['upload', 'mapping', 'preview', 'commit'];

export interface ImportWizard {
  step: WizardStep;
  batch: ImportBatch | null;
  draft: ImportDraft | null;
  setDraft: (draft: ImportDraft) => void;
  /** The last preview's (or refused commit's, or the commit's) summary. */
  summary: ImportSummary | null;
  /** The last failure, in the server's words, shown on the current step. */
  problem: string | null;
  /** A preview or a commit is running (the progress bar shows). */
  running: 'preview' | 'commit' | null;
  open: (batch: ImportBatch) => void;
  restart: () => void;
  /** Back to 核对表头; `usdRate` puts the cursor in the 美元汇率 field (the preview asked for it). */
  backToMapping: (focus?: 'usdRate') => void;
  /** The mapping step opened to fill in the USD rate. */
  focusUsdRate: boolean;
  preview: (draft?: ImportDraft) => void;
  commit: () => void;
}

/**
 * The import wizard's state: 上传文件 → 核对表头 → 预览 → 导入. Every preview and commit sends
 * the whole draft (columns, stage labels, cut-off, unit, new units), so what was previewed is
 * what gets committed. A fixed file is a new upload: back to the first step.
 */
export function useImportWizard(): ImportWizard {
  const { locale, t } = useI18n();
  const { message } = App.useApp();
  const [step, setStep] = useState<WizardStep>('upload');
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [draft, setDraft] = useState<ImportDraft | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusUsdRate, setFocusUsdRate] = useState(false);
  const previewing = usePreviewImport();
  const committing = useCommitImport();

  const fail = (error: unknown) => {
    const text = importErrorText(error, locale, t);
    setProblem(text);
    void message.error(text);
  };

  const open = (next: ImportBatch) => {
    setBatch(next);
    setDraft(draftFromBatch(next));
    setSummary(null);
    setProblem(null);
    setStep('mapping');
  };

  const restart = () => {
    setBatch(null);
    setDraft(null);
    setSummary(null);
    setProblem(null);
    setStep('upload');
  };

  const backToMapping = (focus?: 'usdRate') => {
    setProblem(null);
    setFocusUsdRate(focus === 'usdRate');
    setStep('mapping');
  };

  const preview = (next: ImportDraft | undefined = draft ?? undefined) => {
    if (!batch || !next) return;
    setDraft(next);
    setProblem(null);
    previewing.mutate(
      { id: batch.id, options: optionsFromDraft(next) },
      {
        onSuccess: (result) => {
          setBatch(result);
          setSummary(result.summary);
          setStep('preview');
        },
        onError: fail,
      },
    );
  };

  const commit = () => {
    if (!batch || !draft) return;
    setProblem(null);
    setStep('commit');
    committing.mutate(
      { id: batch.id, options: optionsFromDraft(draft) },
      {
        onSuccess: (result) => {
          setBatch(result);
          setSummary(result.summary);
        },
        onError: (error) => {
          // 400 with the summary: nothing was written; its errors show as in a preview.
          const refused = refusedSummary(error);
          if (refused) setSummary(refused);
          fail(error);
          setStep('preview');
        },
      },
    );
  };

  return {
    step,
    batch,
    draft,
    setDraft,
    summary,
    problem,
    running: previewing.isPending ? 'preview' : committing.isPending ? 'commit' : null,
    open,
    restart,
    backToMapping,
    focusUsdRate,
    preview,
    commit,
  };
}
