import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Col, Empty, Row, Space, Spin, Typography } from 'antd';
import {
  formatPercent,
  formatSignedPercent,
  matterLevelLabels,
  stageLabels,
  targetMetricLabels,
  timeProgressModeLabels,
} from '@landfall/domain';
import type { UnitHome } from '../../api/unit-home.ts';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { lightColors, TrafficLight } from '../dashboard/TrafficLight.tsx';
import { UnitRanking } from '../dashboard/UnitRanking.tsx';
import { AsOfBanner, AsOfPicker, KnownOnPicker } from '../projects/AsOf.tsx';
import { asOfSearch, useAsOf, useClearAsOf, useKnownOn } from '../projects/useAsOf.ts';
import { formatMetricValue, metricKind } from '../targets/metricValue.ts';
import { useUnitHome } from './useUnitHome.ts';

function Figure({
  title,
  value,
  testId,
  footer,
  color,
}: {
  title: string;
  value: ReactNode;
  testId: string;
  footer?: ReactNode;
  color?: string | undefined;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div data-testid={testId} style={{ fontSize: 24, fontWeight: 600, lineHeight: '36px', color }}>
        {value}
      </div>
      {footer ? <div style={{ fontSize: 12, minHeight: 20 }}>{footer}</div> : null}
    </Card>
  );
}

/** One of the lists of what waits on the unit: a few rows, each a link, and one to the whole list. */
function WaitingList<T extends { id: string }>(props: {
  title: string;
  testId: string;
  list: { total: number; items: T[] };
  none: string;
  more: string;
  render: (item: T) => ReactNode;
}) {
  const { t } = useI18n();
  const { list } = props;
  return (
    <Card
      size="small"
      title={`${props.title}（${list.total}）`}
      data-testid={props.testId}
      extra={
        list.total > list.items.length ? (
          <Link to={props.more}>{t('unitHome.more', { total: list.total })}</Link>
        ) : null
      }
      style={{ height: '100%' }}
    >
      {list.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.none} />
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {list.items.map((item) => (
            <li key={item.id} style={{ marginBottom: 6 }}>
              {props.render(item)}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Standing({ home, asOf }: { home: UnitHome; asOf: string | undefined }) {
  const { t, locale } = useI18n();
  const kind = metricKind(home.metric);
  const value = (amount: number | null) => formatMetricValue(amount, kind, locale);
  const s = home.standing;
  if (!s) return <Alert type="info" showIcon title={t('unitHome.notRanked')} />;
  const gapColor = s.gap === null ? undefined : s.gap >= 0 ? lightColors.green : lightColors.red;
  const cards: { key: string; node: ReactNode }[] = [
    {
      key: 'target',
      node: <Figure title={t('unitHome.target')} value={value(s.target)} testId="unit-target" />,
    },
    {
      key: 'actual',
      node: <Figure title={t('unitHome.actual')} value={value(s.actual)} testId="unit-actual" />,
    },
    {
      key: 'completion',
      node: (
        <Figure
          title={t('unitHome.completion')}
          value={formatPercent(s.completion)}
          testId="unit-completion"
          footer={<TrafficLight light={s.light} testId="unit-light" />}
        />
      ),
    },
    {
      key: 'time',
      node: (
        <Figure
          title={`${t('unitHome.timeProgress')}（${timeProgressModeLabels[home.timeMode][locale]}）`}
          value={formatPercent(home.timeProgress)}
          testId="unit-time-progress"
          footer={
            <Typography.Text type="secondary">{t('dashboard.asOfDate', { date: home.asOf })}</Typography.Text>
          }
        />
      ),
    },
    {
      key: 'gap',
      node: (
        <Figure
          title={t('unitHome.gap')}
          value={formatSignedPercent(s.gap)}
          color={gapColor}
          testId="unit-gap"
        />
      ),
    },
    {
      key: 'rank',
      node: (
        <Figure
          title={t('unitHome.rank')}
          value={t('unitHome.rankOf', { rank: s.rank })}
          testId="unit-rank"
          footer={
            <Typography.Text type="secondary">
              {t('unitHome.rankCount', { count: home.unitCount })}
            </Typography.Text>
          }
        />
      ),
    },
    ...(s.forecast !== null
      ? [
          {
            key: 'forecast',
            node: <Figure title={t('unitHome.forecast')} value={value(s.forecast)} testId="unit-forecast" />,
          },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {s.target === null ? (
        <Alert type="info" showIcon title={t('unitHome.noTarget', { year: home.year })} />
      ) : null}
      <Row gutter={[12, 12]}>
        {cards.map((card) => (
          <Col key={card.key} xs={12} md={8} xl={6} xxl={{ flex: '1 1 0' }}>
            {card.node}
          </Col>
        ))}
      </Row>
      {home.ranking ? (
        <Card size="small" title={t('unitHome.ranking')} data-testid="unit-ranking">
          <UnitRanking
            units={home.ranking}
            groups={[]}
            kind={kind}
            showForecast={s.forecast !== null}
            asOf={asOf}
            tiers={[]}
          />
        </Card>
      ) : (
        <Typography.Text type="secondary" data-testid="unit-ranking-hidden">
          {t('unitHome.rankingHidden')}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 单位工作台: how the caller's unit stands against its target, and what waits on it. */
export function UnitHomePage() {
  const { t, locale } = useI18n();
  const [asOf, setAsOf] = useAsOf();
  const [knownOn, setKnownOn] = useKnownOn();
  const clearAsOf = useClearAsOf();
  const home = useUnitHome({ asOf, knownOn });
  const { data: me } = useMe();
  const data = home.data;
  if (home.isError && !data) return <LoadError error={home.error} onRetry={() => void home.refetch()} />;
  if (!data) return <FullPageSpin />;
  const search = asOfSearch(asOf, knownOn);
  const overdue = (item: { overdue: boolean; daysOverdue: number; deadline: string }) =>
    item.overdue ? (
      <Typography.Text type="danger"> {t('unitHome.overdue', { days: item.daysOverdue })}</Typography.Text>
    ) : (
      <Typography.Text type="secondary"> {t('unitHome.deadline', { date: item.deadline })}</Typography.Text>
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="unit-home">
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('unitHome.title', { unit: data.unit.name })}
            </Typography.Title>
            {me ? (
              <Typography.Text type="secondary">
                {t('home.welcome', { name: me.displayName })}
              </Typography.Text>
            ) : null}
            {home.isFetching ? <Spin size="small" /> : null}
          </Space>
        }
        extra={
          <Space wrap>
            <AsOfPicker value={asOf} onChange={setAsOf} />
            <KnownOnPicker value={knownOn} onChange={setKnownOn} />
          </Space>
        }
      >
        <AsOfBanner asOf={asOf} knownOn={knownOn} onClear={clearAsOf} />
        <Typography.Paragraph type="secondary">
          {t('unitHome.standing', { year: data.year, metric: targetMetricLabels[data.metric][locale] })}
        </Typography.Paragraph>
        <Standing home={data} asOf={asOf} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <WaitingList
            title={t('unitHome.stale')}
            testId="unit-stale"
            list={data.staleProjects}
            none={t('unitHome.staleNone')}
            more={`/projects?stale=true${search ? `&${search.slice(1)}` : ''}`}
            render={(p) => (
              <>
                <Link to={`/projects/${p.id}${search}`}>{p.name}</Link>{' '}
                <Typography.Text type="secondary">
                  {stageLabels[p.stage][locale]} · {t('unitHome.lastEntry', { date: p.lastEntryOn })}
                </Typography.Text>
              </>
            )}
          />
        </Col>
        <Col xs={24} lg={8}>
          <WaitingList
            title={t('unitHome.matters')}
            testId="unit-matters"
            list={data.openMatters}
            none={t('unitHome.mattersNone')}
            more="/matters"
            render={(m) => (
              <>
                <Link to={`/matters/${m.id}`}>{m.title}</Link>{' '}
                <Typography.Text type="secondary">{matterLevelLabels[m.level][locale]}</Typography.Text>
                {overdue(m)}
              </>
            )}
          />
        </Col>
        <Col xs={24} lg={8}>
          <WaitingList
            title={t('unitHome.tasks')}
            testId="unit-tasks"
            list={data.openTasks}
            none={t('unitHome.tasksNone')}
            more="/tasks"
            render={(task) => (
              <>
                <Link to={`/tasks/${task.id}`}>{task.content}</Link>
                {overdue(task)}
              </>
            )}
          />
        </Col>
      </Row>
    </Space>
  );
}
