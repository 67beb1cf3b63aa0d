import { Card, Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { agreementKindLabels, regionLabels } from '@landfall/domain';
import type { ProjectDetail } from '../../api/library-types.ts';
import type { Group, Unit } from '../../api/types.ts';
import { Amount } from '../../components/Amount.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { DivisionName } from '../divisions/DivisionName.tsx';
import { useEnterprise } from '../enterprises/useEnterprises.ts';
import { IndustryName } from '../industries/IndustryName.tsx';
import { useFocusIndustries } from '../industries/useIndustries.ts';

/** The project's fields (Descriptions) and its investors. */
export function ProjectFieldsCard({
  detail,
  units,
  groups,
}: {
  detail: ProjectDetail;
  units: Unit[];
  groups: Group[];
}) {
  const { t, locale } = useI18n();
  const focus = useFocusIndustries();
  const { project } = detail;
  const none = t('common.none');
  const text = (value: string | null | undefined) => (value ? value : none);
  const referrer = useEnterprise(project.referrerEnterpriseId).data?.name;

  const items: DescriptionsProps['items'] = [
    {
      key: 'unit',
      label: t('field.unitId'),
      children: text(units.find((u) => u.id === project.unitId)?.name),
    },
    {
      key: 'group',
      label: t('field.groupId'),
      children: text(groups.find((g) => g.id === project.groupId)?.name),
    },
    { key: 'kind', label: t('field.projectKind'), children: t(`projectKind.${project.projectKind}`) },
    {
      key: 'agreed',
      label: t('field.agreedInvestmentFen'),
      children: <Amount fen={project.agreedInvestmentFen} withWan />,
    },
    {
      key: 'fixed',
      label: t('field.fixedAssetFen'),
      children: <Amount fen={project.fixedAssetFen} withWan />,
    },
    {
      key: 'funds',
      label: t('field.fundsInPlaceFen'),
      children: <Amount fen={project.fundsInPlaceFen} withWan />,
    },
    {
      key: 'origin',
      label: t('field.originDivisionCode'),
      children: <DivisionName code={project.originDivisionCode} />,
    },
    {
      key: 'region',
      label: t('field.region'),
      children: project.region ? regionLabels[project.region][locale] : none,
    },
    { key: 'capital', label: t('field.capitalKind'), children: t(`capitalKind.${project.capitalKind}`) },
    {
      key: 'industry',
      label: t('field.industryCode'),
      children: <IndustryName code={project.industryCode} />,
    },
    {
      key: 'focus',
      label: t('field.focusIndustryId'),
      children: text(focus.data?.find((f) => f.id === project.focusIndustryId)?.name),
    },
    {
      key: 'emerging',
      label: t('field.strategicEmerging'),
      children: t(project.strategicEmerging ? 'common.yes' : 'common.no'),
    },
    { key: 'chain', label: t('field.chainNode'), children: text(project.chainNode) },
    { key: 'land', label: t('field.landMu'), children: text(project.landMu) },
    { key: 'referrer', label: t('field.referrerEnterpriseId'), children: text(referrer) },
    {
      key: 'agreement',
      label: t('field.agreementKind'),
      children: project.agreementKind ? agreementKindLabels[project.agreementKind][locale] : none,
    },
    { key: 'signedOn', label: t('field.signedOn'), children: text(project.signedOn) },
    { key: 'registeredOn', label: t('field.registeredOn'), children: text(project.registeredOn) },
    {
      key: 'localCreditCode',
      label: t('field.localCreditCode'),
      children: project.localCreditCode ? (
        <Typography.Text style={{ fontFamily: 'monospace' }}>{project.localCreditCode}</Typography.Text>
      ) : (
        none
      ),
    },
    { key: 'plannedStart', label: t('field.plannedStartOn'), children: text(project.plannedStartOn) },
    { key: 'actualStart', label: t('field.actualStartOn'), children: text(project.actualStartOn) },
    {
      key: 'plannedProduction',
      label: t('field.plannedProductionOn'),
      children: text(project.plannedProductionOn),
    },
    { key: 'production', label: t('field.productionOn'), children: text(project.productionOn) },
    { key: 'leader', label: t('field.leaderInCharge'), children: text(project.leaderInCharge) },
    { key: 'contact', label: t('field.contactName'), children: text(project.contactName) },
    { key: 'phone', label: t('field.contactPhone'), children: text(project.contactPhone) },
    {
      key: 'sensitivity',
      label: t('field.sensitivity'),
      children: t(`sensitivity.${project.sensitivity}`),
    },
    { key: 'lastEntry', label: t('field.lastEntryOn'), children: project.lastEntryOn },
    {
      key: 'content',
      label: t('field.constructionContent'),
      span: 'filled',
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{text(project.constructionContent)}</span>,
    },
  ];

  return (
    <Card title={t('detail.fields')} size="small">
      <div style={{ marginBottom: 12 }}>
        <Typography.Text strong>
          {t('detail.investors')}
          {t('common.colon')}
        </Typography.Text>
        {detail.enterprises.length === 0 ? (
          <Typography.Text type="secondary">{t('detail.noInvestors')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap data-testid="project-investors">
            {detail.enterprises.map((enterprise) => (
              <Tag key={enterprise.id} title={enterprise.creditCode ?? undefined}>
                {enterprise.name}
              </Tag>
            ))}
          </Space>
        )}
      </div>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
    </Card>
  );
}
