import { afterAll, beforeAll, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { signedIn, type Client } from '../../platform/testing/api.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { ministryAndNeighbour } from './test-agencies.ts';
import { sendTermReminders } from './term-reminders.ts';
import { allMailSent } from '../../platform/testing/mail-links.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
let coordinatorId: string;
let places: Record<string, string>;
let organisationId: string;

beforeAll(async () => {
  ({ vaka, coordinator, viewer, otherAgency, coordinatorId } = await ministryAndNeighbour());
  const taxonomies = (await coordinator.get('/api/v1/register/taxonomies')).body;
  places = Object.fromEntries(taxonomies.places.map((p: { code: string; id: string }) => [p.code, p.id]));
  organisationId = (
    await coordinator.post('/api/v1/register/organisations', {
      legalName: 'Cook Islands National Disability Council',
      kind: 'network-or-umbrella',
    })
  ).body.id;
});
afterAll(() => vaka.close());

const referenceGroup = (change: Record<string, unknown> = {}) => ({
  name: 'Disability reference group',
  kind: 'reference-group',
  level: 'national',
  termsOfReference: 'Advises the ministry on the disability plan and its review.',
  contactUserId: coordinatorId,
  ...change,
});

test('a body is established; members are people, organisations or both, with roles and terms', async () => {
  const created = await coordinator.post('/api/v1/dialogue/bodies', referenceGroup());
  expect(created.status).toBe(201);
  const id = created.body.id;
  const chair = await coordinator.post(`/api/v1/dialogue/bodies/${id}/members`, {
    personName: 'Vaine Williams',
    organisationId,
    role: 'chair',
    startsOn: '2025-01-01',
    endsOn: '2027-01-15',
  });
  expect(chair.status).toBe(201);
  const seat = await coordinator.post(`/api/v1/dialogue/bodies/${id}/members`, {
    organisationId,
    role: 'member',
    startsOn: '2026-01-01',
  });
  const past = await coordinator.post(`/api/v1/dialogue/bodies/${id}/members`, {
    personName: 'Rangi Heather',
    email: 'rangi@example.org',
    role: 'secretary',
    startsOn: '2023-01-01',
    endsOn: '2025-12-31',
  });
  expect(past.status).toBe(201);
  expect(seat.body.members).toHaveLength(2);
  const body = (await viewer.get(`/api/v1/dialogue/bodies/${id}`)).body;
  expect(body.members.map((m: { role: string; current: boolean }) => [m.role, m.current])).toEqual([
    ['secretary', false],
    ['chair', true],
    ['member', true],
  ]);
  expect(body.members[1].organisation.name).toBe('Cook Islands National Disability Council');
  const list = (await viewer.get('/api/v1/dialogue/bodies')).body.items;
  expect(list).toEqual([expect.objectContaining({ name: 'Disability reference group', currentMembers: 2 })]);

  // A term extended: the change carries the whole seat.
  const memberId = body.members[1].id;
  const extended = await coordinator.put(`/api/v1/dialogue/bodies/${id}/members/${memberId}`, {
    personName: 'Vaine Williams',
    organisationId,
    role: 'chair',
    startsOn: '2025-01-01',
    endsOn: '2028-01-15',
  });
  expect(extended.status).toBe(200);
  expect(extended.body.members[1].endsOn).toBe('2028-01-15');
});

test('bad input is refused naming the field, and nothing changes', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ kind: 'committee-of-the-whole' }, 'kind'],
    [{ level: 'local' }, 'placeId'],
    [{ level: 'local', placeId: '00000000-0000-4000-8000-000000000000' }, 'placeId'],
    [{ contactUserId: '00000000-0000-4000-8000-000000000000' }, 'contactUserId'],
  ];
  for (const [change, field] of cases) {
    const reply = await coordinator.post('/api/v1/dialogue/bodies', referenceGroup(change));
    expect(reply.status, field).toBe(400);
    expect(reply.body.errors[0].field, field).toBe(field);
  }
  const local = await coordinator.post(
    '/api/v1/dialogue/bodies',
    referenceGroup({
      name: 'Aitutaki youth forum',
      kind: 'forum',
      level: 'local',
      placeId: places['CK-AIT'],
    }),
  );
  expect(local.status).toBe(201);
  const id = local.body.id;
  const members: [Record<string, unknown>, string][] = [
    [{ personName: 'Teina', role: 'member', startsOn: '2026-01-01', endsOn: '2025-12-31' }, 'endsOn'],
    [{ personName: 'Teina', role: 'member', startsOn: '2026-01-01', endsOn: '2026-01-01' }, 'endsOn'],
    [{ role: 'member', startsOn: '2026-01-01' }, 'personName'],
    [
      { organisationId: '00000000-0000-4000-8000-000000000000', role: 'member', startsOn: '2026-01-01' },
      'organisationId',
    ],
    [{ personName: 'Teina', role: 'treasurer', startsOn: '2026-01-01' }, 'role'],
  ];
  for (const [input, field] of members) {
    const reply = await coordinator.post(`/api/v1/dialogue/bodies/${id}/members`, input);
    expect(reply.status, field).toBe(400);
    expect(reply.body.errors[0].field, field).toBe(field);
  }
  expect((await coordinator.get(`/api/v1/dialogue/bodies/${id}`)).body.members).toEqual([]);
  expect((await viewer.post('/api/v1/dialogue/bodies', referenceGroup())).status).toBe(403);
  expect((await otherAgency.get(`/api/v1/dialogue/bodies/${id}`)).status).toBe(404);
  expect((await otherAgency.get('/api/v1/dialogue/bodies')).body.items).toEqual([]);
});

test('a meeting can be of a body, and lists by body', async () => {
  const body = (await coordinator.get('/api/v1/dialogue/bodies')).body.items[0];
  const meeting = await coordinator.post('/api/v1/dialogue/meetings', {
    title: 'Reference group, first meeting of the year',
    bodyId: body.id,
    startsAt: '2027-02-01T10:00:00-10:00',
    endsAt: '2027-02-01T12:00:00-10:00',
    timeZone: 'Pacific/Rarotonga',
    place: 'Avarua',
  });
  expect(meeting.status).toBe(201);
  expect(meeting.body.body).toEqual({ id: body.id, name: body.name });
  const ofBody = (await viewer.get(`/api/v1/dialogue/meetings?bodyId=${body.id}`)).body.items;
  expect(ofBody).toHaveLength(1);
});

test('the body’s point of contact is reminded before a term ends, once per offset', async () => {
  const about = (subject: RegExp) =>
    vaka.mail.received.filter((m) => m.to.includes('mere@mia.test') && subject.test(m.subject));
  const body = (await coordinator.get('/api/v1/dialogue/bodies')).body.items.find(
    (b: { name: string }) => b.name === 'Aitutaki youth forum',
  );
  await coordinator.post(`/api/v1/dialogue/bodies/${body.id}/members`, {
    personName: 'Teina Marsters',
    role: 'member',
    startsOn: '2025-02-01',
    endsOn: '2027-01-31',
  });
  // Today is 23 Nov 2026: 69 days before the end.
  expect((await sendTermReminders(vaka.platform)).reminded).toBe(0);
  vaka.clock.advance(days(10));
  expect((await sendTermReminders(vaka.platform)).reminded).toBe(1);
  const mail = await vaka.mail.waitFor(
    'mere@mia.test',
    /Aitutaki youth forum: the term of Teina Marsters ends on 2027-01-31/,
  );
  expect(mail.text).toContain(`/dialogue/bodies/${body.id}`);
  expect((await sendTermReminders(vaka.platform)).reminded).toBe(0);
  vaka.clock.advance(days(50)); // 9 days left
  expect((await sendTermReminders(vaka.platform)).reminded).toBe(1);
  await allMailSent(vaka.platform);
  expect(about(/Teina Marsters ends/)).toHaveLength(2);
  vaka.clock.advance(days(20)); // ended: nothing more
  expect((await sendTermReminders(vaka.platform)).reminded).toBe(0);
  const mere = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
  const now = (await mere.get(`/api/v1/dialogue/bodies/${body.id}`)).body;
  expect(now.members[0].current).toBe(false);
});
