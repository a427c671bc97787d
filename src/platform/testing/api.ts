import type { VakaApp } from '../http/app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Reply = { status: number; body: any; headers: Record<string, unknown> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON

/**
 * An HTTP client over app.inject that behaves like a same-origin browser: it keeps the cookie.
 * `address` is the caller's IP address, for tests that must not share one address's rate limits.
 */
export function client(app: VakaApp, options: { cookie?: string; token?: string; address?: string } = {}) {
  let cookie = options.cookie;
  async function call(
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await app.inject({
      method,
      url,
      ...(options.address ? { remoteAddress: options.address } : {}),
      headers: {
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { origin: 'http://localhost:80' }),
        ...(cookie ? { cookie } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    const setCookie = response.cookies.find((c) => c.name === 'vaka_session');
    if (setCookie) cookie = setCookie.value ? `vaka_session=${setCookie.value}` : undefined;
    const text = response.body;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.statusCode, body, headers: response.headers };
  }
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      call('POST', url, payload ?? {}, headers),
    put: (url: string, payload?: unknown) => call('PUT', url, payload ?? {}),
    patch: (url: string, payload?: unknown) => call('PATCH', url, payload ?? {}),
    delete: (url: string, payload?: unknown) => call('DELETE', url, payload),
    cookie: () => cookie,
  };
}

export type Client = ReturnType<typeof client>;

export async function signedIn(app: VakaApp, email: string, password: string): Promise<Client> {
  const api = client(app);
  const reply = await api.post('/api/v1/session', { email, password });
  if (reply.status !== 200)
    throw new Error(`sign-in as ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return api;
}
