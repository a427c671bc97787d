import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { modules } from '../../modules.ts';
import { agencyWithAdministrator, TEST_PASSWORD } from '../testing/agencies.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';
import { buildApp } from './app.ts';

// Vaka behind a TLS proxy that it does not trust for X-Forwarded-Proto: requests arrive as http.
let vaka: TestVaka;
beforeAll(async () => {
  vaka = await startVaka({ env: { PUBLIC_URL: 'https://vaka.example.gov.ck' } });
  await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
});
afterAll(() => vaka.close());

const signIn = () =>
  vaka.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: { 'content-type': 'application/json', origin: 'https://vaka.example.gov.ck' },
    payload: JSON.stringify({ email: 'admin@mia.test', password: TEST_PASSWORD }),
  });

describe('behind a TLS proxy', () => {
  test('the session cookie and its hint are Secure because the public address is https', async () => {
    const reply = await signIn();
    expect(reply.statusCode).toBe(200);
    const session = reply.cookies.find((cookie) => cookie.name === 'vaka_session');
    const hint = reply.cookies.find((cookie) => cookie.name === 'vaka_signed_in');
    expect(session).toMatchObject({ secure: true, httpOnly: true });
    expect(hint).toMatchObject({ secure: true });
  });
});

describe('headers on every answer', () => {
  test('API answers are never stored, signed in or not, answered or refused', async () => {
    const session = (await signIn()).cookies.find((cookie) => cookie.name === 'vaka_session')!;
    const me = await vaka.app.inject({
      url: '/api/v1/me',
      headers: { cookie: `vaka_session=${session.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const stranger = await vaka.app.inject({ url: '/api/v1/me' });
    expect(stranger.statusCode).toBe(401);
    expect(stranger.headers['cache-control']).toBe('no-store');
    expect((await vaka.app.inject({ url: '/api/v1/setup' })).headers['cache-control']).toBe('no-store');
  });

  test('a route that says it may be cached keeps its own cache-control', async () => {
    const app = await buildApp(vaka.platform, modules);
    try {
      const openDoor = await app.inject({ url: '/api/v1/dialogue/public/open-door' });
      expect(openDoor.statusCode).toBe(200);
      expect(openDoor.headers['cache-control']).toMatch(/^public/);
    } finally {
      await app.close();
    }
  });

  test('every answer turns off camera, microphone, geolocation, payment and the like', async () => {
    for (const url of ['/healthz', '/api/v1/me', '/api/v1/nothing-here', '/nowhere']) {
      const policy = String((await vaka.app.inject({ url })).headers['permissions-policy']);
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
        expect(policy).toContain(`${feature}=()`);
    }
  });
});
