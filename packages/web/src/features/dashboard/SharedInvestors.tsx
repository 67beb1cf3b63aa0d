import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, List, Select, Space, Tag, Typography } from 'antd';
import { sharedInvestorRuleLabels, sharedInvestorRules, type SharedInvestorRule } from '@landfall/domain';
import type { SharedInvestor } from '../../api/dashboard.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { StageTag } from '../projects/StageTag.tsx';
import { DuplicateMarkModal, DuplicateUndoModal } from './DuplicateMarkModal.tsx';
import { projectsLink } from './drillDown.ts';
import { useSharedInvestorSetting, useUpdateSharedInvestorSetting } from './useSharedInvestors.ts';

/**
 * For coordinators: the same investor reported by two or more units, each project by name and unit.
 * Two projects of one investor may be two real investments; the coordinator marks a second report
 * of the same investment (重复报送), which then counts nowhere — the kept report counts for its unit.
 */
export function SharedInvestors({
  investors,
  asOf,
}: {
  investors: SharedInvestor[];
  asOf: string | undefined;
}) {
  const { t } = useI18n();
  const [marking, setMarking] = useState<SharedInvestor | null>(null);
  const [undoing, setUndoing] = useState<string | null>(null);
  const projectSearch = asOf ? `?asOf=${asOf}` : '';
  return (
    <>
      <Alert
        type="warning"
        showIcon
        title={t('dashboard.sharedInvestorsHelp')}
        style={{ marginBottom: 12 }}
      />
      <RuleSelect />
      <List<SharedInvestor>
        size="small"
        dataSource={investors}
        data-testid="shared-investors"
        renderItem={(investor) => {
          const nameOf = (id: string) => {
            const p = investor.projects.find((x) => x.id === id);
            return p ? `${p.name ?? t('dashboard.sensitiveProject')}（${p.unitName}）` : id;
          };
          return (
            <List.Item
              key={investor.enterpriseId}
              actions={
                // Something left to mark: two reports or more not yet marked.
                investor.projects.filter((p) => !p.duplicateOf).length > 1
                  ? [
                      <Button key="mark" size="small" onClick={() => setMarking(investor)}>
                        {t('dashboard.markDuplicate')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Link to={projectsLink({ q: investor.name }, asOf)} style={{ fontWeight: 600 }}>
                    {investor.name}
                  </Link>
                  {investor.creditCode ? (
                    <Typography.Text type="secondary" copyable>
                      {investor.creditCode}
                    </Typography.Text>
                  ) : null}
                </Space>
                {investor.projects.map((p) => {
                  const mark = investor.duplicates.find((m) => m.projectId === p.id);
                  return (
                    <Space key={p.id} wrap size={6} data-testid="shared-project">
                      {p.name ? (
                        <Link to={`/projects/${p.id}${projectSearch}`}>{p.name}</Link>
                      ) : (
                        <Typography.Text type="secondary">{t('dashboard.sensitiveProject')}</Typography.Text>
                      )}
                      <Typography.Text type="secondary">{p.unitName}</Typography.Text>
                      <StageTag stage={p.stage} />
                      <Typography.Text type="secondary">
                        {t('dashboard.enteredOn', { date: p.enteredOn })}
                      </Typography.Text>
                      {mark ? (
                        <>
                          <Tag color="red">
                            {t('dashboard.duplicateOf', { name: nameOf(mark.keptProjectId) })}
                          </Tag>
                          <Button size="small" type="link" onClick={() => setUndoing(mark.id)}>
                            {t('dashboard.undoDuplicate')}
                          </Button>
                        </>
                      ) : investor.duplicates.some((m) => m.keptProjectId === p.id) ? (
                        <Tag color="green">{t('dashboard.keptReport')}</Tag>
                      ) : null}
                    </Space>
                  );
                })}
              </Space>
            </List.Item>
          );
        }}
      />
      <DuplicateMarkModal
        key={marking?.enterpriseId ?? 'none'}
        investor={marking}
        onClose={() => setMarking(null)}
      />
      <DuplicateUndoModal markId={undoing} onClose={() => setUndoing(null)} />
    </>
  );
}

/** The tenant's rule proposing the report that counts (首报单位 / 落地单位). */
function RuleSelect() {
  const { t, locale } = useI18n();
  const reportError = useReportError();
  const setting = useSharedInvestorSetting();
  const update = useUpdateSharedInvestorSetting();
  return (
    <Space style={{ marginBottom: 8 }} wrap>
      <Typography.Text type="secondary">
        <label htmlFor="shared-investor-rule">{t('dashboard.sharedRule')}</label>
      </Typography.Text>
      <Select<SharedInvestorRule>
        id="shared-investor-rule"
        size="small"
        style={{ width: 140 }}
        value={setting.data?.rule}
        disabled={!setting.data}
        loading={update.isPending}
        options={sharedInvestorRules.map((rule) => ({
          value: rule,
          label: sharedInvestorRuleLabels[rule][locale],
        }))}
        onChange={(rule) => {
          if (setting.data)
            update.mutate(
              { rule, version: setting.data.version },
              { onError: (error) => reportError(error) },
            );
        }}
      />
      <Typography.Text type="secondary">{t('dashboard.sharedRuleHelp')}</Typography.Text>
    </Space>
  );
}
