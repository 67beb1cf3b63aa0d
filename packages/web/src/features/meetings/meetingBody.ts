import type { MeetingUpdateInput } from '@landfall/domain';
import type { Meeting } from '../../api/coordination-types.ts';

/** The full PUT body of a meeting as it stands, with some parts changed (kind and date are fixed). */
export function meetingUpdateBody(
  meeting: Meeting,
  changes: Partial<MeetingUpdateInput>,
): MeetingUpdateInput {
  return {
    title: meeting.title,
    location: meeting.location,
    convenerId: meeting.convenerId,
    attendeeUnitIds: meeting.attendeeUnitIds,
    attendeeLeaders: meeting.attendeeLeaders,
    agenda: meeting.agenda,
    minutes: meeting.minutes,
    version: meeting.version,
    ...changes,
  };
}

/** Where an agenda item or brief line leads. */
export function recordPath(type: string, id: string): string {
  switch (type) {
    case 'matter':
      return `/matters/${id}`;
    case 'task':
      return `/tasks/${id}`;
    case 'project':
      return `/projects/${id}`;
    case 'lead':
      return `/leads/${id}`;
    case 'inspection':
      return `/inspections/${id}`;
    case 'meeting':
      return `/meetings/${id}`;
    case 'unit':
      return `/projects?unitId=${id}`;
    default:
      return '/';
  }
}
