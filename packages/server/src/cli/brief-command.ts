/**
 * `landfall brief --kind weekly|semimonthly|monthly|joint|joint_planning|joint_promotion --date YYYY-MM-DD --out FILE.docx`:
 * the brief (简报) of a kind of meeting as of a date, written as .docx (official layout) or
 * .xlsx, through the same API as the web (GET /api/briefs).
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Env } from '../env.ts';
import { CliError, expectOk } from './connection.ts';
import { findTenantId, withConnection } from './commands.ts';

export { meetingKinds as briefKinds } from '@landfall/domain/coordination';

/** --format wins; else the extension of --out; else .docx. */
export function briefFormatOf(out: string, format: string | undefined): 'docx' | 'xlsx' {
  const chosen = format ?? extname(out).slice(1).toLowerCase();
  if (chosen === 'docx' || chosen === 'xlsx') return chosen;
  if (format) throw new CliError(`格式只能是 docx 或 xlsx / --format must be docx or xlsx: ${format}`);
  return 'docx';
}

export async function briefCommand(
  env: Env,
  opts: { kind: string; date: string; out: string; format?: string; tenant?: string; json: boolean },
) {
  const format = briefFormatOf(opts.out, opts.format);
  await withConnection(env, async (c) => {
    const params = new URLSearchParams({
      kind: opts.kind,
      date: opts.date,
      tenantId: await findTenantId(c, opts.tenant),
      format,
    });
    const res = await c.download(`/api/briefs?${params}`);
    if (res.status >= 300) expectOk({ status: res.status, body: res.body });
    await writeFile(opts.out, res.bytes);
    const data = { out: opts.out, format, kind: opts.kind, date: opts.date, bytes: res.bytes.length };
    console.log(
      opts.json
        ? JSON.stringify(data)
        : `已写入简报 / brief written: ${opts.out} (${res.bytes.length} bytes)`,
    );
  });
}
