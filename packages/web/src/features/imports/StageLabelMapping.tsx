import { useState } from 'react';
import { Alert, Button, Select, Space, Typography } from 'antd';
import { stageLabels, stages, type Stage } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';

/**
 * Stage labels the file uses that are not known (e.g. 洽谈中, 已落户): each is mapped to a
 * stage; the choices go into the options' stageLabels and the preview runs again.
 */
export function StageLabelMapping({
  labels,
  busy,
  onApply,
}: {
  labels: string[];
  busy: boolean;
  onApply: (choices: Record<string, Stage>) => void;
}) {
  const { t, locale } = useI18n();
  const [choices, setChoices] = useState<Record<string, Stage>>({});
  if (labels.length === 0) return null;
  const complete = labels.every((label) => choices[label]);
  return (
    <Alert
      type="warning"
      showIcon
      title={t('imports.unknownStages', { n: labels.length })}
      data-testid="import-stage-labels"
      description={
        <Space orientation="vertical" size={8}>
          <Typography.Text type="secondary">{t('imports.unknownStagesHelp')}</Typography.Text>
          {labels.map((label) => (
            <Space key={label}>
              <Typography.Text strong>{label}</Typography.Text>
              <Select<Stage>
                aria-label={t('imports.stageFor', { label })}
                value={choices[label]}
                placeholder={t('imports.chooseStage')}
                style={{ width: 160 }}
                options={stages.map((stage) => ({ value: stage, label: stageLabels[stage][locale] }))}
                onChange={(stage) => setChoices((current) => ({ ...current, [label]: stage }))}
              />
            </Space>
          ))}
          <Button disabled={!complete} loading={busy} onClick={() => onApply(choices)}>
            {t('imports.applyStages')}
          </Button>
        </Space>
      }
    />
  );
}
