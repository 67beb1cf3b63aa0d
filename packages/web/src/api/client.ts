import { isErrorCode, type ErrorCode, type FieldIssue, type Locale } from '@landfall/domain';

/** Every non-2xx answer becomes one of these, carrying the server's error body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: FieldIssue[];
  readonly requestId: string | undefined;
  readonly details: unknown;

  constructor(init: {
    status: number;
    code: ErrorCode;
    message: string;
    fields?: FieldIssue[] | undefined;
    requestId?: string | undefined;
    details?: unknown;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId;
    this.details = init.details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let currentLocale: Locale = 'zh-CN';

/** The i18n provider calls this so every request carries the UI language. */
export function setRequestLocale(locale: Locale): void {
  currentLocale = locale;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: Promise<string> | undefined;

function fetchCsrfToken(): Promise<string> {
  csrfToken ??= (async () => {
    const body = await send<{ token: string }>('GET', '/api/csrf');
    return body.token;
  })().catch((error: unknown) => {
    csrfToken = undefined;
    throw error;
  });
  return csrfToken;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  const error =
    typeof payload === 'object' && payload !== null && 'error' in payload
      ? (payload as { error: unknown }).error
      : undefined;
  if (typeof error === 'object' && error !== null) {
    const body = error as Record<string, unknown>;
    return new ApiError({
      status: response.status,
      code: isErrorCode(body.code) ? body.code : codeForStatus(response.status),
      message: typeof body.message === 'string' ? body.message : response.statusText,
      fields: Array.isArray(body.fields) ? (body.fields as FieldIssue[]) : undefined,
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
      details: body.details,
    });
  }
  return new ApiError({
    status: response.status,
    code: codeForStatus(response.status),
    message: response.statusText || `HTTP ${response.status}`,
    requestId: response.headers.get('x-request-id') ?? undefined,
  });
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 400) return 'validation_failed';
  return 'internal';
}

async function send<T>(method: Method, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale,
  };
  const multipart = body instanceof FormData;
  // The browser sets multipart/form-data with its boundary itself.
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (token) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError({
      status: 0,
      code: 'internal',
      message: cause instanceof Error ? cause.message : 'network error',
    });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * One request to the API. Writes carry the CSRF token; when the server answers
 * `csrf_invalid`, the token is fetched again and the request retried once.
 */
export async function request<T>(
  method: Method,
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const url = withQuery(path, options.query);
  if (method === 'GET') return send<T>(method, url);
  const body = options.body;
  try {
    return await send<T>(method, url, body, await fetchCsrfToken());
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'csrf_invalid') throw error;
    csrfToken = undefined;
    return send<T>(method, url, body, await fetchCsrfToken());
  } finally {
    // The token is bound to the session: a login, its second step or a logout changes the session, so the
    // next write fetches a token for the new one (instead of being refused once and retried).
    if (sessionChanging.has(path)) csrfToken = undefined;
  }
}

const sessionChanging = new Set(['/api/auth/login', '/api/auth/totp', '/api/auth/logout']);

/** The file name from `Content-Disposition` (RFC 5987 `filename*=UTF-8''…` first), if any. */
function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // Fall through to the plain name.
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

/**
 * A file from a GET (the exports): its bytes and the name the server gives. Errors come
 * back as the same ApiError as any request, so the page can say what went wrong.
 */
export async function fetchFile(path: string): Promise<{ blob: Blob; filename: string | null }> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { 'Accept-Language': currentLocale },
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError({
      status: 0,
      code: 'internal',
      message: cause instanceof Error ? cause.message : 'network error',
    });
  }
  if (!response.ok) throw await toApiError(response);
  return {
    blob: await response.blob(),
    filename: dispositionFilename(response.headers.get('content-disposition')),
  };
}

/**
 * A POST answered as NDJSON (the import's preview and commit): `{"progress": …}` lines go to
 * `onProgress` as they arrive, the last line `{"status", "body"}` is the outcome — the body,
 * or an ApiError as for any request.
 */
export async function postStream<T, P>(
  path: string,
  body: unknown,
  onProgress: (progress: P) => void,
): Promise<T> {
  const attempt = async (token: string): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(path, {
        method: 'POST',
        headers: {
          Accept: 'application/x-ndjson',
          'Accept-Language': currentLocale,
          'Content-Type': 'application/json',
          'x-csrf-token': token,
        },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError({
        status: 0,
        code: 'internal',
        message: cause instanceof Error ? cause.message : 'network error',
      });
    }
    if (!response.ok || !response.body) throw await toApiError(response);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    let outcome: { status: number; body: unknown } | undefined;
    const handle = (line: string) => {
      if (!line.trim()) return;
      const parsed = JSON.parse(line) as { progress?: P; status?: number; body?: unknown };
      if (parsed.progress) onProgress(parsed.progress);
      else if (typeof parsed.status === 'number') outcome = { status: parsed.status, body: parsed.body };
    };
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(handle);
    }
    handle(pending + decoder.decode());
    if (!outcome) throw new ApiError({ status: 0, code: 'internal', message: 'no answer' });
    if (outcome.status >= 400) {
      throw await toApiError(new Response(JSON.stringify(outcome.body), { status: outcome.status }));
    }
    return outcome.body as T;
  };
  try {
    return await attempt(await fetchCsrfToken());
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'csrf_invalid') throw error;
    csrfToken = undefined;
    return attempt(await fetchCsrfToken());
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data with one file field (the CSRF retry resends the same FormData). */
  upload: <T>(path: string, file: File, field = 'file') => {
    const form = new FormData();
    form.append(field, file);
    return request<T>('POST', path, { body: form });
  },
};
