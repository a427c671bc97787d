import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { days, minutes } from '../../platform/clock.ts';
import { TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { client, signedIn, type Client } from '../../platform/testing/api.ts';
import { csoUserOf } from '../../platform/testing/cso-users.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { ministryAndNeighbour } from './test-agencies.ts';
import { consultationSubmissions } from './tables.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
let cso: Client;
let organisationId: string;
let otherOrganisationId: string;
let policyId: string;
let id: string;
const anyone = () => client(vaka.app);

beforeAll(async () => {
  let coordinatorId: string;
  ({ vaka, coordinator, viewer, otherAgency, coordinatorId } = await ministryAndNeighbour());
  const me = { id: coordinatorId };
  policyId = (
    await coordinator.post('/api/v1/dialogue/policies', {
      title: 'National Youth Policy',
      kind: 'policy',
      contactUserId: me.id,
      implementationDate: '2024-12-01',
    })
  ).body.id;
  organisationId = (
    await coordinator.post('/api/v1/register/organisations', {
      legalName: 'Aitutaki Youth Council',
      kind: 'community-group',
    })
  ).body.id;
  otherOrganisationId = (
    await coordinator.post('/api/v1/register/organisations', {
      legalName: 'Mangaia Growers',
      kind: 'community-group',
    })
  ).body.id;
  ({ cso } = await csoUserOf(vaka, organisationId, 'teina@ayc.test'));
});
afterAll(() => vaka.close());

// Today is 23 Nov 2026, 09:00 UTC.
const consultation = (change: Record<string, unknown> = {}) => ({
  policyId,
  title: 'Youth policy review: have your say',
  description: 'Tell us what is working for young people and what is not.',
  questions: ['What works well?', 'What should change?'],
  opensAt: '2026-11-20T00:00:00Z',
  closesAt: '2026-12-20T00:00:00Z',
  ...change,
});

test('a consultation opens on a policy; anyone and CSO users submit while it is open', async () => {
  const created = await coordinator.post('/api/v1/dialogue/consultations', consultation());
  expect(created.status).toBe(201);
  id = created.body.id;
  const shown = await anyone().get(`/api/v1/dialogue/public/consultations/${id}`);
  expect(shown.status).toBe(200);
  expect(shown.body).toMatchObject({
    open: true,
    policy: { title: 'National Youth Policy' },
    questions: ['What works well?', 'What should change?'],
  });
  expect(shown.body.submissions).toBeUndefined();

  const fromPublic = await anyone().post(`/api/v1/dialogue/public/consultations/${id}/submissions`, {
    name: 'Tangi Pureariki',
    email: 'tangi@example.org',
    answers: ['The sports grants.', 'More jobs on the outer islands.'],
  });
  expect(fromPublic.status).toBe(201);
  vaka.clock.advance(minutes(1));
  const anonymous = await anyone().post(`/api/v1/dialogue/public/consultations/${id}/submissions`, {
    answers: ['', 'Transport between islands.'],
  });
  expect(anonymous.status).toBe(201);
  vaka.clock.advance(minutes(1));
  const fromCso = await cso.post(`/api/v1/dialogue/consultations/${id}/organisation-submissions`, {
    organisationId,
    answers: ['Youth council seats.', 'Jobs and transport for the outer islands.'],
  });
  expect(fromCso.status).toBe(201);
  // A CSO user speaks only for their own organisation.
  const notTheirs = await cso.post(`/api/v1/dialogue/consultations/${id}/organisation-submissions`, {
    organisationId: otherOrganisationId,
    answers: ['Not ours to say'],
  });
  expect(notTheirs.status).toBe(403);
  expect(
    (
      await anyone().post(`/api/v1/dialogue/consultations/${id}/organisation-submissions`, {
        organisationId,
        answers: ['x'],
      })
    ).status,
  ).toBe(401);

  const view = (await viewer.get(`/api/v1/dialogue/consultations/${id}`)).body;
  expect(view.submissions).toHaveLength(3);
  expect(view.submissions[2]).toMatchObject({
    organisation: { name: 'Aitutaki Youth Council' },
    email: 'teina@ayc.test',
  });
  expect((await otherAgency.get(`/api/v1/dialogue/consultations/${id}`)).status).toBe(404);
  expect((await viewer.get('/api/v1/dialogue/consultations')).body.items).toEqual([
    expect.objectContaining({ id, open: true, submissions: 3 }),
  ]);
});

test('the honeypot is thanked and ignored; bad submissions name the field and keep nothing', async () => {
  const count = async () =>
    (
      await vaka.platform.db
        .select()
        .from(consultationSubmissions)
        .where(eq(consultationSubmissions.consultationId, id))
    ).length;
  const before = await count();
  const bot = await anyone().post(`/api/v1/dialogue/public/consultations/${id}/submissions`, {
    answers: ['Cheap watches'],
    website: 'https://spam.example',
  });
  expect(bot.status).toBe(201);
  const cases: [Record<string, unknown>, string][] = [
    [{ answers: [] }, 'answers'],
    [{ answers: ['', '  '] }, 'answers'],
    [{ answers: ['a', 'b', 'c'] }, 'answers'],
    [{ answers: ['fine'], email: 'not-an-address' }, 'email'],
  ];
  for (const [body, field] of cases) {
    const reply = await anyone().post(`/api/v1/dialogue/public/consultations/${id}/submissions`, body);
    expect(reply.status, JSON.stringify(body)).toBe(400);
    expect(reply.body.errors[0].field).toBe(field);
  }
  expect(await count()).toBe(before);
});

test('a consultation closes after it opens; its policy is the agency’s own', async () => {
  const wrongWay = await coordinator.post(
    '/api/v1/dialogue/consultations',
    consultation({ closesAt: '2026-11-01T00:00:00Z' }),
  );
  expect(wrongWay.status).toBe(400);
  expect(wrongWay.body.errors[0].field).toBe('closesAt');
  const noQuestions = await coordinator.post(
    '/api/v1/dialogue/consultations',
    consultation({ questions: [] }),
  );
  expect(noQuestions.body.errors[0].field).toBe('questions');
  const theirs = await otherAgency.post('/api/v1/dialogue/consultations', consultation());
  expect(theirs.status).toBe(400);
  expect(theirs.body.errors[0].field).toBe('policyId');
  expect((await viewer.post('/api/v1/dialogue/consultations', consultation())).status).toBe(403);
});

test('after closing, submissions are refused; staff tag themes and publish “you said, we did”, and submitters are told', async () => {
  const view = (await coordinator.get(`/api/v1/dialogue/consultations/${id}`)).body;
  const [tangi, anonymous, council] = view.submissions;
  const tagged = await coordinator.put(
    `/api/v1/dialogue/consultations/${id}/submissions/${tangi.id}/themes`,
    {
      themes: ['Outer-island jobs', 'sport'],
    },
  );
  expect(tagged.status).toBe(200);
  await coordinator.put(`/api/v1/dialogue/consultations/${id}/submissions/${anonymous.id}/themes`, {
    themes: ['transport'],
  });
  await coordinator.put(`/api/v1/dialogue/consultations/${id}/submissions/${council.id}/themes`, {
    themes: ['outer-island jobs', 'transport'],
  });
  const early = await coordinator.post(`/api/v1/dialogue/consultations/${id}/responses`, {
    theme: 'transport',
    youSaid: 'Travel between islands is hard.',
    weDid: 'Nothing yet.',
  });
  expect(early.status).toBe(409);

  vaka.clock.advance(days(28)); // 21 Dec: closed
  const mere = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
  const late = await anyone().post(`/api/v1/dialogue/public/consultations/${id}/submissions`, {
    answers: ['Too late?'],
  });
  expect(late.status).toBe(409);
  expect(late.body.detail).toContain('closed on 2026-12-20');
  expect((await anyone().get(`/api/v1/dialogue/public/consultations/${id}`)).body.open).toBe(false);

  const unknownTheme = await mere.post(`/api/v1/dialogue/consultations/${id}/responses`, {
    theme: 'weather',
    youSaid: 'x',
    weDid: 'y',
  });
  expect(unknownTheme.status).toBe(400);
  expect(unknownTheme.body.errors[0].field).toBe('theme');

  const published = await mere.post(`/api/v1/dialogue/consultations/${id}/responses`, {
    theme: 'Outer-island jobs',
    youSaid: 'Young people leave the outer islands for want of work.',
    weDid: 'The youth policy now funds apprenticeships on Aitutaki and Mangaia.',
  });
  expect(published.status).toBe(201);
  const toTangi = await vaka.mail.waitFor('tangi@example.org', /what we did about outer-island jobs/);
  expect(toTangi.text).toContain('We did: The youth policy now funds apprenticeships');
  await vaka.mail.waitFor('teina@ayc.test', /what we did about outer-island jobs/);
  const again = await mere.post(`/api/v1/dialogue/consultations/${id}/responses`, {
    theme: 'outer-island jobs',
    youSaid: 'x',
    weDid: 'y',
  });
  expect(again.status).toBe(409);
  const publicView = (await anyone().get(`/api/v1/dialogue/public/consultations/${id}`)).body;
  expect(publicView.responses).toEqual([expect.objectContaining({ theme: 'outer-island jobs' })]);
});

test("a policy's consultation schedule lists its consultations only; a malformed policy id is named", async () => {
  const all = (await coordinator.get('/api/v1/dialogue/consultations')).body.items;
  expect(all.length).toBeGreaterThan(0);
  const ofPolicy = (await coordinator.get(`/api/v1/dialogue/consultations?policyId=${policyId}`)).body.items;
  expect(ofPolicy.map((c: { id: string }) => c.id)).toEqual(all.map((c: { id: string }) => c.id));
  const none = await coordinator.get(
    '/api/v1/dialogue/consultations?policyId=7b0f4c1e-3d2a-4c5b-9e8f-1a2b3c4d5e6f',
  );
  expect(none.body.items).toEqual([]);
  const bad = await coordinator.get('/api/v1/dialogue/consultations?policyId=not-an-id');
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].field).toBe('querystring.policyId');
});

test('the public form is rate-limited per address', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++)
    statuses.push(
      (await anyone().post(`/api/v1/dialogue/public/consultations/${id}/submissions`, { answers: ['x'] }))
        .status,
    );
  expect(statuses).toContain(429);
});
