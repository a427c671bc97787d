import { afterAll, beforeAll, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { client, type Client } from '../../platform/testing/api.ts';
import { csoUserOf } from '../../platform/testing/cso-users.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { ministryAndNeighbour } from './test-agencies.ts';

let vaka: TestVaka;
let coordinator: Client;
let youthCouncil: string;
let growers: string;
let teina: Client;
let tangaroa: Client;
let consultationId: string;
let futureMeetingId: string;

// Today is 23 Nov 2026, 09:00 UTC. Teina acts for the Aitutaki Youth Council, Tangaroa for the
// Mangaia Growers; neither may see or answer for the other.
beforeAll(async () => {
  let coordinatorId: string;
  ({ vaka, coordinator, coordinatorId } = await ministryAndNeighbour());
  const organisation = async (legalName: string, focusAreas: string[], email: string) =>
    (
      await coordinator.post('/api/v1/register/organisations', {
        legalName,
        kind: 'community-group',
        focusAreas,
        contacts: [{ name: legalName, email, consentToContact: true }],
      })
    ).body.id as string;
  youthCouncil = await organisation('Aitutaki Youth Council', ['youth'], 'office@ayc.test');
  growers = await organisation('Mangaia Growers', ['economic-empowerment'], 'office@growers.test');
  ({ cso: teina } = await csoUserOf(vaka, youthCouncil, 'teina@ayc.test'));
  ({ cso: tangaroa } = await csoUserOf(vaka, growers, 'tangaroa@growers.test', 'cso-member'));

  const policyId = (
    await coordinator.post('/api/v1/dialogue/policies', {
      title: 'National Youth Policy',
      kind: 'policy',
      contactUserId: coordinatorId,
      implementationDate: '2025-03-01',
    })
  ).body.id;
  const meeting = async (title: string, startsAt: string, endsAt: string, organisationId: string) => {
    const created = await coordinator.post('/api/v1/dialogue/meetings', {
      title,
      startsAt,
      endsAt,
      timeZone: 'Pacific/Rarotonga',
      place: 'Aitutaki hall',
    });
    // A meeting in the past is scheduled while it is still ahead, then time moves on.
    const invited = await coordinator.post(`/api/v1/dialogue/meetings/${created.body.id}/invitations`, {
      people: [{ organisationId }],
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    return created.body.id as string;
  };
  futureMeetingId = await meeting(
    'Youth forum',
    '2026-12-08T10:00:00-10:00',
    '2026-12-08T12:00:00-10:00',
    youthCouncil,
  );
  await meeting('Growers talanoa', '2026-12-09T10:00:00-10:00', '2026-12-09T12:00:00-10:00', growers);
  await meeting(
    'Earlier youth meeting',
    '2026-11-23T00:00:00-10:00',
    '2026-11-23T01:00:00-10:00',
    youthCouncil,
  );
  consultationId = (
    await coordinator.post('/api/v1/dialogue/consultations', {
      policyId,
      title: 'Youth policy mid-term review',
      questions: ['What works?', 'What should change?'],
      opensAt: '2026-11-01T00:00:00Z',
      closesAt: '2026-12-15T00:00:00Z',
    })
  ).body.id;
  await coordinator.post('/api/v1/dialogue/announcements', {
    title: 'Youth grants round opens',
    body: 'Applications close 31 January.',
    audience: { focusAreas: ['youth'] },
  });
  // The earlier meeting has now started.
  vaka.clock.advance(days(1));
});
afterAll(() => vaka.close());

test('a CSO user sees its organisation’s invitations and replies; the other’s stay hidden', async () => {
  const list = await teina.get(`/api/v1/dialogue/portal/${youthCouncil}/invitations`);
  expect(list.status).toBe(200);
  expect(list.body.items.map((i: { meeting: { title: string } }) => i.meeting.title)).toEqual([
    'Earlier youth meeting',
    'Youth forum',
  ]);
  const [earlier, forum] = list.body.items;
  expect(forum).toMatchObject({ agency: 'Ministry of Internal Affairs', reply: null, canReply: true });
  expect(earlier.canReply).toBe(false);

  const replied = await teina.put(`/api/v1/dialogue/portal/${youthCouncil}/invitations/${forum.id}/reply`, {
    reply: 'attending',
    note: 'Two of us will come',
  });
  expect(replied.status).toBe(200);
  expect(replied.body).toMatchObject({ reply: 'attending', note: 'Two of us will come' });
  // The organiser sees the reply on the meeting.
  const meeting = (await coordinator.get(`/api/v1/dialogue/meetings/${futureMeetingId}`)).body;
  expect(meeting.invitations[0]).toMatchObject({ reply: 'attending' });

  // A meeting that has started takes no reply.
  const late = await teina.put(`/api/v1/dialogue/portal/${youthCouncil}/invitations/${earlier.id}/reply`, {
    reply: 'attending',
  });
  expect(late.status).toBe(409);

  // Tangaroa sees only the growers' invitation and cannot answer the council's, either way round.
  const theirs = (await tangaroa.get(`/api/v1/dialogue/portal/${growers}/invitations`)).body.items;
  expect(theirs.map((i: { meeting: { title: string } }) => i.meeting.title)).toEqual(['Growers talanoa']);
  expect((await tangaroa.get(`/api/v1/dialogue/portal/${youthCouncil}/invitations`)).status).toBe(403);
  expect(
    (
      await tangaroa.put(`/api/v1/dialogue/portal/${youthCouncil}/invitations/${forum.id}/reply`, {
        reply: 'not-attending',
      })
    ).status,
  ).toBe(403);
  expect(
    (
      await tangaroa.put(`/api/v1/dialogue/portal/${growers}/invitations/${forum.id}/reply`, {
        reply: 'not-attending',
      })
    ).status,
  ).toBe(404);
  const unchanged = (await teina.get(`/api/v1/dialogue/portal/${youthCouncil}/invitations`)).body.items[1];
  expect(unchanged.reply).toBe('attending');
});

test('a CSO user submits to a consultation as its organisation, and reads what came of it', async () => {
  const open = (await teina.get(`/api/v1/dialogue/portal/${youthCouncil}/consultations`)).body.items;
  expect(open).toEqual([
    expect.objectContaining({
      id: consultationId,
      open: true,
      submittedAt: null,
      policy: 'National Youth Policy',
    }),
  ]);
  const submit = (who: Client, organisationId: string, answers: string[]) =>
    who.post(`/api/v1/dialogue/consultations/${consultationId}/organisation-submissions`, {
      organisationId,
      answers,
    });
  expect((await submit(teina, youthCouncil, ['Youth grants', 'More outer-island jobs'])).status).toBe(201);
  // For another organisation: refused, nothing kept.
  expect((await submit(teina, growers, ['Pretending'])).status).toBe(403);
  expect((await submit(teina, youthCouncil, ['', ''])).status).toBe(400);
  expect((await submit(teina, youthCouncil, ['a', 'b', 'c'])).status).toBe(400);

  const after = (await teina.get(`/api/v1/dialogue/portal/${youthCouncil}/consultations`)).body.items;
  expect(after[0].submittedAt).not.toBeNull();
  const staffView = (await coordinator.get(`/api/v1/dialogue/consultations/${consultationId}`)).body;
  expect(staffView.submissions).toHaveLength(1);
  expect(staffView.submissions[0].organisation.name).toBe('Aitutaki Youth Council');

  // After closing: no more submissions from the portal.
  vaka.clock.advance(days(25)); // 18 Dec
  const late = await submit(teina, youthCouncil, ['Late thought']);
  expect(late.status).toBe(409);
  expect(late.body.detail).toContain('closed');
  expect(
    (await coordinator.get(`/api/v1/dialogue/consultations/${consultationId}`)).body.submissions,
  ).toHaveLength(1);
  // Closed, it stays in the council's list (it answered), not in the growers'.
  expect((await teina.get(`/api/v1/dialogue/portal/${youthCouncil}/consultations`)).body.items[0].open).toBe(
    false,
  );
  expect((await tangaroa.get(`/api/v1/dialogue/portal/${growers}/consultations`)).body.items).toEqual([]);

  await coordinator.put(
    `/api/v1/dialogue/consultations/${consultationId}/submissions/${staffView.submissions[0].id}/themes`,
    { themes: ['outer-island jobs'] },
  );
  const published = await coordinator.post(`/api/v1/dialogue/consultations/${consultationId}/responses`, {
    theme: 'outer-island jobs',
    youSaid: 'More jobs on the outer islands',
    weDid: 'The youth policy now funds apprenticeships on Aitutaki',
  });
  expect(published.status).toBe(201);
  const responses = (await teina.get(`/api/v1/dialogue/portal/${youthCouncil}/responses`)).body.items;
  expect(responses).toEqual([
    expect.objectContaining({
      consultation: 'Youth policy mid-term review',
      theme: 'outer-island jobs',
      weDid: 'The youth policy now funds apprenticeships on Aitutaki',
    }),
  ]);
  expect((await tangaroa.get(`/api/v1/dialogue/portal/${growers}/responses`)).body.items).toEqual([]);
  // The published response is in the disclosure log.
  const log = (await coordinator.get('/api/v1/dialogue/disclosures?kind=consultation-response')).body.items;
  expect(log).toEqual([
    expect.objectContaining({ subject: expect.stringContaining('outer-island jobs'), recipientCount: 1 }),
  ]);
});

test('announcements reach the portal of the organisations chosen only', async () => {
  const mine = (await teina.get(`/api/v1/dialogue/portal/${youthCouncil}/announcements`)).body.items;
  expect(mine).toEqual([
    expect.objectContaining({
      title: 'Youth grants round opens',
      body: 'Applications close 31 January.',
      agency: 'Ministry of Internal Affairs',
    }),
  ]);
  expect((await tangaroa.get(`/api/v1/dialogue/portal/${growers}/announcements`)).body.items).toEqual([]);
  expect((await tangaroa.get(`/api/v1/dialogue/portal/${youthCouncil}/announcements`)).status).toBe(403);
});

test('bad input and the wrong people are refused', async () => {
  const forum = (await teina.get(`/api/v1/dialogue/portal/${youthCouncil}/invitations`)).body.items[1];
  const reply = (body: unknown) =>
    teina.put(`/api/v1/dialogue/portal/${youthCouncil}/invitations/${forum.id}/reply`, body);
  const wrongWord = await reply({ reply: 'perhaps' });
  expect(wrongWord.status).toBe(400);
  expect(wrongWord.body.errors[0].field).toBe('reply');
  expect((await reply({ reply: 'maybe', note: 'x'.repeat(1001) })).body.errors[0].field).toBe('note');
  expect((await reply({ reply: 'maybe', extra: 1 })).status).toBe(400);
  expect((await teina.get('/api/v1/dialogue/portal/not-an-id/invitations')).status).toBe(400);
  expect(
    (
      await teina.put(
        `/api/v1/dialogue/portal/${youthCouncil}/invitations/00000000-0000-4000-8000-000000000000/reply`,
        {
          reply: 'maybe',
        },
      )
    ).status,
  ).toBe(404);
  // Staff are not the organisation; strangers are not signed in.
  expect((await coordinator.get(`/api/v1/dialogue/portal/${youthCouncil}/invitations`)).status).toBe(403);
  expect((await client(vaka.app).get(`/api/v1/dialogue/portal/${youthCouncil}/announcements`)).status).toBe(
    401,
  );
  const still = (await teina.get(`/api/v1/dialogue/portal/${youthCouncil}/invitations`)).body.items[1];
  expect(still.reply).toBe('attending');
});
