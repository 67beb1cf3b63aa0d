import { App } from 'antd';
import { reminderInputSchema } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';
import { TextActionModal } from './TextActionModal.tsx';

/** 催办: a reminder (催办单) with an optional note, to the unit holding an overdue item. */
export function RemindModal(props: {
  target: { title: string; unitName: string } | null;
  onClose: () => void;
  send: (note: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { target } = props;
  return (
    <TextActionModal
      open={target !== null}
      name="remind"
      title={t('loop.remindTitle', { title: target?.title ?? '' })}
      label={t('loop.remindNote')}
      help={t('loop.remindHelp', { unit: target?.unitName ?? '' })}
      okText={t('loop.remind')}
      maxLength={500}
      schema={reminderInputSchema.shape.note}
      required={false}
      onClose={props.onClose}
      onSubmit={async (note) => {
        await props.send(note);
        void message.success(t('loop.reminded'));
      }}
    />
  );
}
