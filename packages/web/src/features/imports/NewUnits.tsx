import { Alert, Button, Space, Tag } from 'antd';
import { useI18n } from '../../i18n/useT.ts';

/**
 * 责任单位 the file names that do not exist yet: created on import when the person agrees. In a
 * roll-up table with new districts the districts' button creates both, so this one is left out.
 */
export function NewUnits({
  names,
  creating,
  busy,
  withAction = true,
  onCreate,
}: {
  names: string[];
  creating: boolean;
  busy: boolean;
  withAction?: boolean;
  onCreate: () => void;
}) {
  const { t } = useI18n();
  if (names.length === 0) return null;
  return (
    <Alert
      type={creating ? 'info' : 'warning'}
      showIcon
      data-testid="import-new-units"
      title={
        creating
          ? t('imports.newUnitsCreated', { n: names.length })
          : t('imports.newUnits', { n: names.length })
      }
      description={
        <Space wrap size={[4, 8]}>
          {names.map((name) => (
            <Tag key={name}>{name}</Tag>
          ))}
        </Space>
      }
      action={
        creating || !withAction ? null : (
          <Button size="small" loading={busy} onClick={onCreate}>
            {t('imports.createUnitsAndPreview')}
          </Button>
        )
      }
    />
  );
}
