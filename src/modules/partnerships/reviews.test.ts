import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { signedIn, type Client } from '../../platform/testing/api.ts';
import { csoUserOf } from '../../platform/testing/cso-users.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { dialogueModule } from '../dialogue/index.ts';
import { registerModule } from '../register/index.ts';
import { partnershipsModule } from './index.ts';
import { registerOrganisation } from './testing/organisations.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
let youthUser: Client;
let womenUser: Client;
const org = { youth: '', women: '' };
const base = '/api/v1/partnerships';

const register = (name: string) => registerOrganisation(coordinator, name);

beforeAll(async () => {
  vaka = await startVaka({ modules: [...registerModule, ...partnershipsModule, ...dialogueModule] });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  viewer = await memberWithRole(vaka, admin, 'ana@mia.test', 'viewer');
  otherAgency = (await agencyWithAdministrator(vaka, 'Ministry of Health', 'admin@moh.test')).admin;
  org.youth = await register('Aitutaki Youth Council');
  org.women = await register("Takitumu Women's Association");
  youthUser = (await csoUserOf(vaka, org.youth, 'teina@ayc.test', 'cso-member')).cso;
  womenUser = (await csoUserOf(vaka, org.women, 'vaine@twa.test')).cso;
});
afterAll(() => vaka.close());

const partnership = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  parties: [{ organisationId: org.youth, lead: false }],
  formality: 'informal',
  form: 'network',
  startsOn: '2026-01-15',
  ...extra,
});

async function start(title: string, extra: Record<string, unknown> = {}) {
  const reply = await coordinator.post(base, partnership(title, extra));
  expect(reply.status).toBe(201);
  return reply.body as { id: string; version: number; level: string };
}

type Principle = { id: string; name: string; retired: boolean };
const principles = async () =>
  ((await coordinator.get(`${base}/principles`)).body.items as Principle[]).filter((p) => !p.retired);
const allRated = async (rating: number) => (await principles()).map((p) => ({ principleId: p.id, rating }));

async function reviewsOf(id: string, as: Client = coordinator) {
  return (await as.get(`${base}/${id}/reviews`)).body;
}

let id: string;

describe('a review from cadence to completion, both sides', () => {
  let reviewId: string;

  test('a cadence gives the next review date, counted from the start; the due list shows it overdue', async () => {
    const p = await start('Youth voices network');
    id = p.id;
    expect(await reviewsOf(id)).toMatchObject({ cadenceMonths: null, nextReviewOn: null, reviews: [] });
    const set = await coordinator.put(`${base}/${id}/review-cadence`, { months: 6, version: p.version });
    expect(set.status).toBe(200);
    // 15 Jan 2026 + 6 months; today is 23 Nov 2026.
    expect(set.body).toMatchObject({ cadenceMonths: 6, nextReviewOn: '2026-07-15' });
    const due = (await coordinator.get(`${base}/reviews/due`)).body.items;
    expect(due).toContainEqual(
      expect.objectContaining({ partnershipId: id, nextReviewOn: '2026-07-15', overdue: true }),
    );
    const trail = await coordinator.get(`/api/v1/audit/partnership/${id}`);
    expect(trail.body.items[0].action).toBe('partnership.review-cadence-set');
  });

  test('a cadence other than 3, 6, 12 or 24 months, or a stale version, is refused', async () => {
    const current = await reviewsOf(id);
    const odd = await coordinator.put(`${base}/${id}/review-cadence`, {
      months: 7,
      version: current.version,
    });
    expect(odd.status).toBe(400);
    expect(odd.body.errors[0].field).toBe('months');
    const stale = await coordinator.put(`${base}/${id}/review-cadence`, { months: 12, version: 1 });
    expect(stale.status).toBe(409);
    expect((await reviewsOf(id)).cadenceMonths).toBe(6);
  });

  test('the coordinator opens a review, due on the scheduled date; a second open one is refused', async () => {
    const opened = await coordinator.post(`${base}/${id}/reviews`, {});
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ state: 'open', dueOn: '2026-07-15', version: 1 });
    reviewId = opened.body.id;
    const again = await coordinator.post(`${base}/${id}/reviews`, {});
    expect(again.status).toBe(409);
    expect((await reviewsOf(id)).reviews).toHaveLength(1);
    const due = (await coordinator.get(`${base}/reviews/due`)).body.items;
    expect(due.find((d: { partnershipId: string }) => d.partnershipId === id).openReviewId).toBe(reviewId);
  });

  test('the agency writes its side: reflection, ratings and a recommendation to move along the continuum', async () => {
    const reply = await coordinator.put(`${base}/${id}/reviews/${reviewId}`, {
      progress: 'Two youth forums held, one planned.',
      addedValue: 'The council reaches young people the ministry does not.',
      expectationsMet: 'Mostly.',
      toImprove: 'Share meeting notes sooner.',
      institutionalDevelopment: 'The council now keeps minutes and accounts.',
      strategicPositioning: 'Ready to coordinate the youth week.',
      recommendation: 'move-level',
      recommendedLevel: 'coordinating',
      ratings: await allRated(4),
      version: 1,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      recommendation: 'move-level',
      recommendedLevel: 'coordinating',
      version: 2,
    });
    expect(reply.body.agencyRatings).toHaveLength((await principles()).length);
  });

  test.each([
    [
      'a rating above 5',
      async () => ({ ratings: [{ principleId: (await principles())[0]!.id, rating: 6 }] }),
      'ratings.0.rating',
    ],
    [
      'a rating of 0',
      async () => ({ ratings: [{ principleId: (await principles())[0]!.id, rating: 0 }] }),
      'ratings.0.rating',
    ],
    [
      'an unknown principle',
      async () => ({ ratings: [{ principleId: '00000000-0000-4000-8000-000000000000', rating: 3 }] }),
      'ratings.0.principleId',
    ],
    [
      'the same principle twice',
      async () => {
        const first = (await principles())[0]!.id;
        return {
          ratings: [
            { principleId: first, rating: 3 },
            { principleId: first, rating: 4 },
          ],
        };
      },
      'ratings.1.principleId',
    ],
    [
      'a move without a level',
      async () => ({ recommendation: 'move-level', recommendedLevel: null }),
      'recommendedLevel',
    ],
    [
      'a move to the level it is at',
      async () => ({ recommendation: 'move-level', recommendedLevel: 'networking' }),
      'recommendedLevel',
    ],
    ['an unknown recommendation', async () => ({ recommendation: 'abandon' }), 'recommendation'],
  ])('%s is refused by field, and the review is unchanged', async (_, change, field) => {
    const reply = await coordinator.put(`${base}/${id}/reviews/${reviewId}`, {
      recommendation: 'continue',
      ratings: [],
      version: 2,
      ...(await change()),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const review = (await reviewsOf(id)).reviews[0];
    expect(review).toMatchObject({ version: 2, recommendation: 'move-level' });
    expect(review.agencyRatings.every((r: { rating: number }) => r.rating === 4)).toBe(true);
  });

  test('a retired principle is not rated any more', async () => {
    const added = await coordinator.post(`${base}/principles`, { name: 'Old habit' });
    await coordinator.put(`${base}/principles/${added.body.id}`, {
      name: 'Old habit',
      retired: true,
      version: 1,
    });
    const reply = await coordinator.put(`${base}/${id}/reviews/${reviewId}`, {
      recommendation: 'continue',
      ratings: [{ principleId: added.body.id, rating: 3 }],
      version: 2,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0]).toMatchObject({
      field: 'ratings.0.principleId',
      message: 'This principle is retired.',
    });
  });

  test('the organisation fills its side in the portal; it does not see the agency side while open', async () => {
    const portal = `${base}/portal/${org.youth}/${id}/reviews`;
    const before = (await youthUser.get(portal)).body;
    expect(before.reviews[0]).toMatchObject({
      id: reviewId,
      state: 'open',
      progress: null,
      agencyRatings: [],
    });
    expect(before.principles.length).toBeGreaterThan(0);
    const reply = await youthUser.put(`${portal}/${reviewId}/response`, {
      addedValue: 'The ministry opened doors to the schools.',
      expectationsMet: 'Yes, except for slow payments.',
      toImprove: 'Decide faster.',
      ratings: await allRated(3),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.responses).toEqual([
      expect.objectContaining({
        organisationId: org.youth,
        addedValue: 'The ministry opened doors to the schools.',
      }),
    ]);
    const staffView = (await reviewsOf(id)).reviews[0];
    expect(staffView.responses[0].legalName).toBe('Aitutaki Youth Council');
    expect(staffView.responses[0].ratings).toHaveLength((await principles()).length);
    const trail = await coordinator.get(`/api/v1/audit/partnership/${id}`);
    expect(trail.body.items[0].action).toBe('partnership.review-responded');
  });

  test('the organisation cannot rate out of range, rate an unknown principle, or answer for another partnership', async () => {
    const portal = `${base}/portal/${org.youth}/${id}/reviews/${reviewId}/response`;
    const high = await youthUser.put(portal, {
      ratings: [{ principleId: (await principles())[0]!.id, rating: 9 }],
    });
    expect(high.status).toBe(400);
    expect(high.body.errors[0].field).toBe('ratings.0.rating');
    const unknown = await youthUser.put(portal, {
      ratings: [{ principleId: '00000000-0000-4000-8000-000000000000', rating: 2 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('ratings.0.principleId');
    // The women's association is not a party: its user may not answer here, in its name or the council's.
    const stranger = await womenUser.put(`${base}/portal/${org.women}/${id}/reviews/${reviewId}/response`, {
      ratings: await allRated(1),
    });
    expect(stranger.status).toBe(404);
    const impostor = await womenUser.put(portal, { ratings: await allRated(1) });
    expect(impostor.status).toBe(403);
    expect((await reviewsOf(id)).reviews[0].responses).toHaveLength(1);
    expect((await reviewsOf(id)).reviews[0].responses[0].ratings[0].rating).toBe(3);
  });

  test('completing needs a recommendation and every principle rated; then the review is fixed', async () => {
    const added = await coordinator.post(`${base}/principles`, { name: 'Shared learning' });
    const incomplete = await coordinator.post(`${base}/${id}/reviews/${reviewId}/complete`, { version: 2 });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors[0]).toMatchObject({ field: 'ratings' });
    expect(incomplete.body.errors[0].message).toContain('Shared learning');
    const ratings = [
      ...(await allRated(4)).filter((r) => r.principleId !== added.body.id),
      { principleId: added.body.id, rating: 5 },
    ];
    const current = (await reviewsOf(id)).reviews[0];
    expect(
      (
        await coordinator.put(`${base}/${id}/reviews/${reviewId}`, {
          ...current,
          id: undefined,
          partnershipId: undefined,
          state: undefined,
          dueOn: undefined,
          completedOn: undefined,
          agencyRatings: undefined,
          responses: undefined,
          createdAt: undefined,
          ratings,
        })
      ).status,
    ).toBe(200);
    const done = await coordinator.post(`${base}/${id}/reviews/${reviewId}/complete`, { version: 3 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'complete', completedOn: '2026-11-23' });
    // The next one counts from today.
    expect((await reviewsOf(id)).nextReviewOn).toBe('2027-05-23');
    const late = await coordinator.put(`${base}/${id}/reviews/${reviewId}`, { ratings: [], version: 4 });
    expect(late.status).toBe(409);
    const lateAnswer = await youthUser.put(`${base}/portal/${org.youth}/${id}/reviews/${reviewId}/response`, {
      ratings: await allRated(5),
    });
    expect(lateAnswer.status).toBe(409);
    // Now the organisation sees the agency's side too.
    const portal = (await youthUser.get(`${base}/portal/${org.youth}/${id}/reviews`)).body.reviews[0];
    expect(portal.recommendation).toBe('move-level');
    expect(portal.agencyRatings.length).toBeGreaterThan(0);
  });
});

describe('who may review what', () => {
  test('a closed partnership is not reviewed any more, and is not due', async () => {
    const p = await start('Finished forum');
    await coordinator.put(`${base}/${p.id}/review-cadence`, { months: 3, version: p.version });
    const withdrawn = await coordinator.post(`${base}/${p.id}/state`, {
      state: 'withdrawn',
      reason: 'The forum stopped meeting.',
      version: p.version + 1,
    });
    expect(withdrawn.status).toBe(200);
    const reply = await coordinator.post(`${base}/${p.id}/reviews`, {});
    expect(reply.status).toBe(409);
    expect((await reviewsOf(p.id)).reviews).toHaveLength(0);
    expect((await reviewsOf(p.id)).nextReviewOn).toBeNull();
    const due = (await coordinator.get(`${base}/reviews/due?withinDays=366`)).body.items;
    expect(due.map((d: { partnershipId: string }) => d.partnershipId)).not.toContain(p.id);
  });

  test('a viewer reads but does not review; another agency sees nothing', async () => {
    const p = await start('Read-only check');
    expect((await viewer.get(`${base}/${p.id}/reviews`)).status).toBe(200);
    expect((await viewer.post(`${base}/${p.id}/reviews`, {})).status).toBe(403);
    expect((await otherAgency.get(`${base}/${p.id}/reviews`)).status).toBe(404);
    expect((await otherAgency.post(`${base}/${p.id}/reviews`, {})).status).toBe(404);
    const due = (await otherAgency.get(`${base}/reviews/due?withinDays=366`)).body.items;
    expect(due).toEqual([]);
  });
});

describe("the annual partners' meeting", () => {
  test('is recorded for the whole pool with its organisations, and changed with its version', async () => {
    const reply = await coordinator.post(`${base}/partners-meetings`, {
      heldOn: '2026-11-20',
      title: "Partners' meeting 2026",
      organisationIds: [org.youth, org.women],
      attendees: '14 people from 9 organisations',
      notes: 'Cross learning on youth work.',
      decisions: 'Simplify the due diligence questionnaire for small groups.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.organisations.map((o: { legalName: string }) => o.legalName)).toEqual([
      'Aitutaki Youth Council',
      "Takitumu Women's Association",
    ]);
    const changed = await coordinator.put(`${base}/partners-meetings/${reply.body.id}`, {
      heldOn: '2026-11-21',
      title: "Partners' meeting 2026",
      organisationIds: [org.youth],
      version: 1,
    });
    expect(changed.body).toMatchObject({ heldOn: '2026-11-21', version: 2 });
    const stale = await coordinator.put(`${base}/partners-meetings/${reply.body.id}`, {
      heldOn: '2026-11-22',
      title: 'Stale',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect((await coordinator.get(`${base}/partners-meetings`)).body.items).toHaveLength(1);
    expect((await otherAgency.get(`${base}/partners-meetings`)).body.items).toHaveLength(0);
  });

  test.each([
    [
      'an organisation not in the register',
      { organisationIds: ['00000000-0000-4000-8000-000000000000'] },
      'organisationIds.0',
    ],
    ['no date', { heldOn: undefined }, 'heldOn'],
    ['an impossible date', { heldOn: '2026-02-30' }, 'heldOn'],
  ])('%s is refused by field', async (_, change, field) => {
    const before = (await coordinator.get(`${base}/partners-meetings`)).body.items.length;
    const reply = await coordinator.post(`${base}/partners-meetings`, {
      heldOn: '2026-11-20',
      title: 'Another meeting',
      ...change,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await coordinator.get(`${base}/partners-meetings`)).body.items).toHaveLength(before);
  });
});

describe('policies a partnership serves', () => {
  let policyId: string;

  beforeAll(async () => {
    const options = (await coordinator.get('/api/v1/dialogue/options')).body;
    const contact = options.staff.find((p: { email: string }) => p.email === 'mere@mia.test').id;
    const policy = await coordinator.post('/api/v1/dialogue/policies', {
      title: 'National Youth Policy 2024–2029',
      kind: 'policy',
      contactUserId: contact,
      implementationDate: '2024-07-01',
    });
    expect(policy.status).toBe(201);
    policyId = policy.body.id;
  });

  test('a partnership names the policies it serves; the list filters by policy', async () => {
    const p = await start('Youth week', { policyIds: [policyId] });
    const view = (await coordinator.get(`${base}/${p.id}`)).body;
    expect(view.policies).toEqual([
      { id: policyId, title: 'National Youth Policy 2024–2029', status: 'in-force' },
    ]);
    const serving = (await coordinator.get(`${base}?policy=${policyId}`)).body.items;
    expect(serving.map((s: { id: string }) => s.id)).toEqual([p.id]);
    const changed = await coordinator.patch(`${base}/${p.id}`, {
      ...partnership('Youth week'),
      policyIds: [],
      version: view.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.policies).toEqual([]);
  });

  test("an unknown policy, or another agency's, is refused naming the field", async () => {
    const before = (await coordinator.get(`${base}?limit=200`)).body.items.length;
    const unknown = await coordinator.post(
      base,
      partnership('Unknown policy', { policyIds: ['00000000-0000-4000-8000-000000000000'] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('policyIds.0');
    const theirs = await otherAgency.post('/api/v1/register/organisations', {
      legalName: 'Rarotonga Health Trust',
      kind: 'community-group',
      acknowledgeDuplicates: true,
    });
    const borrowed = await otherAgency.post(base, {
      ...partnership('Borrowed policy', { policyIds: [policyId] }),
      parties: [{ organisationId: theirs.body.id }],
    });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.errors[0].field).toBe('policyIds.0');
    expect((await coordinator.get(`${base}?limit=200`)).body.items).toHaveLength(before);
  });
});

// Last: it moves the clock half a year on.
describe('trends', () => {
  test('each principle has a trend over the reviews, from both sides, and across the pool', async () => {
    // Half a year on: sessions have expired meanwhile, so both sign in again.
    vaka.clock.advance(days(190));
    coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
    youthUser = await signedIn(vaka.app, 'teina@ayc.test', TEST_PASSWORD);
    const second = await coordinator.post(`${base}/${id}/reviews`, {});
    await coordinator.put(`${base}/${id}/reviews/${second.body.id}`, {
      recommendation: 'continue',
      ratings: await allRated(5),
      version: 1,
    });
    await youthUser.put(`${base}/portal/${org.youth}/${id}/reviews/${second.body.id}/response`, {
      ratings: await allRated(4),
    });
    expect(
      (await coordinator.post(`${base}/${id}/reviews/${second.body.id}/complete`, { version: 2 })).status,
    ).toBe(200);
    const trust = (await reviewsOf(id)).trends.find(
      (t: { name: string }) => t.name === 'Mutual respect and reciprocated trust',
    );
    expect(trust.points).toEqual([
      { at: '2026-11-23', agency: 4, organisations: 3 },
      { at: '2027-06-01', agency: 5, organisations: 4 },
    ]);
    const pool = (await coordinator.get(`${base}/principles/trends?years=2`)).body;
    expect(pool.periods).toEqual(['2026-H1', '2026-H2', '2027-H1']);
    const poolTrust = pool.trends.find(
      (t: { name: string }) => t.name === 'Mutual respect and reciprocated trust',
    );
    expect(poolTrust.points).toEqual([
      { at: '2026-H1', agency: null, organisations: null },
      { at: '2026-H2', agency: 4, organisations: 3 },
      { at: '2027-H1', agency: 5, organisations: 4 },
    ]);
  });
});
