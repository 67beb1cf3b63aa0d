import {
  checkAllocation,
  type Allocation,
  type AllocationDifference,
  type Locale,
  type MetricUnitKind,
} from '@landfall/domain';
import type { Group, Unit } from '../../api/types.ts';
import type { AllocationBody } from '../../api/targets.ts';
import { parseTargetAmount, toAmountText } from './metricValue.ts';

/** A row of the breakdown tree: the tenant, its working groups, their units (and units outside any group). */
export interface AllocationNode {
  /** 'tenant', 'group:<id>', 'unit:<id>'. */
  key: string;
  level: 'tenant' | 'group' | 'unit';
  id: string | null;
  name: string;
  /** For units: the unit's own group (null = straight under the tenant). */
  groupId: string | null;
  children?: AllocationNode[];
}

/** The texts typed in the breakdown, by node key. */
export type AllocationTexts = Record<string, string>;

export const tenantKey = 'tenant';
export const groupKey = (id: string) => `group:${id}`;
export const unitKey = (id: string) => `unit:${id}`;
export const differenceKey = (difference: Pick<AllocationDifference, 'level' | 'id'>) =>
  difference.level === 'tenant' ? tenantKey : `${difference.level}:${difference.id ?? ''}`;

/**
 * The tree tenant → groups → units. Active units, plus inactive ones the allocation still
 * names; groups with units or with an amount; units without a group sit under the tenant.
 */
export function buildAllocationTree(
  tenantName: string,
  groups: Group[],
  units: Unit[],
  allocations: Allocation[],
): AllocationNode {
  const named = new Set(allocations.flatMap((a) => a.units.map((u) => u.unitId)));
  const groupNamed = new Set(allocations.flatMap((a) => a.groups.map((g) => g.groupId)));
  const shown = units.filter((unit) => unit.active || named.has(unit.id));
  const unitNode = (unit: Unit): AllocationNode => ({
    key: unitKey(unit.id),
    level: 'unit',
    id: unit.id,
    name: unit.name,
    groupId: unit.groupId,
  });
  const knownGroups = new Set(groups.map((group) => group.id));
  const groupNodes = [...groups]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((group) => ({
      key: groupKey(group.id),
      level: 'group' as const,
      id: group.id,
      name: group.name,
      groupId: null,
      children: shown.filter((unit) => unit.groupId === group.id).map(unitNode),
    }))
    .filter((node) => node.children.length > 0 || groupNamed.has(node.id));
  const loose = shown.filter((unit) => unit.groupId === null || !knownGroups.has(unit.groupId));
  return {
    key: tenantKey,
    level: 'tenant',
    id: null,
    name: tenantName,
    groupId: null,
    children: [...groupNodes, ...loose.map((unit) => ({ ...unitNode(unit), groupId: null }))],
  };
}

/** Every node of the tree, depth first. */
export function flattenTree(root: AllocationNode): AllocationNode[] {
  return [root, ...(root.children ?? []).flatMap(flattenTree)];
}

/** The texts to start editing from: an allocation written back as '12亿' and the like. */
export function allocationToTexts(allocation: Allocation, kind: MetricUnitKind): AllocationTexts {
  const texts: AllocationTexts = { [tenantKey]: toAmountText(allocation.total, kind) };
  for (const group of allocation.groups) texts[groupKey(group.groupId)] = toAmountText(group.amount, kind);
  for (const unit of allocation.units) texts[unitKey(unit.unitId)] = toAmountText(unit.amount, kind);
  return texts;
}

export interface ParsedAllocation {
  /** The amounts that parse; empty fields are left out (not allocated). */
  body: AllocationBody;
  /** Field errors by node key (the total is required). */
  errors: Record<string, string>;
  /** Differences by node key, from the domain's checkAllocation. */
  differences: Record<string, AllocationDifference>;
  ok: boolean;
}

const totalMissing = { 'zh-CN': '请填写目标总数', 'en-US': 'Enter the total' } as const;

/** Parses the texts of the tree and checks, level by level, that the breakdown adds up. */
export function parseAllocation(
  root: AllocationNode,
  texts: AllocationTexts,
  kind: MetricUnitKind,
  locale: Locale,
): ParsedAllocation {
  const errors: Record<string, string> = {};
  const amountOf = (key: string): number | undefined => {
    const parsed = parseTargetAmount(texts[key] ?? '', kind, locale);
    if (parsed.state === 'bad') errors[key] = parsed.message;
    return parsed.state === 'ok' ? parsed.value : undefined;
  };
  const total = amountOf(tenantKey);
  if (total === undefined && !errors[tenantKey]) errors[tenantKey] = totalMissing[locale];
  const body: AllocationBody = { total: total ?? 0, groups: [], units: [] };
  for (const node of flattenTree(root)) {
    if (node.level === 'tenant' || node.id === null) continue;
    const amount = amountOf(node.key);
    if (amount === undefined) continue;
    if (node.level === 'group') body.groups.push({ groupId: node.id, amount });
    else body.units.push({ unitId: node.id, groupId: node.groupId, amount });
  }
  const check = checkAllocation(body);
  const differences: Record<string, AllocationDifference> = {};
  for (const difference of check.differences) differences[differenceKey(difference)] = difference;
  return { body, errors, differences, ok: check.ok && Object.keys(errors).length === 0 };
}

/** The differences in a 400 answer to 下达 or 年中调整 (`details.differences`), if any. */
export function differencesFromDetails(details: unknown): AllocationDifference[] {
  if (typeof details !== 'object' || details === null || !('differences' in details)) return [];
  const list = (details as { differences: unknown }).differences;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is AllocationDifference =>
      typeof item === 'object' &&
      item !== null &&
      'level' in item &&
      'difference' in item &&
      typeof (item as { difference: unknown }).difference === 'number',
  );
}
