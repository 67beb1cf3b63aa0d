import type { SetupInput } from '@landfall/domain';
import { api } from './client.ts';
import type { DemoReport, SetupResult, SetupStatus } from './types.ts';

export function getSetupStatus(): Promise<SetupStatus> {
  return api.get<SetupStatus>('/api/setup');
}

export function runSetup(input: SetupInput): Promise<SetupResult> {
  return api.post<SetupResult>('/api/setup', input);
}

/** First run with the demo district; every demo account gets `password`. Takes a few seconds. */
export function loadDemo(password: string): Promise<DemoReport> {
  return api.post<DemoReport>('/api/setup/demo', { password });
}
