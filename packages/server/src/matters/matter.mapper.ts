import { daysOverdue, isOverdue } from '@landfall/domain/coordination';
import type { MatterEventRow } from '../db/schema.ts';
import type { MatterListRow } from './matter.repo.ts';

/** A matter as the API shows it; `overdue` and `daysOverdue` as of `day` (Asia/Shanghai). */
export function toMatter(row: MatterListRow, day: string) {
  const open = row.status === 'open';
  return {
    id: row.id,
    tenantId: row.tenant_id,
    /** 区县: the matter's tenant (a city lists its districts' matters). */
    tenantName: row.tenant_name,
    /** 上级交办: the tenant above that raised it down (市级下达), null when raised in its own tenant. */
    raisedByTenantId: row.raised_by_tenant_id,
    raisedByTenantName: row.raised_by_tenant_name,
    projectId: row.project_id,
    projectName: row.project_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    ownerUnitId: row.owner_unit_id,
    ownerUnitName: row.owner_unit_name,
    title: row.title,
    description: row.description,
    blockerKind: row.blocker_kind,
    blocksStage: row.blocks_stage,
    level: row.level,
    status: row.status,
    deadline: row.deadline,
    raisedOn: row.raised_on,
    raisedByName: row.raised_by_name,
    outcome: row.outcome,
    overdue: isOverdue({ open, deadline: row.deadline }, day),
    daysOverdue: daysOverdue({ open, deadline: row.deadline }, day),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type Matter = ReturnType<typeof toMatter>;

export function toMatterEvent(row: MatterEventRow) {
  return {
    id: Number(row.id),
    kind: row.kind,
    effectiveOn: row.effective_on,
    recordedAt: new Date(row.recorded_at).toISOString(),
    actorName: row.actor_name,
    body: row.body,
    levelTo: row.level_to,
    statusTo: row.status_to,
    ownerUnitTo: row.owner_unit_to,
    deadlineTo: row.deadline_to,
    payload: row.payload as Record<string, unknown>,
  };
}
