import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { modules } from '../../modules.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';
import { buildApp, type VakaApp } from './app.ts';

// What answers a stranger. Adding a route here is a decision: everything else must say 401 first.
const PUBLIC_ROUTES = [
  'GET /',
  'GET /*',
  'GET /assets/start.js',
  'GET /index.html',
  'GET /healthz',
  'GET /readyz',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/',
  'GET /api/docs/js/scalar.js',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/session',
  'POST /api/v1/password-reset',
  'POST /api/v1/password-reset/complete',
  'GET /api/v1/invitations/:token',
  'POST /api/v1/invitations/accept',
  'POST /api/v1/portal/sign-up',
  'GET /api/v1/portal/links/:token',
  'POST /api/v1/portal/links/accept',
  'GET /api/v1/directory/taxonomies',
  'GET /api/v1/directory/organisations',
  'GET /api/v1/directory/organisations/counts',
  'GET /api/v1/directory/organisations/:id',
  'GET /api/v1/dialogue/replies/:token',
  'POST /api/v1/dialogue/replies/:token',
  'GET /api/v1/dialogue/calendar/ics/:token',
  'GET /api/v1/dialogue/public/consultations/:id',
  'POST /api/v1/dialogue/public/consultations/:id/submissions',
  'GET /api/v1/dialogue/public/open-door',
  'GET /api/v1/dialogue/public/open-door/:agencyId',
].sort();

let vaka: TestVaka;
let app: VakaApp;
let webRoot: string;
const routes: { method: string; url: string }[] = [];

beforeAll(async () => {
  vaka = await startVaka();
  // A built web app, so its files and page are in the route table too.
  webRoot = await mkdtemp(path.join(tmpdir(), 'vaka-web-'));
  await mkdir(path.join(webRoot, 'assets'));
  await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Vaka</title>');
  await writeFile(path.join(webRoot, 'assets/start.js'), 'console.log(1)');
  app = await buildApp({ ...vaka.platform, config: { ...vaka.platform.config, webRoot } }, modules, {
    onRoute: (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      // HEAD answers as its GET does.
      for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url });
    },
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await vaka.close();
  await rm(webRoot, { recursive: true, force: true });
});

/** Every parameter and the query string malformed, and a body no route accepts. */
async function asStranger(route: { method: string; url: string }) {
  const url = route.url.replace(/:[^/]+/g, 'not-an-id').replace(/\*/g, 'somewhere');
  const withBody = route.method !== 'GET';
  const response = await app.inject({
    method: route.method as 'GET',
    url: `${url}?limit=-1&unexpected=1`,
    headers: withBody ? { 'content-type': 'application/json' } : {},
    ...(withBody ? { payload: '{"unexpected": ' } : {}),
  });
  const problem = response.headers['content-type']?.includes('json') ? response.json() : undefined;
  return { status: response.statusCode, code: (problem as { code?: string } | undefined)?.code };
}

test('every route but the listed public ones answers a stranger 401 before reading the request', async () => {
  expect(routes.length).toBeGreaterThan(150);
  const answeringStrangers: string[] = [];
  for (const route of routes) {
    const reply = await asStranger(route);
    if (reply.status === 401 && reply.code === 'unauthenticated') continue;
    answeringStrangers.push(`${route.method} ${route.url}`);
  }
  expect(answeringStrangers.sort()).toEqual(PUBLIC_ROUTES);
});

test('a stranger gets 401 rather than the fields a private route expects', async () => {
  const reply = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ role: 'emperor' }),
  });
  expect(reply.statusCode).toBe(401);
  expect(reply.json()).toMatchObject({ code: 'unauthenticated' });
  expect(reply.json().errors).toBeUndefined();
});

test('an unknown API address stays a 404 for a stranger', async () => {
  const reply = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
  expect(reply.statusCode).toBe(404);
});
