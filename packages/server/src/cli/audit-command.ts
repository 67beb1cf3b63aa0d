import type { Env } from '../env.ts';
import { CliError, expectOk } from './connection.ts';
import { findTenantId, print, withConnection } from './commands.ts';

interface VerifyAnswer {
  ok: boolean;
  count: number;
  firstBroken: null | {
    chain: string;
    tenantName: string | null;
    table: string;
    id: number | string;
    message: string;
  };
  chains: {
    chain: string;
    tenantName: string | null;
    count: number;
    ok: boolean;
    head: { id: number; hash: string } | null;
  }[];
}

/**
 * `landfall audit verify`: the audit and ledger chains of every tenant (or one) checked through the API
 * (GET /api/audit/verify, as the operator); exits 1 naming the first broken link.
 */
export async function auditVerifyCommand(env: Env, opts: { tenant?: string; json: boolean }) {
  const answer = await withConnection(env, async (c) => {
    const params = new URLSearchParams();
    if (opts.tenant) params.set('tenantId', await findTenantId(c, opts.tenant));
    return expectOk(await c.request('GET', `/api/audit/verify?${params}`)) as VerifyAnswer;
  });
  const lines = answer.chains.map(
    (ch) =>
      `${ch.tenantName ?? '（无区域）'}\t${ch.chain === 'audit' ? '审计日志' : '台账记录'}\t${ch.count} 条\t` +
      `${ch.ok ? '完整' : '断裂'}\t${ch.head ? `${ch.head.id} ${ch.head.hash}` : '—'}`,
  );
  const b = answer.firstBroken;
  if (answer.ok) {
    print(
      answer,
      opts.json,
      [...lines, `链完整，共 ${answer.count} 条 / chains intact, ${answer.count} rows`].join('\n'),
    );
    return;
  }
  if (opts.json) print(answer, true, '');
  else console.log(lines.join('\n'));
  throw new CliError(
    `链断裂 / chain broken: ${b?.tenantName ?? '（无区域）'} ${b?.table} ${b?.id}: ${b?.message}`,
  );
}
