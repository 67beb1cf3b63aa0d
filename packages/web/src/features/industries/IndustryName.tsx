import { Typography } from 'antd';
import { useI18n } from '../../i18n/useT.ts';
import { useIndustry } from './useIndustries.ts';

/** '3670 汽车零部件及配件制造' for a GB/T 4754 code. */
export function IndustryName({ code }: { code: string | null | undefined }) {
  const { t } = useI18n();
  const industry = useIndustry(code);
  if (!code) return <>{t('common.none')}</>;
  const name = industry.data?.name;
  return (
    <span title={industry.data?.note ?? undefined}>
      {/^[A-T]$/.test(code) ? null : <Typography.Text type="secondary">{code} </Typography.Text>}
      {name ?? (/^[A-T]$/.test(code) ? code : '')}
    </span>
  );
}
