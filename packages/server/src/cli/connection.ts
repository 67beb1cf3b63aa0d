import { randomBytes } from 'node:crypto';
import type { Env } from '../env.ts';
import { buildApp } from '../app.ts';
import { DataFolderLockedError, readServerInfo } from '../db/data-folder.ts';
import { OPERATOR_HEADER } from '../http/auth-hook.ts';
import { openRuntime } from '../runtime.ts';

export interface ApiResponse {
  status: number;
  body: unknown;
}

/**
 * How a CLI command reaches Landfall: through the same HTTP API as the browser,
 * either in-process (app.inject on a database this process opened and locked)
 * or, when a server already holds the data folder, over HTTP to that server,
 * authenticated by the operator token it wrote into the folder.
 */
export interface Connection {
  mode: 'local' | 'remote';
  request(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<ApiResponse>;
  /** A raw body (a file) POSTed as application/octet-stream. */
  upload(url: string, bytes: Buffer): Promise<ApiResponse>;
  /**
   * A POST answered as NDJSON lines (progress, then the outcome): each line goes to `onLine`
   * as it arrives (over HTTP), or all at the end (in-process).
   */
  stream(url: string, body: unknown, onLine: (line: unknown) => void): Promise<void>;
  /** A download: the bytes of a 2xx answer, or the parsed error. */
  download(url: string): Promise<{ status: number; bytes: Buffer; body: unknown }>;
  close(): Promise<void>;
}

export async function connect(env: Env): Promise<Connection> {
  try {
    const runtime = await openRuntime(env);
    const token = randomBytes(32).toString('hex');
    const app = await buildApp({ database: runtime.database, operatorToken: token });
    return {
      mode: 'local',
      async request(method, url, body) {
        const res = await app.inject({
          method,
          url,
          headers: { [OPERATOR_HEADER]: token, 'accept-language': 'zh-CN' },
          ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
        });
        return { status: res.statusCode, body: res.body ? safeJson(res.body) : undefined };
      },
      async upload(url, bytes) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: {
            [OPERATOR_HEADER]: token,
            'accept-language': 'zh-CN',
            'content-type': 'application/octet-stream',
          },
          payload: bytes,
        });
        return { status: res.statusCode, body: res.body ? safeJson(res.body) : undefined };
      },
      async stream(url, body, onLine) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { [OPERATOR_HEADER]: token, 'accept-language': 'zh-CN', accept: 'application/x-ndjson' },
          payload: body as Record<string, unknown>,
        });
        for (const line of res.body.split('\n')) if (line.trim()) onLine(safeJson(line));
      },
      async download(url) {
        const res = await app.inject({
          method: 'GET',
          url,
          headers: { [OPERATOR_HEADER]: token, 'accept-language': 'zh-CN' },
        });
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        return { status: res.statusCode, bytes: res.rawPayload, body: ok ? undefined : safeJson(res.body) };
      },
      async close() {
        await app.close();
        await runtime.close();
      },
    };
  } catch (err) {
    if (!(err instanceof DataFolderLockedError)) throw err;
    const info = await readServerInfo(env.dataDir);
    if (!info) throw err;
    return {
      mode: 'remote',
      async request(method, url, body) {
        const res = await fetch(new URL(url, info.url), {
          method,
          headers: {
            [OPERATOR_HEADER]: info.token,
            'accept-language': 'zh-CN',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
        }).catch(() => {
          throw new Error(`Landfall 服务器 ${info.url} 无法连接 / cannot reach the server at ${info.url}`);
        });
        const text = await res.text();
        return { status: res.status, body: text ? safeJson(text) : undefined };
      },
      async upload(url, bytes) {
        const res = await fetch(new URL(url, info.url), {
          method: 'POST',
          headers: {
            [OPERATOR_HEADER]: info.token,
            'accept-language': 'zh-CN',
            'content-type': 'application/octet-stream',
          },
          body: bytes,
        }).catch(() => {
          throw new Error(`Landfall 服务器 ${info.url} 无法连接 / cannot reach the server at ${info.url}`);
        });
        const text = await res.text();
        return { status: res.status, body: text ? safeJson(text) : undefined };
      },
      async stream(url, body, onLine) {
        const res = await fetch(new URL(url, info.url), {
          method: 'POST',
          headers: {
            [OPERATOR_HEADER]: info.token,
            'accept-language': 'zh-CN',
            accept: 'application/x-ndjson',
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        }).catch(() => {
          throw new Error(`Landfall 服务器 ${info.url} 无法连接 / cannot reach the server at ${info.url}`);
        });
        if (!res.body) return;
        const decoder = new TextDecoder();
        let pending = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          pending += decoder.decode(chunk, { stream: true });
          const lines = pending.split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines) if (line.trim()) onLine(safeJson(line));
        }
        if (pending.trim()) onLine(safeJson(pending));
      },
      async download(url) {
        const res = await fetch(new URL(url, info.url), {
          headers: { [OPERATOR_HEADER]: info.token, 'accept-language': 'zh-CN' },
        }).catch(() => {
          throw new Error(`Landfall 服务器 ${info.url} 无法连接 / cannot reach the server at ${info.url}`);
        });
        const bytes = Buffer.from(await res.arrayBuffer());
        return { status: res.status, bytes, body: res.ok ? undefined : safeJson(bytes.toString('utf8')) };
      },
      close: async () => {},
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Throws a readable error for a non-2xx answer (the API's own message, in Chinese). */
export function expectOk(res: ApiResponse): unknown {
  if (res.status >= 200 && res.status < 300) return res.body;
  const error = (
    res.body as { error?: { code: string; message: string; fields?: { path: unknown[]; message: string }[] } }
  )?.error;
  const fields = error?.fields?.map((f) => `  ${f.path.join('.')}: ${f.message}`).join('\n');
  throw new CliError(
    `${error?.message ?? `HTTP ${res.status}`} (${error?.code ?? res.status})${fields ? `\n${fields}` : ''}`,
  );
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
