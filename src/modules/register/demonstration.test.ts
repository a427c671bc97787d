import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rowsOf } from '../../platform/db/client.ts';
import { agencyWithAdministrator } from '../../platform/testing/agencies.ts';
import { DEMONSTRATION_PASSWORD } from '../../platform/setup/demonstration.ts';
import { signedIn, type Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerDemonstration, registerModule } from './index.ts';

let vaka: TestVaka;
let admin: Client;
beforeAll(async () => {
  vaka = await startVaka({
    modules: registerModule,
    demonstrationSteps: registerDemonstration,
    demonstration: true,
  });
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test'));
});
afterAll(() => vaka.close());

async function loadDemonstration() {
  const { jobId } = (await admin.post('/api/v1/demonstration-data')).body;
  for (let i = 0; i < 300; i++) {
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).body;
    if (job.state === 'completed' || job.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the demonstration job did not finish');
}

test('the demonstration register holds 300 organisations over the islands, some due and some lapsed, once', async () => {
  expect((await loadDemonstration()).state).toBe('completed');
  const all = (await admin.get('/api/v1/register/organisations/counts')).body;
  expect(all.total).toBe(300);
  const statuses = Object.fromEntries(
    all.facets.status.map((f: { code: string; count: number }) => [f.code, f.count]),
  );
  expect(statuses.current).toBeGreaterThan(150);
  expect(statuses.due).toBeGreaterThan(10);
  expect(statuses.lapsed).toBeGreaterThan(10);
  const outerIslands = (await admin.get('/api/v1/register/organisations/counts?q=aitutaki')).body.total;
  expect(outerIslands).toBeGreaterThan(5);
  const maori = (
    await admin.get(`/api/v1/register/organisations/counts?q=${encodeURIComponent('te mapu o')}`)
  ).body.total;
  expect(maori).toBeGreaterThan(0);

  // The portal has someone to show: a CSO user, a sign-up waiting, a change waiting for review.
  const cso = await signedIn(vaka.app, 'cso@demo.vaka.test', DEMONSTRATION_PASSWORD);
  expect((await cso.get('/api/v1/portal/organisations')).body.items).toHaveLength(1);
  expect((await admin.get('/api/v1/register/cso-users')).body.items).toHaveLength(1);
  expect((await admin.get('/api/v1/register/profile-changes')).body.items).toHaveLength(1);
  // The checked field was checked by the agency's staff, not by the CSO user who may change it.
  const checkers = rowsOf<{ email: string; staff: boolean }>(
    await vaka.platform.db.execute(sql`select u.email, exists (select 1 from memberships m
        where m.user_id = v.verified_by and m.agency_id = v.agency_id) as staff
      from organisation_verifications v join users u on u.id = v.verified_by`),
  );
  expect(checkers).toEqual([{ email: 'admin@mia.test', staff: true }]);

  expect((await loadDemonstration()).state).toBe('completed');
  expect((await admin.get('/api/v1/register/organisations/counts')).body.total).toBe(300);
  expect((await admin.get('/api/v1/register/profile-changes')).body.items).toHaveLength(1);
});
