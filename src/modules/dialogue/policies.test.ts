import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents } from '../../platform/audit/tables.ts';
import { days } from '../../platform/clock.ts';
import { TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { signedIn, type Client } from '../../platform/testing/api.ts';
import { upload } from '../../platform/testing/multipart.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { missingPolicies, policySummaries } from './index.ts';
import { ministryAndNeighbour } from './test-agencies.ts';
import { sendReviewReminders } from './review-reminders.ts';
import { systemScope } from '../../platform/policy/index.ts';
import { allMailSent } from '../../platform/testing/mail-links.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
let agencyId: string;
let coordinatorId: string;
let unitId: string;

beforeAll(async () => {
  ({ vaka, agencyId, coordinator, viewer, otherAgency, coordinatorId, unitId } =
    await ministryAndNeighbour());
});
afterAll(() => vaka.close());

const youthPolicy = () => ({
  title: 'National Youth Policy 2024–2029',
  kind: 'policy',
  summary: 'Young people thriving in every island community.',
  ownerUnitId: unitId,
  contactUserId: coordinatorId,
  implementationDate: '2024-07-01',
  strategicObjectives: ['Youth voices in decisions', 'Safe places to play and learn'],
  focusAreas: ['youth', 'education'],
  status: 'in-force',
});

describe('the policy register', () => {
  let id: string;

  test('a policy is added with its point of contact, and its first review is 24 months after implementation', async () => {
    const created = await coordinator.post('/api/v1/dialogue/policies', youthPolicy());
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({
      title: 'National Youth Policy 2024–2029',
      contact: { email: 'mere@mia.test' },
      ownerUnit: { id: unitId },
      firstReviewMonths: 24,
      reviewEveryMonths: 36,
      nextReviewOn: '2026-07-01',
      // today is 23 Nov 2026: the first review is late
      reviewOverdue: true,
    });
    const [audit] = await vaka.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'policy.created')));
    expect(audit?.agencyId).toBe(agencyId);
  });

  test('a recorded review moves the next one on by 36 months', async () => {
    const reviewed = await coordinator.post(`/api/v1/dialogue/policies/${id}/reviews`, {
      reviewedOn: '2026-11-20',
      summary: 'Reviewed with the youth council; objectives kept.',
    });
    expect(reviewed.status).toBe(201);
    expect(reviewed.body).toMatchObject({
      lastReviewedOn: '2026-11-20',
      nextReviewOn: '2029-11-20',
      reviewOverdue: false,
    });
    expect(reviewed.body.reviews).toHaveLength(1);
    expect(reviewed.body.reviews[0].recordedBy).toBe('mere');
  });

  test('the review rule is editable per policy, and an edit carries its version', async () => {
    const current = (await coordinator.get(`/api/v1/dialogue/policies/${id}`)).body;
    const changed = await coordinator.put(`/api/v1/dialogue/policies/${id}`, {
      ...youthPolicy(),
      reviewEveryMonths: 24,
      version: current.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.nextReviewOn).toBe('2028-11-20');
    const stale = await coordinator.put(`/api/v1/dialogue/policies/${id}`, {
      ...youthPolicy(),
      version: current.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale-version');
    expect(stale.body.current.reviewEveryMonths).toBe(24);
  });

  test('documents are the agency’s own files', async () => {
    const file = await upload(vaka.app, coordinator, {
      name: 'youth-policy.txt',
      bytes: 'National Youth Policy\n',
    });
    expect(file.status).toBe(201);
    const current = (await coordinator.get(`/api/v1/dialogue/policies/${id}`)).body;
    const changed = await coordinator.put(`/api/v1/dialogue/policies/${id}`, {
      ...youthPolicy(),
      reviewEveryMonths: 24,
      documentIds: [file.body.id],
      version: current.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.documents).toEqual([
      expect.objectContaining({ id: file.body.id, name: 'youth-policy.txt' }),
    ]);
    const theirs = await upload(vaka.app, otherAgency, { name: 'theirs.txt', bytes: 'not yours\n' });
    const refused = await coordinator.post('/api/v1/dialogue/policies', {
      ...youthPolicy(),
      documentIds: [theirs.body.id],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('documentIds');
  });

  test('bad input is refused naming the field, and nothing is saved', async () => {
    const before = (await coordinator.get('/api/v1/dialogue/policies')).body.items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ implementationDate: '2024-13-40' }, 'implementationDate'],
      [{ focusAreas: ['not-a-focus-area'] }, 'focusAreas'],
      [{ contactUserId: '00000000-0000-4000-8000-000000000000' }, 'contactUserId'],
      [{ ownerUnitId: '00000000-0000-4000-8000-000000000000' }, 'ownerUnitId'],
      [{ firstReviewMonths: 0 }, 'firstReviewMonths'],
      [{ status: 'abandoned' }, 'status'],
    ];
    for (const [change, field] of cases) {
      const reply = await coordinator.post('/api/v1/dialogue/policies', { ...youthPolicy(), ...change });
      expect(reply.status, field).toBe(400);
      expect(reply.body.errors.map((e: { field: string }) => e.field).join(' '), field).toContain(field);
    }
    const future = await coordinator.post(`/api/v1/dialogue/policies/${id}/reviews`, {
      reviewedOn: '2027-01-01',
      summary: 'Not yet',
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('reviewedOn');
    expect((await coordinator.get('/api/v1/dialogue/policies')).body.items).toHaveLength(before);
    expect((await coordinator.get(`/api/v1/dialogue/policies/${id}`)).body.reviews).toHaveLength(1);
  });

  test('viewers read but do not edit; another agency does not see the policy at all', async () => {
    expect((await viewer.get(`/api/v1/dialogue/policies/${id}`)).status).toBe(200);
    expect((await viewer.post('/api/v1/dialogue/policies', youthPolicy())).status).toBe(403);
    expect((await otherAgency.get(`/api/v1/dialogue/policies/${id}`)).status).toBe(404);
    expect((await otherAgency.get('/api/v1/dialogue/policies')).body.items).toEqual([]);
  });

  test('the list filters by focus area, status and reviews falling due', async () => {
    const plan = await coordinator.post('/api/v1/dialogue/policies', {
      ...youthPolicy(),
      title: 'Disability Inclusive Development Plan',
      kind: 'plan',
      implementationDate: '2025-01-15',
      focusAreas: ['disability'],
    });
    expect(plan.body.nextReviewOn).toBe('2027-01-15');
    const titles = async (query: string) =>
      (await viewer.get(`/api/v1/dialogue/policies?${query}`)).body.items.map(
        (p: { title: string }) => p.title,
      );
    expect(await titles('focusArea=disability')).toEqual(['Disability Inclusive Development Plan']);
    expect(await titles('reviewWithinDays=60')).toEqual(['Disability Inclusive Development Plan']);
    expect(await titles('q=youth')).toEqual(['National Youth Policy 2024–2029']);
    expect(await titles('status=retired')).toEqual([]);
    const firstPage = (await viewer.get('/api/v1/dialogue/policies?limit=1')).body;
    const secondPage = (await viewer.get(`/api/v1/dialogue/policies?limit=1&cursor=${firstPage.nextCursor}`))
      .body;
    expect([...firstPage.items, ...secondPage.items].map((p: { title: string }) => p.title)).toEqual([
      'Disability Inclusive Development Plan',
      'National Youth Policy 2024–2029',
    ]);
  });

  test('other modules see the agency’s policies only, through policySummaries and missingPolicies', async () => {
    const { items } = (await viewer.get('/api/v1/dialogue/policies')).body;
    const ids = items.map((p: { id: string }) => p.id);
    const stranger = '00000000-0000-4000-8000-000000000000';
    const scope = systemScope(agencyId);
    const summaries = await policySummaries(vaka.platform.db, scope, ids);
    expect([...summaries.values()].map((p) => p.title).sort()).toEqual([
      'Disability Inclusive Development Plan',
      'National Youth Policy 2024–2029',
    ]);
    expect(await missingPolicies(vaka.platform.db, scope, [...ids, stranger])).toEqual([stranger]);
    const theirs = await otherAgency.get('/api/v1/dialogue/options');
    expect(theirs.status).toBe(200);
    expect(
      await missingPolicies(vaka.platform.db, systemScope('00000000-0000-4000-8000-000000000001'), ids),
    ).toEqual(ids);
  });
});

test('the point of contact is reminded before a review falls due, once per offset', async () => {
  const created = await coordinator.post('/api/v1/dialogue/policies', {
    ...youthPolicy(),
    title: 'Elderly Policy',
    focusAreas: ['elderly'],
    implementationDate: '2025-03-01',
  });
  expect(created.body.nextReviewOn).toBe('2027-03-01');
  const elderly = () =>
    vaka.mail.received.filter(
      (m) => m.to.includes('mere@mia.test') && m.subject.startsWith('Elderly Policy'),
    );

  // 98 days before: nothing yet. The disability plan (due 15 Jan) is within 90 days: one reminder.
  expect((await sendReviewReminders(vaka.platform)).reminded).toBe(1);
  await vaka.mail.waitFor('mere@mia.test', /Disability Inclusive Development Plan: review due by 2027-01-15/);
  expect(elderly()).toHaveLength(0);

  vaka.clock.advance(days(10)); // 88 days before: the 90-day reminder
  expect((await sendReviewReminders(vaka.platform)).reminded).toBe(1);
  const first = await vaka.mail.waitFor('mere@mia.test', /Elderly Policy: review due by 2027-03-01/);
  expect(first.text).toContain('/dialogue/policies/');
  expect((await sendReviewReminders(vaka.platform)).reminded).toBe(0);

  vaka.clock.advance(days(60)); // 28 days before: the 30-day reminder (and the plan's 7-day one is past due)
  await sendReviewReminders(vaka.platform);
  await allMailSent(vaka.platform);
  expect(elderly()).toHaveLength(2);

  // A review recorded moves the date on; no reminder for the old date.
  // Seventy days on, the session has ended: Mere signs in again.
  const mere = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
  const reviewed = await mere.post(`/api/v1/dialogue/policies/${created.body.id}/reviews`, {
    reviewedOn: '2027-01-31',
    summary: 'Early review with the elders’ councils.',
  });
  expect(reviewed.body.nextReviewOn).toBe('2030-01-31');
  vaka.clock.advance(days(22)); // 6 days before the old date
  await sendReviewReminders(vaka.platform);
  await allMailSent(vaka.platform);
  expect(elderly()).toHaveLength(2);
});
