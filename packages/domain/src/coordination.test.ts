import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from './dates.ts';
import {
  briefIssueNumber,
  briefPeriod,
  chineseDate,
  chineseNumeral,
  daysOverdue,
  decisionOutcome,
  decisionStatus,
  escalationAction,
  foldMatterFacts,
  inspectionScore,
  isDueSoon,
  isOverdue,
  ledgerPunctuality,
  nextMatterLevel,
  weeksEndingWithin,
  type MatterFact,
} from './coordination.ts';
import { dateArbitrary } from './testing/arbitraries.ts';

describe('escalation levels', () => {
  it('go unit → coordination group → joint meeting, one level at a time', () => {
    expect(nextMatterLevel('unit')).toBe('coordination');
    expect(nextMatterLevel('coordination')).toBe('joint');
    expect(nextMatterLevel('joint')).toBeNull();
  });

  it('need the joint-meeting action only to reach the joint meeting', () => {
    expect(escalationAction('coordination')).toBe('matter.escalate');
    expect(escalationAction('joint')).toBe('matter.escalateToJoint');
  });
});

describe('a matter as of a date', () => {
  const raised: MatterFact = {
    levelTo: 'unit',
    statusTo: 'open',
    ownerUnitTo: 'A',
    deadlineTo: '2026-03-10',
  };
  it('folds its facts in order, each changing only what it names', () => {
    expect(foldMatterFacts([raised])).toEqual({
      level: 'unit',
      status: 'open',
      ownerUnitId: 'A',
      deadline: '2026-03-10',
    });
    const escalated: MatterFact = {
      levelTo: 'coordination',
      statusTo: null,
      ownerUnitTo: null,
      deadlineTo: null,
    };
    const assigned: MatterFact = {
      levelTo: null,
      statusTo: null,
      ownerUnitTo: 'B',
      deadlineTo: '2026-04-01',
    };
    const update: MatterFact = { levelTo: null, statusTo: null, ownerUnitTo: null, deadlineTo: null };
    const resolved: MatterFact = { levelTo: null, statusTo: 'resolved', ownerUnitTo: null, deadlineTo: null };
    expect(foldMatterFacts([raised, escalated, update, assigned, resolved])).toEqual({
      level: 'coordination',
      status: 'resolved',
      ownerUnitId: 'B',
      deadline: '2026-04-01',
    });
    expect(foldMatterFacts([raised, escalated])?.level).toBe('coordination');
  });

  it('does not exist before its first fact', () => {
    expect(foldMatterFacts([])).toBeUndefined();
  });
});

describe('overdue', () => {
  it('starts the day after the deadline, in Shanghai calendar days', () => {
    const item = { open: true, deadline: '2026-03-10' };
    expect(isOverdue(item, '2026-03-10')).toBe(false);
    expect(isOverdue(item, '2026-03-11')).toBe(true);
    expect(daysOverdue(item, '2026-03-11')).toBe(1);
    expect(daysOverdue(item, '2026-04-10')).toBe(31);
    expect(daysOverdue(item, '2026-03-01')).toBe(0);
  });

  it('never applies to a closed item', () => {
    expect(isOverdue({ open: false, deadline: '2026-01-01' }, '2026-03-11')).toBe(false);
    expect(daysOverdue({ open: false, deadline: '2026-01-01' }, '2026-03-11')).toBe(0);
  });

  it('warns three days ahead, the deadline day included, and not once overdue', () => {
    const item = { open: true, deadline: '2026-03-10' };
    expect(isDueSoon(item, '2026-03-06')).toBe(false);
    expect(isDueSoon(item, '2026-03-07')).toBe(true);
    expect(isDueSoon(item, '2026-03-10')).toBe(true);
    expect(isDueSoon(item, '2026-03-11')).toBe(false);
  });

  it('is consistent: overdue exactly when days overdue is positive', () => {
    fc.assert(
      fc.property(dateArbitrary, dateArbitrary, fc.boolean(), (deadline, today, open) => {
        const item = { open, deadline };
        expect(isOverdue(item, today)).toBe(daysOverdue(item, today) > 0);
        expect(isOverdue(item, today) && isDueSoon(item, today)).toBe(false);
      }),
    );
  });
});

describe('decisions', () => {
  it('are done when every task is done, or at once when they assign none', () => {
    expect(decisionStatus([])).toBe('done');
    expect(decisionStatus([{ status: 'done' }, { status: 'open' }])).toBe('open');
    expect(decisionStatus([{ status: 'done' }, { status: 'done' }])).toBe('done');
  });

  it('give their matter an outcome naming each unit’s result', () => {
    expect(decisionOutcome('同意调整用地规划', [])).toBe('同意调整用地规划');
    expect(
      decisionOutcome('同意调整用地规划', [
        { unitName: '规划局', result: '已批复' },
        { unitName: '经开区', result: '已交地' },
      ]),
    ).toBe('同意调整用地规划\n落实情况：规划局：已批复；经开区：已交地');
  });
});

describe('brief periods and headings', () => {
  it('run from the previous meeting of the kind, or a default span back', () => {
    expect(briefPeriod('weekly', '2026-03-06', '2026-02-27')).toEqual({
      after: '2026-02-27',
      through: '2026-03-06',
    });
    expect(briefPeriod('weekly', '2026-03-06', null).after).toBe('2026-02-27');
    expect(briefPeriod('semimonthly', '2026-03-16', null).after).toBe('2026-03-01');
    expect(briefPeriod('monthly', '2026-03-31', null).after).toBe('2026-03-01');
    expect(briefPeriod('joint', '2026-03-31', null).after).toBe('2026-03-01');
  });

  it('number sections the official way', () => {
    expect([1, 2, 9, 10, 11, 19, 20, 21, 99].map(chineseNumeral)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '九十九',
    ]);
    expect(() => chineseNumeral(0)).toThrow(RangeError);
    expect(briefIssueNumber(2026, 3)).toBe('〔2026〕第3期');
    expect(chineseDate('2026-03-06')).toBe('2026年3月6日');
  });
});

describe('ledger punctuality', () => {
  it('counts the Monday–Sunday weeks that end within the period', () => {
    // 2026-03-02 is a Monday, 2026-03-08 a Sunday.
    expect(weeksEndingWithin('2026-03-02', '2026-03-21')).toEqual([
      { start: '2026-03-02', end: '2026-03-08' },
      { start: '2026-03-09', end: '2026-03-15' },
    ]);
    // A period starting mid-week counts that week (it ends within), not a week still running.
    expect(weeksEndingWithin('2026-03-05', '2026-03-15').map((w) => w.end)).toEqual([
      '2026-03-08',
      '2026-03-15',
    ]);
    expect(weeksEndingWithin('2026-03-09', '2026-03-14')).toEqual([]);
  });

  it('every week listed is a whole Monday–Sunday week ending in the period', () => {
    fc.assert(
      fc.property(dateArbitrary, fc.integer({ min: 0, max: 120 }), (from, span) => {
        const to = addDays(from, span);
        for (const w of weeksEndingWithin(from, to)) {
          expect(dayOfWeek(w.start)).toBe(1);
          expect(dayOfWeek(w.end)).toBe(7);
          expect(w.end >= from && w.end <= to).toBe(true);
        }
      }),
    );
  });

  const A = {
    enteredOn: '2026-03-02',
    stages: [{ on: '2026-03-02', stage: 'negotiating' }],
    entryDates: ['2026-03-02', '2026-03-10', '2026-03-24'],
  };
  const B = {
    enteredOn: '2026-03-09',
    stages: [
      { on: '2026-03-09', stage: 'planning' },
      { on: '2026-03-18', stage: 'paused' },
    ],
    entryDates: ['2026-03-09', '2026-03-18'],
  };

  it('is the share of weeks in which every active project had an entry', () => {
    // Weeks ending 03-08, 03-15, 03-22, 03-29.
    // 03-08: A only (B not yet entered) — A has 03-02 → on time.
    // 03-15: A (03-10) and B (03-09) → on time.
    // 03-22: A has none → late (B paused on 03-18 is not active).
    // 03-29: A (03-24) → on time.
    expect(ledgerPunctuality([A, B], '2026-03-02', '2026-03-29')).toEqual({
      weeksCounted: 4,
      weeksOnTime: 3,
      punctuality: 0.75,
    });
  });

  it('does not count weeks without an active project, and is null without any', () => {
    expect(ledgerPunctuality([B], '2026-03-16', '2026-03-29')).toEqual({
      weeksCounted: 0,
      weeksOnTime: 0,
      punctuality: null,
    });
    expect(ledgerPunctuality([], '2026-01-01', '2026-12-31').punctuality).toBeNull();
  });
});

describe('inspection score', () => {
  it('is the mean of the period’s scores to one decimal', () => {
    expect(inspectionScore([])).toBeNull();
    expect(inspectionScore([90])).toBe(90);
    expect(inspectionScore([90, 85, 86])).toBe(87);
    expect(inspectionScore([90, 85])).toBe(87.5);
    expect(inspectionScore([80, 85, 85])).toBe(83.3);
  });
});
