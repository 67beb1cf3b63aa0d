import { useNavigate } from 'react-router';
import { stageLabels, stages, type Stage } from '@landfall/domain';
import { useI18n } from '../../../i18n/useT.ts';
import { projectsLink } from '../drillDown.ts';
import { Chart, type ChartOption, type TooltipItem } from './Chart.tsx';

const stageColors: Record<Stage, string> = {
  planning: '#bfbfbf',
  negotiating: '#69b1ff',
  signed: '#36cfc9',
  settled: '#597ef7',
  construction: '#9254de',
  production: '#52c41a',
  paused: '#ffc53d',
  dropped: '#ff7875',
};

/** The pipeline (储备 → 投产, then 暂停/终止): projects per stage as of the date; a stage opens its projects. */
export function StageChart({
  funnel,
  asOf,
}: {
  funnel: { stage: Stage; projects: number }[];
  asOf: string | undefined;
}) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const counts = stages.map((stage) => ({
    stage,
    projects: funnel.find((entry) => entry.stage === stage)?.projects ?? 0,
  }));
  const option: ChartOption = {
    grid: { left: 72, right: 40, top: 16, bottom: 24 },
    tooltip: {
      trigger: 'item',
      formatter: (raw: unknown) => {
        const entry = counts[(raw as TooltipItem).dataIndex];
        return entry
          ? `${stageLabels[entry.stage][locale]}：${t('dashboard.projectsN', { n: entry.projects })}<br/>${t('dashboard.clickStage')}`
          : '';
      },
    },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: counts.map((entry) => stageLabels[entry.stage][locale]),
      triggerEvent: true,
    },
    series: [
      {
        type: 'bar',
        name: t('dashboard.projects'),
        data: counts.map((entry) => ({
          value: entry.projects,
          itemStyle: { color: stageColors[entry.stage] },
        })),
        label: { show: true, position: 'right' },
        barMaxWidth: 22,
      },
    ],
  };
  return (
    <Chart
      option={option}
      height={320}
      testId="chart-funnel"
      label={t('dashboard.funnel')}
      onClick={(event) => {
        const entry =
          event.componentType === 'yAxis'
            ? counts.find((c) => stageLabels[c.stage][locale] === event.value)
            : counts[event.dataIndex ?? -1];
        if (entry) void navigate(projectsLink({ stage: entry.stage }, asOf));
      }}
    />
  );
}
