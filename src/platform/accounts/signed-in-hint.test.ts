import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildApp, type VakaApp } from '../http/app.ts';
import { agencyWithAdministrator, TEST_PASSWORD } from '../testing/agencies.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

// Beside the HttpOnly session cookie, one the web app can read says a session was given, so the
// sign-in page need not wait for /me's 401 (decision 0038). It must follow the session both ways.
let vaka: TestVaka;
let web: VakaApp;
let webRoot: string;

beforeAll(async () => {
  vaka = await startVaka();
  await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  webRoot = await mkdtemp(path.join(tmpdir(), 'vaka-web-'));
  await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Vaka</title>');
  web = await buildApp({ ...vaka.platform, config: { ...vaka.platform.config, webRoot } });
});
afterAll(async () => {
  await web.close();
  await vaka.close();
  await rm(webRoot, { recursive: true, force: true });
});

const cookieNamed = (response: { cookies: { name: string }[] }, name: string) =>
  response.cookies.find((cookie) => cookie.name === name) as
    { name: string; value: string; httpOnly?: boolean; maxAge?: number; expires?: Date } | undefined;
const cleared = (cookie: { value: string; maxAge?: number; expires?: Date } | undefined) =>
  cookie !== undefined &&
  cookie.value === '' &&
  (cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now()));

test('signing in sets the hint beside the session, readable by the page; signing out clears both', async () => {
  const signIn = await web.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:80' },
    payload: JSON.stringify({ email: 'admin@mia.test', password: TEST_PASSWORD }),
  });
  expect(signIn.statusCode).toBe(200);
  const session = cookieNamed(signIn, 'vaka_session');
  const hint = cookieNamed(signIn, 'vaka_signed_in');
  expect(session?.httpOnly).toBe(true);
  expect(hint).toMatchObject({ value: '1', maxAge: session?.maxAge });
  expect(hint?.httpOnly).toBeFalsy();

  const cookie = `vaka_session=${session!.value}; vaka_signed_in=1`;
  const signOut = await web.inject({
    method: 'DELETE',
    url: '/api/v1/session',
    headers: { cookie, origin: 'http://localhost:80' },
  });
  expect(signOut.statusCode).toBe(204);
  expect(cleared(cookieNamed(signOut, 'vaka_session'))).toBe(true);
  expect(cleared(cookieNamed(signOut, 'vaka_signed_in'))).toBe(true);
});

test("the app's page mirrors whether a session cookie came with it", async () => {
  // A session from before the hint existed (or a tool that sends the cookie itself) gets it.
  const withSession = await web.inject({ url: '/register', headers: { cookie: 'vaka_session=any' } });
  expect(withSession.statusCode).toBe(200);
  expect(cookieNamed(withSession, 'vaka_signed_in')).toMatchObject({ value: '1' });
  // A browser that lost its session cookie loses the hint with it.
  const hintOnly = await web.inject({ url: '/', headers: { cookie: 'vaka_signed_in=1' } });
  expect(cleared(cookieNamed(hintOnly, 'vaka_signed_in'))).toBe(true);
  // Nobody signed in, no hint: nothing is set.
  const nobody = await web.inject({ url: '/' });
  expect(nobody.statusCode).toBe(200);
  expect(nobody.cookies).toEqual([]);
  // API answers do not touch it: only the page and the session's own routes do.
  const api = await web.inject({ url: '/api/v1/me', headers: { cookie: 'vaka_signed_in=1' } });
  expect(api.statusCode).toBe(401);
  expect(cookieNamed(api, 'vaka_signed_in')).toBeUndefined();
});
