import type { TaskCloseInput, TaskStatus } from '@landfall/domain';
import { api } from './client.ts';
import type { Page } from './library-types.ts';
import type { Reminder, Task, TaskDetail } from './coordination-types.ts';

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

export interface TaskListQuery {
  status?: TaskStatus;
  unitId?: string;
  meetingId?: string;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

/** 督办任务: a unit sees its own tasks; the coordinator and leaders see the tenant's. */
export function listTasks(query: TaskListQuery): Promise<Page<Task>> {
  return api.get<Page<Task>>('/api/tasks', { ...query });
}

export function getTask(id: string): Promise<TaskDetail> {
  return api.get<TaskDetail>(taskPath(id));
}

/** 办结 with the result; the last task of a decision completes it and its matter. */
export function closeTask(id: string, input: TaskCloseInput): Promise<Task> {
  return api.post<Task>(`${taskPath(id)}/close`, input);
}

/** 催办单 (overdue tasks only). */
export function remindTask(id: string, note: string): Promise<Reminder> {
  return api.post<Reminder>(`${taskPath(id)}/remind`, { note });
}
