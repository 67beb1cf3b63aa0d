/**
 * 校验: the auditor's (and the operator's, `landfall audit verify`) check of the audit and ledger chains
 * (audit/chain.ts) of every tenant in scope, each walked in one snapshot, against the heads the issued
 * reports anchored (closing/closing.issue.ts). The answer names the first broken link.
 */
import type { AuditVerifyQuery, Locale } from '@landfall/domain';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { visibleTenantIds } from '../auth/policy.ts';
import { listTenantsIn } from '../tenants/tenant.service.ts';
import { listChainAnchors } from '../closing/closing.issue.ts';
import { recordAudit } from './audit.service.ts';
import { chains, NO_TENANT, type Chain } from './chain.ts';
import { walkChain, type BrokenLink, type ChainProblem } from './chain.verify.ts';

export interface ChainReport {
  chain: Chain;
  tenantId: string | null;
  tenantName: string | null;
  count: number;
  head: { id: number; hash: string } | null;
  ok: boolean;
  brokenCount: number;
  broken: (BrokenLink & { message: string }) | null;
}

export async function verifyChains(ctx: Ctx, query: AuditVerifyQuery) {
  const actor = await authorize(
    ctx,
    'audit.verify',
    query.tenantId ? { type: 'tenant', id: query.tenantId, tenantId: query.tenantId } : undefined,
  );
  const tenants = await listTenantsIn(
    ctx.db,
    query.tenantId ? [query.tenantId] : visibleTenantIds(actor, 'audit.verify'),
  );
  const scopes: { scope: string; tenantId: string | null; tenantName: string | null }[] = tenants.map(
    (t) => ({
      scope: t.id,
      tenantId: t.id,
      tenantName: t.name,
    }),
  );
  // Rows without a tenant (failed logins for unknown names) are every auditor's: their chain too.
  if (!query.tenantId) scopes.push({ scope: NO_TENANT, tenantId: null, tenantName: null });
  const anchors = await listChainAnchors(ctx.db);

  const reports: ChainReport[] = [];
  for (const s of scopes) {
    for (const chain of chains) {
      if (chain === 'ledger' && s.scope === NO_TENANT) continue;
      // One snapshot per chain: a write committed meanwhile neither shows nor moves the head read.
      const walk = await ctx.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => walkChain(trx, chain, s.scope, anchors.get(s.scope)?.[chain]));
      reports.push({
        chain,
        tenantId: s.tenantId,
        tenantName: s.tenantName,
        count: walk.count,
        head: walk.head,
        ok: !walk.broken,
        brokenCount: walk.brokenCount,
        broken: walk.broken ? { ...walk.broken, message: describe(walk.broken, ctx.locale) } : null,
      });
    }
  }
  const first = reports.find((r) => !r.ok);
  const result = {
    ok: !first,
    count: reports.reduce((n, r) => n + r.count, 0),
    firstBroken: first?.broken
      ? { chain: first.chain, tenantId: first.tenantId, tenantName: first.tenantName, ...first.broken }
      : null,
    chains: reports,
  };
  await recordAudit(ctx.db, ctx, {
    action: 'audit.verify',
    recordType: query.tenantId ? 'tenant' : null,
    recordId: query.tenantId ?? null,
    tenantId: query.tenantId ?? actor.tenantId,
    after: {
      ok: result.ok,
      count: result.count,
      firstBroken: result.firstBroken && {
        table: result.firstBroken.table,
        id: result.firstBroken.id,
        problem: result.firstBroken.problem,
      },
    },
  });
  return result;
}

const messages: Record<ChainProblem, Record<Locale, (d: BrokenLink['detail']) => string>> = {
  content: {
    'zh-CN': (d) => `第 ${d.id} 条的内容与其哈希不符：记录被改动`,
    'en-US': (d) => `row ${d.id}: its content no longer gives its hash (the row was changed)`,
  },
  link: {
    'zh-CN': (d) => `第 ${d.id} 条与前一条（${d.previousId ?? '链首'}）不相接：其间有记录被删除、插入或调换`,
    'en-US': (d) =>
      `row ${d.id} does not link to the row before it (${d.previousId ?? 'the start'}): a row was removed, inserted or moved`,
  },
  unhashed: {
    'zh-CN': (d) => `第 ${d.id} 条没有哈希：未经系统写入`,
    'en-US': (d) => `row ${d.id} has no hash: it was not written by the application`,
  },
  head: {
    'zh-CN': (d) =>
      `链头记为第 ${d.headId} 条，链上最后一条为第 ${d.lastId ?? '—'} 条：末尾记录被删除或链头被改动`,
    'en-US': (d) =>
      `the head names row ${d.headId} but the chain ends at row ${d.lastId ?? '—'}: rows were removed at the end or the head was changed`,
  },
  anchor: {
    'zh-CN': (d) => `${d.month} 第 ${d.issue} 次报送的封账报告记录的链头（第 ${d.id} 条）与链上不符`,
    'en-US': (d) =>
      `the head issued with ${d.month} (issue ${d.issue}), row ${d.id}, is not on the chain any more`,
  },
};

function describe(link: BrokenLink, locale: Locale): string {
  return messages[link.problem][locale](link.detail);
}
