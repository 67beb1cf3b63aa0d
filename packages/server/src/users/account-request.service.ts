/**
 * The two-person rule (二人规则, 三员分立): a request to create, reset, disable or re-role an administrator's
 * or auditor's account is carried out only when a second of the three approves it. The approver is not
 * the requester, holds a different one of the three roles, and is not the account concerned; approval
 * and refusal are audited, and the change itself is audited as it would have been done directly.
 */
import { isAdminRole, type Role } from '@landfall/domain';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope } from '../auth/policy.ts';
import { deleteUserSessions } from '../auth/session.repo.ts';
import { clearLoginThrottle } from '../auth/login-throttle.ts';
import { deleteRecoveryCodes, totpResetPatch } from '../auth/totp.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError } from '../http/app-error.ts';
import type { AccountRequestRow } from '../db/schema.ts';
import { decideAccountRequest, findAccountRequest, listAccountRequests } from './account-request.repo.ts';
import { toAccountRequest } from './account-request.mapper.ts';
import { applyUserChange, disablePatch, insertAccount, resetPatch, rolePatch } from './user.service.ts';

export async function listRequests(ctx: Ctx, status?: 'pending' | 'approved' | 'refused') {
  const actor = await authorize(ctx, 'accountRequest.read');
  const rows = await listAccountRequests(ctx.db, {
    tenantIds: listScope(actor, 'accountRequest.read').tenantIds,
    status,
  });
  return rows.map(toAccountRequest);
}

async function loadForDecision(
  ctx: Ctx,
  id: string,
  action: 'accountRequest.approve' | 'accountRequest.refuse',
) {
  const row = await findAccountRequest(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const actor = await authorize(ctx, action, { type: 'account_request', id, tenantId: row.tenant_id });
  const zh = ctx.locale === 'zh-CN';
  if (row.status !== 'pending') {
    throw new AppError('conflict', zh ? '该申请已处理' : 'This request has already been decided');
  }
  if (
    actor.id === row.requested_by ||
    actor.role === row.requested_by_role ||
    !isAdminRole(actor.role as Role)
  ) {
    throw new AppError(
      'forbidden',
      zh
        ? '须由提出人以外、另一类管理员（系统管理员、安全管理员、安全审计员）批准'
        : 'A second of the three, holding another of their roles than the requester, must decide',
    );
  }
  if (actor.id === row.target_user_id) {
    throw new AppError(
      'forbidden',
      zh ? '不能批准涉及自己账户的申请' : 'You cannot decide a request about your own account',
    );
  }
  return { row, actor };
}

function payloadOf(row: AccountRequestRow): Record<string, unknown> {
  return (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>;
}

/** Approves a pending request and carries it out in the same transaction. */
export async function approveRequest(ctx: Ctx, id: string) {
  const { row, actor } = await loadForDecision(ctx, id, 'accountRequest.approve');
  const payload = payloadOf(row);
  const requestNote = { approvedRequest: row.id, requestedBy: row.requested_by_name };
  return ctx.db.transaction().execute(async (trx) => {
    const decided = await decideAccountRequest(trx, id, {
      status: 'approved',
      decided_by: actor.id as string,
      decided_by_name: actor.username,
      decided_at: ctx.clock.now(),
      reason: null,
    });
    if (!decided) throw new AppError('conflict');
    const target = row.target_user_id;
    switch (row.kind) {
      case 'create':
        await insertAccount(
          ctx,
          trx,
          {
            tenantId: row.tenant_id,
            username: row.target_username,
            displayName: String(payload.displayName),
            role: row.target_role,
            unitId: null,
            passwordHash: String(payload.passwordHash),
            mustChangePassword: true,
          },
          requestNote,
        );
        break;
      case 'resetPassword':
        await applyUserChange(
          ctx,
          trx,
          target as string,
          'user.resetPassword',
          undefined,
          resetPatch(ctx, String(payload.passwordHash)),
          async (user, t) => {
            await deleteUserSessions(t, user.id);
            await clearLoginThrottle(t, user.username);
          },
          requestNote,
        );
        break;
      case 'disable':
        await applyUserChange(
          ctx,
          trx,
          target as string,
          'user.disable',
          undefined,
          disablePatch(ctx),
          async (user, t) => deleteUserSessions(t, user.id),
          requestNote,
        );
        break;
      case 'resetTotp':
        await applyUserChange(
          ctx,
          trx,
          target as string,
          'user.resetTotp',
          undefined,
          () => totpResetPatch(),
          async (user, t) => {
            await deleteUserSessions(t, user.id);
            await deleteRecoveryCodes(t, user.id);
          },
          requestNote,
        );
        break;
      case 'changeRole':
        await applyUserChange(
          ctx,
          trx,
          target as string,
          'user.changeRole',
          Number(payload.version),
          rolePatch(ctx, { role: payload.role as Role, unitId: (payload.unitId as string | null) ?? null }),
          async (user, t) => deleteUserSessions(t, user.id),
          requestNote,
        );
        break;
    }
    await recordAudit(trx, ctx, {
      action: 'accountRequest.approve',
      recordType: 'account_request',
      recordId: id,
      tenantId: row.tenant_id,
      before: toAccountRequest(row),
      after: toAccountRequest(decided),
    });
    return toAccountRequest(decided);
  });
}

export async function refuseRequest(ctx: Ctx, id: string, reason: string | null) {
  const { row, actor } = await loadForDecision(ctx, id, 'accountRequest.refuse');
  return ctx.db.transaction().execute(async (trx) => {
    const decided = await decideAccountRequest(trx, id, {
      status: 'refused',
      decided_by: actor.id as string,
      decided_by_name: actor.username,
      decided_at: ctx.clock.now(),
      reason,
    });
    if (!decided) throw new AppError('conflict');
    await recordAudit(trx, ctx, {
      action: 'accountRequest.refuse',
      recordType: 'account_request',
      recordId: id,
      tenantId: row.tenant_id,
      before: toAccountRequest(row),
      after: toAccountRequest(decided),
    });
    return toAccountRequest(decided);
  });
}
