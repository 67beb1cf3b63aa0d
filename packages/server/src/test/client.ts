import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { currentCode, rememberSecret } from './totp.ts';

/**
 * A browser-like client over app.inject(): keeps cookies, fetches and sends the
 * CSRF token on state-changing requests, logs in.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '127.0.0.1',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...opts.headers };
    if (method !== 'GET' && opts.csrf !== false) {
      this.csrf ??= await this.fetchCsrf();
      headers['x-csrf-token'] = this.csrf;
    }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.ip,
      ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    });
    this.keepCookies(res);
    return res;
  }

  private keepCookies(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      // The CSRF token is bound to the session: a new (or no) session cookie needs a new token.
      if (c.name === 'landfall_session' && this.cookies.get(c.name) !== (cleared ? undefined : c.value)) {
        this.csrf = undefined;
      }
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  /** A multipart/form-data upload with one file field, as a browser form sends it. */
  async upload(
    url: string,
    filename: string,
    content: Buffer,
    field = 'file',
  ): Promise<LightMyRequestResponse> {
    const boundary = `----landfall${Math.random().toString(16).slice(2)}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: application/octet-stream\r\n\r\n`,
    );
    const body = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    this.csrf ??= await this.fetchCsrf();
    const headers: Record<string, string> = {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'x-csrf-token': this.csrf,
    };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers,
      payload: body,
      remoteAddress: this.ip,
    });
    this.keepCookies(res);
    return res;
  }

  private async fetchCsrf(): Promise<string> {
    const res = await this.request('GET', '/api/csrf');
    return (res.json() as { token: string }).token;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});

  /**
   * Logs in as a person would: the password, then the code of the account's authenticator when TOTP is on;
   * an account that must have TOTP and has none enrols at once (its secret kept for its next logins).
   */
  async login(username: string, password: string) {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const body = res.json() as { secondFactor?: string; totpEnrolmentRequired?: boolean };
    if (body.secondFactor === 'pending') {
      const second = await this.post('/api/auth/totp', { code: await currentCode(this.app, username) });
      if (second.statusCode !== 200)
        throw new Error(`TOTP ${username} failed: ${second.statusCode} ${second.body}`);
      return second.json();
    }
    if (body.totpEnrolmentRequired) {
      await this.enrolTotp(username);
      return (await this.get('/api/me')).json();
    }
    return body;
  }

  /** Enrols the logged-in account's authenticator; returns the secret and the recovery codes. */
  async enrolTotp(username: string) {
    const started = await this.post('/api/me/totp/enrolment');
    if (started.statusCode !== 200) throw new Error(`TOTP enrolment ${username}: ${started.body}`);
    const { secret } = started.json() as { secret: string };
    rememberSecret(this.app, username, secret, new Date(0));
    const confirmed = await this.post('/api/me/totp/confirm', {
      code: await currentCode(this.app, username),
    });
    if (confirmed.statusCode !== 200) throw new Error(`TOTP confirm ${username}: ${confirmed.body}`);
    return { secret, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes };
  }

  /** The Cookie header this client sends (to replay it elsewhere). */
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  hasCookie(name: string) {
    return this.cookies.has(name);
  }
}
