import { afterAll, beforeAll, expect, test } from 'vitest';
import { client, type Client } from '../../platform/testing/api.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { ministryAndNeighbour } from './test-agencies.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
let agencyId: string;
let unitId: string;
let youthPolicyId: string;
let draftPolicyId: string;
let otherPolicyId: string;
const stranger = () => client(vaka.app);

// Today is 23 Nov 2026, 09:00 UTC.
beforeAll(async () => {
  let coordinatorId: string;
  ({ vaka, coordinator, viewer, otherAgency, agencyId, unitId, coordinatorId } =
    await ministryAndNeighbour());
  const policy = (change: Record<string, unknown>) =>
    coordinator.post('/api/v1/dialogue/policies', {
      kind: 'policy',
      contactUserId: coordinatorId,
      implementationDate: '2025-03-01',
      ownerUnitId: unitId,
      ...change,
    });
  youthPolicyId = (await policy({ title: 'National Youth Policy', focusAreas: ['youth', 'education'] })).body
    .id;
  draftPolicyId = (
    await policy({ title: 'Elderly policy (draft)', status: 'draft', focusAreas: ['elderly'] })
  ).body.id;
  await coordinator.post('/api/v1/dialogue/consultations', {
    policyId: youthPolicyId,
    title: 'Youth policy mid-term review',
    questions: ['What works?'],
    opensAt: '2026-11-01T00:00:00Z',
    closesAt: '2026-12-15T00:00:00Z',
  });
  await coordinator.post('/api/v1/dialogue/consultations', {
    policyId: youthPolicyId,
    title: 'Closed already',
    questions: ['What works?'],
    opensAt: '2026-01-01T00:00:00Z',
    closesAt: '2026-02-01T00:00:00Z',
  });
  const otherOptions = (await otherAgency.get('/api/v1/dialogue/options')).body;
  otherPolicyId = (
    await otherAgency.post('/api/v1/dialogue/policies', {
      title: 'Health promotion plan',
      kind: 'plan',
      contactUserId: otherOptions.staff[0].id,
      implementationDate: '2025-01-01',
    })
  ).body.id;
});
afterAll(() => vaka.close());

test('the public page names no staff member until the agency publishes a contact', async () => {
  const page = await stranger().get(`/api/v1/dialogue/public/open-door/${agencyId}`);
  expect(page.status).toBe(200);
  expect(page.headers['cache-control']).toContain('public');
  expect(page.body.agency.name).toBe('Ministry of Internal Affairs');
  // The draft stays out; the youth policy shows its unit and its open consultation only.
  expect(page.body.policies.map((p: { title: string }) => p.title)).toEqual(['National Youth Policy']);
  const youth = page.body.policies[0];
  expect(youth.contact).toBeNull();
  expect(youth.unit).toEqual(expect.any(String));
  expect(youth.consultations.map((c: { title: string }) => c.title)).toEqual([
    'Youth policy mid-term review',
  ]);
  expect(JSON.stringify(page.body)).not.toContain('mere@mia.test');
  expect(page.body.focusAreas.map((f: { code: string }) => f.code)).toEqual(['youth', 'education']);
  expect(page.body.focusAreas[0]).toMatchObject({
    label: 'Youth',
    contact: null,
    policyIds: [youthPolicyId],
  });

  const agencies = await stranger().get('/api/v1/dialogue/public/open-door');
  expect(agencies.body.agencies.map((a: { name: string }) => a.name)).toEqual([
    'Ministry of Health',
    'Ministry of Internal Affairs',
  ]);
});

test('staff publish a contact per policy and per focus area; the public page shows just that', async () => {
  const published = await coordinator.put('/api/v1/dialogue/published-contacts', {
    policyId: youthPolicyId,
    name: 'Youth policy officer',
    unitId,
    email: 'youth@mia.gov.ck',
    phone: '+682 29 370',
  });
  expect(published.status).toBe(200);
  const byArea = await coordinator.put('/api/v1/dialogue/published-contacts', {
    focusArea: 'elderly',
    name: 'Seniors desk',
    email: 'seniors@mia.gov.ck',
  });
  expect(byArea.status).toBe(200);

  const page = (await stranger().get(`/api/v1/dialogue/public/open-door/${agencyId}`)).body;
  expect(page.policies[0].contact).toEqual({
    name: 'Youth policy officer',
    unit: page.policies[0].unit,
    email: 'youth@mia.gov.ck',
    phone: '+682 29 370',
  });
  // A focus area with a published contact is listed even with no public policy in it.
  expect(page.focusAreas.find((f: { code: string }) => f.code === 'elderly')).toMatchObject({
    label: 'Elderly',
    contact: { name: 'Seniors desk', email: 'seniors@mia.gov.ck', phone: null, unit: null },
    policyIds: [],
  });

  // Replacing needs the version seen; a stale one gets 409 and changes nothing.
  const again = { policyId: youthPolicyId, name: 'Youth desk', email: 'youth@mia.gov.ck' };
  expect((await coordinator.put('/api/v1/dialogue/published-contacts', again)).body.errors[0].field).toBe(
    'version',
  );
  const stale = await coordinator.put('/api/v1/dialogue/published-contacts', { ...again, version: 7 });
  expect(stale.status).toBe(409);
  const replaced = await coordinator.put('/api/v1/dialogue/published-contacts', { ...again, version: 1 });
  expect(replaced.body).toMatchObject({ name: 'Youth desk', version: 2, phone: null });

  const list = (await viewer.get('/api/v1/dialogue/published-contacts')).body.contacts;
  expect(list).toHaveLength(2);
  expect((await otherAgency.get('/api/v1/dialogue/published-contacts')).body.contacts).toEqual([]);

  // Withdrawn, it leaves the page; another agency cannot withdraw it.
  const seniors = list.find((c: { focusArea: string | null }) => c.focusArea === 'elderly');
  expect((await otherAgency.delete(`/api/v1/dialogue/published-contacts/${seniors.id}`)).status).toBe(404);
  expect((await coordinator.delete(`/api/v1/dialogue/published-contacts/${seniors.id}`)).status).toBe(204);
  const after = (await stranger().get(`/api/v1/dialogue/public/open-door/${agencyId}`)).body;
  expect(after.focusAreas.map((f: { code: string }) => f.code)).not.toContain('elderly');
});

test('bad input names the field and publishes nothing', async () => {
  const cases: [Record<string, unknown>, string, Client?][] = [
    [{ name: 'Desk', email: 'a@b.ck' }, 'policyId'],
    [{ policyId: youthPolicyId, focusArea: 'youth', name: 'Desk', email: 'a@b.ck' }, 'policyId'],
    [{ focusArea: 'youth', name: 'Desk' }, 'email'],
    [{ focusArea: 'youth', name: 'Desk', email: 'not an address' }, 'email'],
    [{ focusArea: 'youth', name: 'Desk', phone: 'call me' }, 'phone'],
    [{ focusArea: 'youth', name: '', email: 'a@b.ck' }, 'name'],
    [{ focusArea: 'not-a-focus-area', name: 'Desk', email: 'a@b.ck' }, 'focusArea'],
    // Another agency's policy and a forged unit id.
    [{ policyId: otherPolicyId, name: 'Desk', email: 'a@b.ck' }, 'policyId'],
    [
      { focusArea: 'youth', name: 'Desk', email: 'a@b.ck', unitId: '00000000-0000-4000-8000-000000000000' },
      'unitId',
    ],
  ];
  for (const [body, field] of cases) {
    const reply = await coordinator.put('/api/v1/dialogue/published-contacts', body);
    expect(reply.status, JSON.stringify(body)).toBe(400);
    expect(reply.body.errors[0].field).toBe(field);
  }
  expect(
    (
      await viewer.put('/api/v1/dialogue/published-contacts', {
        focusArea: 'youth',
        name: 'D',
        email: 'a@b.ck',
      })
    ).status,
  ).toBe(403);
  expect(
    (
      await stranger().put('/api/v1/dialogue/published-contacts', {
        focusArea: 'youth',
        name: 'D',
        email: 'a@b.ck',
      })
    ).status,
  ).toBe(401);
  expect(
    (await stranger().get('/api/v1/dialogue/public/open-door/00000000-0000-4000-8000-000000000000')).status,
  ).toBe(404);
  expect((await stranger().get('/api/v1/dialogue/public/open-door/not-an-id')).status).toBe(400);
  expect(draftPolicyId).toBeTruthy();
});
