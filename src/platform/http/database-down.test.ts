import { afterAll, beforeAll, expect, test } from 'vitest';
import { agencyWithAdministrator } from '../testing/agencies.ts';
import type { Client } from '../testing/api.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

let vaka: TestVaka;
let admin: Client;
beforeAll(async () => {
  vaka = await startVaka();
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test'));
});
afterAll(() => vaka.close());

test('when the database is gone, requests get a 503 problem with retry-after, and the process stays alive', async () => {
  await vaka.platform.jobs.stop();
  await vaka.platform.database.close();

  const ready = await vaka.app.inject({ url: '/readyz' });
  expect(ready.statusCode).toBe(503);
  expect(ready.json().code).toBe('database-unavailable');

  const me = await admin.get('/api/v1/me');
  expect(me.status).toBe(503);
  expect(me.body.code).toBe('database-unavailable');
  expect(me.headers['retry-after']).toBe('5');
  expect(JSON.stringify(me.body)).not.toMatch(/\.ts:\d+/);
  // A browser that accepts compressed answers reads the same problem.
  const fromBrowser = await admin.get('/api/v1/me', { 'accept-encoding': 'br, gzip' });
  expect(fromBrowser.status).toBe(503);
  expect(fromBrowser.body.code).toBe('database-unavailable');

  expect((await vaka.app.inject({ url: '/healthz' })).statusCode).toBe(200);
});
