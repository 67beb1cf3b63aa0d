import type { DecisionInput, MeetingInput, MeetingKind, MeetingUpdateInput } from '@landfall/domain';
import { api, fetchFile } from './client.ts';
import type { Page } from './library-types.ts';
import type { Brief, Decision, Meeting, MeetingDetail } from './coordination-types.ts';

const meetingPath = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export interface MeetingListQuery {
  kind?: MeetingKind;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export function listMeetings(query: MeetingListQuery): Promise<Page<Meeting>> {
  return api.get<Page<Meeting>>('/api/meetings', { ...query });
}

export function getMeeting(id: string): Promise<MeetingDetail> {
  return api.get<MeetingDetail>(meetingPath(id));
}

/** Schedules a meeting; the server builds its agenda from what awaits it. */
export function createMeeting(input: MeetingInput): Promise<Meeting> {
  return api.post<Meeting>('/api/meetings', input);
}

/** Attendees, agenda, minutes (versioned; kind and date are fixed). */
export function updateMeeting(id: string, input: MeetingUpdateInput): Promise<Meeting> {
  return api.put<Meeting>(meetingPath(id), input);
}

/** Appends today's suggestions to the agenda. */
export function rebuildAgenda(id: string, version: number): Promise<Meeting> {
  return api.post<Meeting>(`${meetingPath(id)}/agenda/rebuild`, { version });
}

export function cancelMeeting(id: string, input: { reason: string; version: number }): Promise<Meeting> {
  return api.post<Meeting>(`${meetingPath(id)}/cancel`, input);
}

/** 会议决定 with its tasks (交办单). */
export function recordDecision(meetingId: string, input: DecisionInput): Promise<Decision> {
  return api.post<Decision>(`${meetingPath(meetingId)}/decisions`, input);
}

/** 简报 as of the meeting's date. */
export function getMeetingBrief(id: string): Promise<Brief> {
  return api.get<Brief>(`${meetingPath(id)}/brief`);
}

/** 简报 as a file (.docx in the official layout, or .xlsx). */
export function downloadMeetingBrief(id: string, format: 'docx' | 'xlsx') {
  return fetchFile(`${meetingPath(id)}/brief?format=${format}`);
}
