import { listAllowedMoves, type ActiveStage, type StageMove } from '@landfall/domain';
import type { Project } from '../../api/library-types.ts';

/** The moves the stage rules allow from where the project stands (kept apart from the modal, which loads lazily). */
export function allowedMoves(project: Pick<Project, 'stage' | 'stageBefore'>): StageMove[] {
  const origin = project.stageBefore as ActiveStage | null;
  return listAllowedMoves({ stage: project.stage, pausedFrom: origin, droppedFrom: origin });
}
