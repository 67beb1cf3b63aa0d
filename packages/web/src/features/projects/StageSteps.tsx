import { Alert, Steps } from 'antd';
import { activeStages, isActiveStage, stageLabels, type ActiveStage } from '@landfall/domain';
import type { Project } from '../../api/library-types.ts';
import { useI18n } from '../../i18n/useT.ts';

/** The dates a project reached each stage, where the record keeps them. */
function reachedOn(project: Project, stage: ActiveStage): string | null {
  switch (stage) {
    case 'signed':
      return project.signedOn;
    case 'settled':
      return project.registeredOn;
    case 'construction':
      return project.actualStartOn;
    case 'production':
      return project.productionOn;
    default:
      return null;
  }
}

/** The pipeline as Steps; a paused or dropped project shows where it stopped. */
export function StageSteps({ project }: { project: Project }) {
  const { t, locale } = useI18n();
  const stopped = !isActiveStage(project.stage);
  const at = isActiveStage(project.stage) ? project.stage : project.stageBefore;
  const current = at && isActiveStage(at) ? activeStages.indexOf(at) : 0;
  return (
    <>
      {stopped && at ? (
        <Alert
          type={project.stage === 'dropped' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(project.stage === 'dropped' ? 'detail.droppedFrom' : 'detail.pausedFrom', {
            stage: stageLabels[at][locale],
          })}
        />
      ) : null}
      <Steps
        size="small"
        current={current}
        status={
          project.stage === 'dropped'
            ? 'error'
            : project.stage === 'paused'
              ? 'wait'
              : project.stage === 'production'
                ? 'finish'
                : 'process'
        }
        items={activeStages.map((stage, index) => ({
          title: stageLabels[stage][locale],
          content: index === current ? project.stageOn : (reachedOn(project, stage) ?? undefined),
        }))}
      />
    </>
  );
}
