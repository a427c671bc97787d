import type { VakaApp } from '../http/app.ts';
import { client, type Client, type Reply } from './api.ts';

let lastAddress = 0;

/** A fresh documentation address (RFC 5737), so one test's failed sign-ins do not block another's. */
export function newAddress(): string {
  lastAddress += 1;
  return `198.51.${100 + Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
}

/**
 * A sign-in attempt from a given address, as from another computer. On success the reply comes with a
 * client that holds the new session.
 */
export async function signInFrom(
  app: VakaApp,
  address: string,
  credentials: { email: string; password: string; code?: string },
  headers: Record<string, string> = {},
): Promise<Reply & { session: Client | undefined }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: address,
    headers: { 'content-type': 'application/json', origin: 'http://localhost:80', ...headers },
    payload: JSON.stringify(credentials),
  });
  const cookie = response.cookies.find((c) => c.name === 'vaka_session')?.value;
  return {
    status: response.statusCode,
    body: response.json(),
    headers: response.headers,
    session: cookie ? client(app, { cookie: `vaka_session=${cookie}` }) : undefined,
  };
}
