import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenFromYi } from './money.ts';
import { fundingSources } from './regions.ts';
import { capitalKinds } from './schemas/enterprise.ts';
import {
  allocationInputSchema,
  checkAllocation,
  fundsBases,
  fundsBasisLabels,
  fundsBasisOrder,
  matchesFundsBasis,
  reallocationInputSchema,
  targetMetricLabels,
  targetMetricUnitKinds,
  targetMetrics,
  targetPlanInputSchema,
  type Allocation,
  type AllocationDifference,
} from './targets.ts';

const yi = (value: number | string) => fenFromYi(value);

describe('metrics and bases', () => {
  it('labels every metric and basis and gives each metric a unit kind', () => {
    for (const metric of targetMetrics) {
      expect(targetMetricLabels[metric]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(targetMetricLabels[metric]['en-US']).toMatch(/^[A-Z]/);
    }
    expect(targetMetrics.filter((metric) => targetMetricUnitKinds[metric] === 'money')).toEqual([
      'funds_in_place',
      'agreed_investment',
    ]);
    for (const basis of fundsBases) expect(fundsBasisLabels[basis]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('counts funds toward a basis by source (省外 includes abroad) or by capital kind (外资)', () => {
    const matching = (basis: (typeof fundsBases)[number]) =>
      fundingSources.flatMap((source) =>
        capitalKinds
          .filter((capitalKind) => matchesFundsBasis(basis, { source, capitalKind }))
          .map((capitalKind) => `${source}/${capitalKind}`),
      );
    // 市外口径: inside-the-city funds count toward no basis.
    expect(matching('all')).toHaveLength((fundingSources.length - 1) * capitalKinds.length);
    expect(matching('all').some((m) => m.startsWith('inside_city'))).toBe(false);
    expect(matching('outside_province')).toEqual([
      'outside_province/domestic',
      'outside_province/foreign',
      'abroad/domestic',
      'abroad/foreign',
    ]);
    expect(matching('foreign')).toEqual([
      'outside_city_in_province/foreign',
      'outside_province/foreign',
      'abroad/foreign',
    ]);
    // 全口径: every record, inside the city included; each basis within the wider one.
    expect(matching('total')).toHaveLength(fundingSources.length * capitalKinds.length);
    for (const [wide, narrow] of [
      ['total', 'all'],
      ['all', 'outside_province'],
      ['all', 'foreign'],
    ] as const) {
      expect(matching(narrow).every((m) => matching(wide).includes(m))).toBe(true);
    }
    expect(fundsBasisOrder).toEqual(['total', 'all', 'outside_province', 'foreign']);
  });

  it("keeps a stored 'all' meaning 市外 and labels it so", () => {
    expect(fundsBasisLabels.all['zh-CN']).toMatch(/^市外/);
    expect(fundsBasisLabels.total['zh-CN']).toMatch(/^全口径/);
    expect(targetPlanInputSchema.parse({ year: 2026, metric: 'funds_in_place', total: 1 }).basis).toBe('all');
    expect(
      targetPlanInputSchema.parse({ year: 2026, metric: 'funds_in_place', basis: 'total', total: 1 }).basis,
    ).toBe('total');
  });
});

describe('checkAllocation', () => {
  /** 120 亿元 over the four working groups, with 经开区 units and one unit outside any group. */
  const plan: Allocation = {
    total: yi(120),
    groups: [
      { groupId: 'new', amount: yi(50) },
      { groupId: 'in_zone', amount: yi(40) },
      { groupId: 'out_zone', amount: yi(25) },
      { groupId: 'coordination', amount: 0 },
    ],
    units: [
      { unitId: 'bureau', groupId: 'new', amount: yi(50) },
      { unitId: 'zone', groupId: 'in_zone', amount: yi('32.5') },
      { unitId: 'park', groupId: 'in_zone', amount: yi('7.5') },
      { unitId: 'town_a', groupId: 'out_zone', amount: yi(15) },
      { unitId: 'town_b', groupId: 'out_zone', amount: yi(10) },
      { unitId: 'street', groupId: null, amount: yi(5) },
    ],
    persons: [
      { userId: 'li', unitId: 'bureau', amount: yi(30) },
      { userId: 'wang', unitId: 'bureau', amount: yi(20) },
    ],
  };

  it('passes a breakdown that adds up at every level', () => {
    expect(checkAllocation(plan)).toEqual({ ok: true, differences: [] });
    expect(checkAllocation({ total: 0, groups: [], units: [] })).toEqual({ ok: true, differences: [] });
  });

  it('reports each level that does not add up, tenant first', () => {
    const result = checkAllocation({
      ...plan,
      units: plan.units.map((unit) => (unit.unitId === 'park' ? { ...unit, amount: yi(8) } : unit)),
      persons: [{ userId: 'li', unitId: 'bureau', amount: yi(30) }],
    });
    expect(result.ok).toBe(false);
    expect(result.differences).toEqual([
      { level: 'group', id: 'in_zone', expected: yi(40), actual: yi('40.5'), difference: yi('0.5') },
      { level: 'unit', id: 'bureau', expected: yi(50), actual: yi(30), difference: -yi(20) },
    ]);
  });

  it('reports an unassigned group share and a total that is not fully broken down', () => {
    const result = checkAllocation({
      total: 100,
      groups: [{ groupId: 'g', amount: 60 }],
      units: [{ unitId: 'u', groupId: null, amount: 30 }],
    });
    expect(result.differences).toEqual([
      { level: 'tenant', id: null, expected: 100, actual: 90, difference: -10 },
      { level: 'group', id: 'g', expected: 60, actual: 0, difference: -60 },
    ]);
  });

  it('checks units of an unlisted group, and persons of an unlisted unit, against 0', () => {
    const result = checkAllocation({
      total: 10,
      groups: [],
      units: [
        { unitId: 'u', groupId: null, amount: 10 },
        { unitId: 'v', groupId: 'ghost', amount: 4 },
      ],
      persons: [{ userId: 'p', unitId: 'nowhere', amount: 3 }],
    });
    expect(result.differences).toEqual([
      { level: 'group', id: 'ghost', expected: 0, actual: 4, difference: 4 },
      { level: 'unit', id: 'nowhere', expected: 0, actual: 3, difference: 3 },
    ]);
  });

  it('is exact where floating point is not', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const result = checkAllocation({
      total: big,
      groups: [],
      units: [
        { unitId: 'a', groupId: null, amount: big - 1 },
        { unitId: 'b', groupId: null, amount: 2 },
      ],
    });
    expect(result.differences).toEqual([
      { level: 'tenant', id: null, expected: big, actual: big + 1, difference: 1 },
    ]);
  });

  it('refuses amounts that are not non-negative safe integers', () => {
    expect(() => checkAllocation({ total: -1, groups: [], units: [] })).toThrow(RangeError);
    expect(() =>
      checkAllocation({ total: 1, groups: [], units: [{ unitId: 'u', groupId: null, amount: 0.5 }] }),
    ).toThrow(RangeError);
  });
});

// ── Property tests over random breakdown trees ──────────────────────────────────

type UnitTree = { persons: number[]; own: number };
type Tree = { groups: UnitTree[][]; ungrouped: UnitTree[] };

const amount = fc.integer({ min: 0, max: 1_000_000_000_000 });
const unitTree = fc.record({ persons: fc.array(amount, { maxLength: 3 }), own: amount });
const treeArbitrary: fc.Arbitrary<Tree> = fc.record({
  groups: fc.array(fc.array(unitTree, { maxLength: 4 }), { maxLength: 4 }),
  ungrouped: fc.array(unitTree, { maxLength: 3 }),
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const unitAmount = (unit: UnitTree) => (unit.persons.length > 0 ? sum(unit.persons) : unit.own);

/** A breakdown that adds up, with ids g0…, u0…, p0…. */
function buildAllocation(tree: Tree): Required<Allocation> {
  const units: Allocation['units'] = [];
  const persons: NonNullable<Allocation['persons']> = [];
  const addUnit = (unit: UnitTree, groupId: string | null) => {
    const unitId = `u${units.length}`;
    units.push({ unitId, groupId, amount: unitAmount(unit) });
    for (const personAmount of unit.persons)
      persons.push({ userId: `p${persons.length}`, unitId, amount: personAmount });
  };
  const groups = tree.groups.map((groupUnits, index) => {
    const groupId = `g${index}`;
    for (const unit of groupUnits) addUnit(unit, groupId);
    return { groupId, amount: sum(groupUnits.map(unitAmount)) };
  });
  for (const unit of tree.ungrouped) addUnit(unit, null);
  const total = sum(groups.map((group) => group.amount)) + sum(tree.ungrouped.map(unitAmount));
  return { total, groups, units, persons };
}

type Change = { kind: 'total' } | { kind: 'group' | 'unit' | 'person'; index: number };

/** Changes one amount by delta and answers the differences checkAllocation must then report. */
function changeOne(allocation: Required<Allocation>, change: Change, delta: number) {
  const changed = structuredClone(allocation);
  const { total } = allocation;
  const expected: AllocationDifference[] = [];
  const diff = (level: AllocationDifference['level'], id: string | null, exp: number, actual: number) =>
    expected.push({ level, id, expected: exp, actual, difference: actual - exp });
  if (change.kind === 'total') {
    changed.total += delta;
    diff('tenant', null, total + delta, total);
  } else if (change.kind === 'group') {
    const group = changed.groups[change.index]!;
    group.amount += delta;
    diff('tenant', null, total, total + delta);
    diff('group', group.groupId, group.amount, group.amount - delta);
  } else if (change.kind === 'unit') {
    const unit = changed.units[change.index]!;
    unit.amount += delta;
    if (unit.groupId === null) diff('tenant', null, total, total + delta);
    else {
      const groupAmount = allocation.groups.find((group) => group.groupId === unit.groupId)!.amount;
      diff('group', unit.groupId, groupAmount, groupAmount + delta);
    }
    if (changed.persons.some((person) => person.unitId === unit.unitId)) {
      diff('unit', unit.unitId, unit.amount, unit.amount - delta);
    }
  } else {
    const person = changed.persons[change.index]!;
    person.amount += delta;
    const unitAmountBefore = allocation.units.find((unit) => unit.unitId === person.unitId)!.amount;
    diff('unit', person.unitId, unitAmountBefore, unitAmountBefore + delta);
  }
  return { changed, expected };
}

function amountOf(allocation: Required<Allocation>, change: Change): number {
  if (change.kind === 'total') return allocation.total;
  const rows = { group: allocation.groups, unit: allocation.units, person: allocation.persons }[change.kind];
  return rows[change.index]!.amount;
}

describe('checkAllocation properties', () => {
  it('passes every breakdown built to add up', () => {
    fc.assert(
      fc.property(treeArbitrary, (tree) => {
        expect(checkAllocation(buildAllocation(tree))).toEqual({ ok: true, differences: [] });
      }),
    );
  });

  it('fails with exactly the expected differences when any single amount changes', () => {
    const scenario = treeArbitrary.chain((tree) => {
      const allocation = buildAllocation(tree);
      const changes: Change[] = [
        { kind: 'total' },
        ...allocation.groups.map((_, index) => ({ kind: 'group' as const, index })),
        ...allocation.units.map((_, index) => ({ kind: 'unit' as const, index })),
        ...allocation.persons.map((_, index) => ({ kind: 'person' as const, index })),
      ];
      const delta = fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((d) => d !== 0);
      return fc.tuple(fc.constant(allocation), fc.constantFrom(...changes), delta);
    });
    fc.assert(
      fc.property(scenario, ([allocation, change, rawDelta]) => {
        const delta = amountOf(allocation, change) + rawDelta < 0 ? -rawDelta : rawDelta;
        const { changed, expected } = changeOne(allocation, change, delta);
        expect(checkAllocation(changed)).toEqual({ ok: false, differences: expected });
      }),
    );
  });
});

// ── Schemas ─────────────────────────────────────────────────────────────────────

const ids = {
  group: '0190f4c2-4b8e-7d2a-9c3e-1a2b3c4d5e01',
  unit: '0190f4c2-4b8e-7d2a-9c3e-1a2b3c4d5e02',
  otherUnit: '0190f4c2-4b8e-7d2a-9c3e-1a2b3c4d5e03',
  user: '0190f4c2-4b8e-7d2a-9c3e-1a2b3c4d5e04',
};

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe('targetPlanInputSchema', () => {
  it('defaults the basis to all', () => {
    expect(targetPlanInputSchema.parse({ year: 2017, metric: 'funds_in_place', total: yi(120) })).toEqual({
      year: 2017,
      metric: 'funds_in_place',
      basis: 'all',
      total: yi(120),
    });
    expect(
      targetPlanInputSchema.parse({ year: 2017, metric: 'funds_in_place', basis: 'foreign', total: 0 }).basis,
    ).toBe('foreign');
    expect(targetPlanInputSchema.parse({ year: 2017, metric: 'projects_signed', total: 30 }).basis).toBe(
      'all',
    );
  });

  it('refuses a basis on other metrics, bad years and bad totals, in Chinese', () => {
    const refuse = (input: object) => messagesOf(targetPlanInputSchema.safeParse(input));
    expect(refuse({ year: 2017, metric: 'projects_signed', basis: 'foreign', total: 3 })).toEqual([
      '只有到位资金指标可以选择统计口径',
    ]);
    expect(refuse({ year: 1999, metric: 'projects_signed', total: 3 })).toEqual([
      '年度应在 2000 至 2100 之间',
    ]);
    expect(refuse({ year: 2017, metric: 'projects_signed', total: -1 })).toEqual(['数值不能为负数']);
    expect(refuse({ year: 2017, metric: 'projects_signed', total: 1.5 })).toEqual([
      '数值应为整数（金额以分计）',
    ]);
    expect(refuse({ year: 2017, metric: 'gdp', total: 1 })).toEqual(['请选择目标指标']);
  });
});

describe('allocationInputSchema and reallocationInputSchema', () => {
  const input = {
    total: 100,
    groups: [{ groupId: ids.group, amount: 60 }],
    units: [
      { unitId: ids.unit, groupId: ids.group, amount: 60 },
      { unitId: ids.otherUnit, groupId: null, amount: 40 },
    ],
    persons: [{ userId: ids.user, unitId: ids.unit, amount: 60 }],
    effectiveFrom: '2017-03-01',
  };

  it('accepts a first allocation without a reason, and requires one to re-allocate', () => {
    expect(allocationInputSchema.safeParse(input).success).toBe(true);
    expect(messagesOf(reallocationInputSchema.safeParse(input))).toEqual(['请填写调整原因']);
    expect(messagesOf(reallocationInputSchema.safeParse({ ...input, reason: '  ' }))).toEqual([
      '请填写调整原因',
    ]);
    expect(reallocationInputSchema.parse({ ...input, reason: ' 年中调整 ' }).reason).toBe('年中调整');
    expect(messagesOf(allocationInputSchema.safeParse({ ...input, reason: '长'.repeat(501) }))).toEqual([
      '调整原因不能超过 500 字',
    ]);
  });

  it('refuses repeated groups, units and persons with a path to the repeat', () => {
    const result = allocationInputSchema.safeParse({
      ...input,
      groups: [...input.groups, { groupId: ids.group, amount: 0 }],
      units: [...input.units, { unitId: ids.unit, groupId: null, amount: 0 }],
      persons: [...input.persons, { userId: ids.user, unitId: ids.unit, amount: 0 }],
    });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['groups.1', '同一工作组不能重复分解'],
      ['units.2', '同一责任单位不能重复分解'],
      ['persons.1', '同一责任人在同一单位不能重复分解'],
    ]);
  });

  it('refuses an invalid effective date and negative amounts', () => {
    expect(messagesOf(allocationInputSchema.safeParse({ ...input, effectiveFrom: '2017-02-30' }))).toEqual([
      '日期应为有效的 YYYY-MM-DD 格式',
    ]);
    expect(messagesOf(allocationInputSchema.safeParse({ ...input, total: -5 }))).toEqual(['数值不能为负数']);
  });
});
