import { describe, expect, it } from 'vitest';
import { firstReporter, keptReport, type SharedReport } from './shared-investors.ts';

const report = (id: string, over: Partial<SharedReport> = {}): SharedReport => ({
  id,
  enteredOn: '2026-03-01',
  createdAt: '2026-03-01T02:00:00.000Z',
  stage: 'signed',
  stageBefore: null,
  ...over,
});

describe('which report of a shared investor counts', () => {
  it('首报单位: the one entered first, then recorded first', () => {
    const a = report('a', { enteredOn: '2026-04-01' });
    const b = report('b', { enteredOn: '2026-02-01' });
    const c = report('c', { enteredOn: '2026-02-01', createdAt: '2026-02-01T01:00:00.000Z' });
    expect(firstReporter([a, b, c])?.id).toBe('c');
    expect(keptReport([a, b], 'first_reporter')?.id).toBe('b');
  });

  it('落地单位: the only one past 签约 (a paused one by where it stood), else the first reporter', () => {
    const first = report('first', { enteredOn: '2026-01-10' });
    const built = report('built', { enteredOn: '2026-05-01', stage: 'construction' });
    expect(keptReport([first, built], 'built_unit')?.id).toBe('built');
    expect(keptReport([first, built], 'first_reporter')?.id).toBe('first');
    const paused = report('paused', { enteredOn: '2026-05-01', stage: 'paused', stageBefore: 'settled' });
    expect(keptReport([first, paused], 'built_unit')?.id).toBe('paused');
    const twoBuilt = [first, built, report('also', { enteredOn: '2026-03-01', stage: 'production' })];
    expect(keptReport(twoBuilt, 'built_unit')?.id).toBe('first');
    expect(keptReport([report('x', { stage: 'negotiating' })], 'built_unit')?.id).toBe('x');
    expect(keptReport([], 'built_unit')).toBeUndefined();
  });
});
