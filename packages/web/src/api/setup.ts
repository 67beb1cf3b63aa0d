import type { SetupInput } from '@landfall/domain';
import { api } from './client.ts';
import type { SetupResult, SetupStatus } from './types.ts';

export function getSetupStatus(): Promise<SetupStatus> {
  return api.get<SetupStatus>('/api/setup');
}

export function runSetup(input: SetupInput): Promise<SetupResult> {
  return api.post<SetupResult>('/api/setup', input);
}
