import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents } from '../../platform/audit/tables.ts';
import { hours, minutes } from '../../platform/clock.ts';
import { TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { client, signedIn, type Client } from '../../platform/testing/api.ts';
import { upload } from '../../platform/testing/multipart.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { ministryAndNeighbour } from './test-agencies.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
let viewerId: string;
let organisationId: string;
const stranger = () => client(vaka.app);

beforeAll(async () => {
  ({ vaka, coordinator, viewer, otherAgency, viewerId } = await ministryAndNeighbour());
  const organisation = await coordinator.post('/api/v1/register/organisations', {
    legalName: 'Aitutaki Youth Council',
    kind: 'community-group',
    contacts: [
      { name: 'Teina Marsters', email: 'teina@ayc.test', consentToContact: true },
      { name: 'Pa Napa', email: 'pa@ayc.test', consentToContact: false },
    ],
  });
  organisationId = organisation.body.id;
});
afterAll(() => vaka.close());

// Today is Mon 23 Nov 2026, 09:00 UTC; the meeting is on 8 December, 10:00 in Rarotonga (UTC−10).
const forum = (change: Record<string, unknown> = {}) => ({
  title: 'Youth policy consultation forum',
  description: 'How the youth policy is working, island by island.',
  startsAt: '2026-12-08T10:00:00-10:00',
  endsAt: '2026-12-08T12:00:00-10:00',
  timeZone: 'Pacific/Rarotonga',
  place: 'Punanga Nui meeting room, Avarua',
  onlineLink: 'https://meet.example.org/youth-forum',
  agenda: [{ title: 'Welcome and prayer' }, { title: 'What we heard from the islands' }],
  ...change,
});

const tokenIn = (text: string) => /[?&]token=([\w.-]+)/.exec(text)?.[1] ?? '';

describe('a meeting and its invitations', () => {
  let id: string;
  let token: string;

  test('a meeting is scheduled with its time zone, place and agenda', async () => {
    const created = await coordinator.post('/api/v1/dialogue/meetings', forum());
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({
      startsAt: '2026-12-08T20:00:00.000Z',
      timeZone: 'Pacific/Rarotonga',
      agenda: [{ title: 'Welcome and prayer', papers: [] }, { title: 'What we heard from the islands' }],
    });
    const upcoming = (await viewer.get('/api/v1/dialogue/meetings')).body.items;
    expect(upcoming.map((m: { title: string }) => m.title)).toEqual(['Youth policy consultation forum']);
    expect((await viewer.get('/api/v1/dialogue/meetings?when=past')).body.items).toEqual([]);
  });

  test('staff, register contacts who agreed and plain addresses are invited by e-mail, each once', async () => {
    const invited = await coordinator.post(`/api/v1/dialogue/meetings/${id}/invitations`, {
      people: [
        { userId: viewerId },
        { organisationId },
        { email: 'tangi@example.org', name: 'Tangi Pureariki' },
        { email: 'TANGI@example.org' },
      ],
    });
    expect(invited.status).toBe(201);
    expect(invited.body.invited).toBe(3);
    expect(invited.body.meeting.invitations.map((i: { email: string }) => i.email).sort()).toEqual([
      'ana@mia.test',
      'tangi@example.org',
      'teina@ayc.test',
    ]);
    const mail = await vaka.mail.waitFor('tangi@example.org', /Invitation: Youth policy consultation forum/);
    expect(mail.subject).toContain('Tue, 8 Dec 2026, 10:00–12:00 (Pacific/Rarotonga)');
    expect(mail.text).toContain('Kia orana Tangi Pureariki');
    expect(mail.text).toContain('Where: Punanga Nui meeting room, Avarua');
    expect(mail.text).toContain('2. What we heard from the islands');
    token = tokenIn(mail.text);
    expect(mail.text).toContain(`/meeting-reply?token=${token}`);
    await vaka.mail.waitFor('teina@ayc.test', /Invitation/);
    await vaka.mail.waitFor('ana@mia.test', /Invitation/);

    const again = await coordinator.post(`/api/v1/dialogue/meetings/${id}/invitations`, {
      people: [{ email: 'tangi@example.org' }],
    });
    expect(again.body.invited).toBe(0);
    // Pa did not agree to be contacted and hears nothing.
    expect(vaka.mail.received.filter((m) => m.to.includes('pa@ayc.test'))).toEqual([]);
  });

  test('the reply link needs no sign-in; the reply can be changed until the meeting starts', async () => {
    const shown = await stranger().get(`/api/v1/dialogue/replies/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      name: 'Tangi Pureariki',
      reply: null,
      meeting: {
        title: 'Youth policy consultation forum',
        agenda: ['Welcome and prayer', 'What we heard from the islands'],
      },
    });
    const replied = await stranger().post(`/api/v1/dialogue/replies/${token}`, {
      reply: 'maybe',
      note: 'Depends on the flight from Mangaia.',
    });
    expect(replied.status).toBe(200);
    const changed = await stranger().post(`/api/v1/dialogue/replies/${token}`, { reply: 'attending' });
    expect(changed.body.reply).toBe('attending');
    const meeting = (await coordinator.get(`/api/v1/dialogue/meetings/${id}`)).body;
    expect(meeting.invitations.find((i: { email: string }) => i.email === 'tangi@example.org')).toMatchObject(
      {
        reply: 'attending',
        note: null,
      },
    );
    const audits = await vaka.platform.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(audits.filter((a) => a.action === 'meeting.invitation-replied')).toHaveLength(2);
  });

  test('forged or altered links are refused with a clear problem, and nothing changes', async () => {
    const [invitationId, expires, mac] = token.split('.') as [string, string, string];
    const later = `${invitationId}.${Number(expires) + 86_400}.${mac}`;
    const otherMac = `${invitationId}.${expires}.${'A'.repeat(43)}`;
    for (const forged of [later, otherMac, 'not-a-token', `${invitationId}.${expires}`]) {
      const reply = await stranger().post(`/api/v1/dialogue/replies/${forged}`, { reply: 'not-attending' });
      expect(reply.status, forged).toBe(404);
      expect(reply.body.code).toBe('invalid-link');
      expect(reply.body.detail).toContain('not valid');
    }
    const bad = await stranger().post(`/api/v1/dialogue/replies/${token}`, { reply: 'perhaps' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('reply');
    expect((await stranger().get(`/api/v1/dialogue/replies/${token}`)).body.reply).toBe('attending');
  });

  test('another agency cannot see or change the meeting; viewers cannot invite', async () => {
    expect((await otherAgency.get(`/api/v1/dialogue/meetings/${id}`)).status).toBe(404);
    expect(
      (
        await otherAgency.post(`/api/v1/dialogue/meetings/${id}/invitations`, {
          people: [{ email: 'x@y.test' }],
        })
      ).status,
    ).toBe(404);
    expect(
      (await viewer.post(`/api/v1/dialogue/meetings/${id}/invitations`, { people: [{ email: 'x@y.test' }] }))
        .status,
    ).toBe(403);
    expect((await stranger().get(`/api/v1/dialogue/meetings/${id}`)).status).toBe(401);
  });

  test('bad invitations name the person and send nothing', async () => {
    const cases: [unknown, string][] = [
      [{ userId: '00000000-0000-4000-8000-000000000000' }, 'people.0.userId'],
      [{ organisationId: '00000000-0000-4000-8000-000000000000' }, 'people.0.organisationId'],
      [{ email: 'not-an-address' }, 'people.0'],
    ];
    for (const [person, field] of cases) {
      const reply = await coordinator.post(`/api/v1/dialogue/meetings/${id}/invitations`, {
        people: [person],
      });
      expect(reply.status, field).toBe(400);
      expect(reply.body.errors[0].field).toContain(field);
    }
    expect((await coordinator.get(`/api/v1/dialogue/meetings/${id}`)).body.invitations).toHaveLength(3);
  });

  test('when the meeting has started, links expire, and attendance, minutes, decisions and actions are recorded', async () => {
    expect(
      (
        await coordinator.put(`/api/v1/dialogue/meetings/${id}/attendance`, {
          attendance: [{ invitationId: token.split('.')[0], attended: true }],
        })
      ).status,
    ).toBe(409);
    vaka.clock.set(new Date('2026-12-08T20:30:00Z'));
    const expired = await stranger().post(`/api/v1/dialogue/replies/${token}`, { reply: 'not-attending' });
    expect(expired.status).toBe(404);
    expect(expired.body.detail).toContain('expired');
    const late = await coordinator.post(`/api/v1/dialogue/meetings/${id}/invitations`, {
      people: [{ email: 'late@example.org' }],
    });
    expect(late.status).toBe(409);

    const meeting = (await coordinator.get(`/api/v1/dialogue/meetings/${id}`)).body;
    const byEmail = (email: string) =>
      meeting.invitations.find((i: { email: string }) => i.email === email).id;
    const attendance = await coordinator.put(`/api/v1/dialogue/meetings/${id}/attendance`, {
      attendance: [
        { invitationId: byEmail('tangi@example.org'), attended: true },
        { invitationId: byEmail('ana@mia.test'), attended: false },
      ],
    });
    expect(attendance.status).toBe(200);
    expect(attendance.body.invitations.map((i: { attended: boolean | null }) => i.attended).sort()).toEqual([
      false,
      null,
      true,
    ]);
    const outsider = await coordinator.put(`/api/v1/dialogue/meetings/${id}/attendance`, {
      attendance: [{ invitationId: '00000000-0000-4000-8000-000000000000', attended: true }],
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body.errors[0].field).toBe('attendance.0.invitationId');

    const decision = await coordinator.post(`/api/v1/dialogue/meetings/${id}/outcomes`, {
      kind: 'decision',
      text: 'A youth seat on the policy steering group.',
    });
    expect(decision.status).toBe(201);
    vaka.clock.advance(minutes(5));
    const noOwner = await coordinator.post(`/api/v1/dialogue/meetings/${id}/outcomes`, {
      kind: 'action',
      text: 'Write to the island councils',
      dueOn: '2027-01-15',
    });
    expect(noOwner.status).toBe(400);
    expect(noOwner.body.errors[0].field).toBe('ownerName');
    const noDate = await coordinator.post(`/api/v1/dialogue/meetings/${id}/outcomes`, {
      kind: 'action',
      text: 'Write to the island councils',
      ownerName: 'Mere Tangaroa',
    });
    expect(noDate.body.errors[0].field).toBe('dueOn');
    const action = await coordinator.post(`/api/v1/dialogue/meetings/${id}/outcomes`, {
      kind: 'action',
      text: 'Write to the island councils',
      ownerName: 'Mere Tangaroa',
      dueOn: '2027-01-15',
    });
    expect(action.body.outcomes).toEqual([
      expect.objectContaining({ kind: 'decision', ownerName: null }),
      expect.objectContaining({ kind: 'action', ownerName: 'Mere Tangaroa', dueOn: '2027-01-15' }),
    ]);

    const minuted = await coordinator.put(`/api/v1/dialogue/meetings/${id}`, {
      ...forum(),
      minutes: 'Twelve young people from four islands spoke.',
      version: meeting.version,
    });
    expect(minuted.status).toBe(200);
    expect(minuted.body.minutes).toBe('Twelve young people from four islands spoke.');
    const past = (await viewer.get('/api/v1/dialogue/meetings?when=past')).body.items;
    expect(past).toEqual([]);
    vaka.clock.advance(hours(3));
    const after = await signedIn(vaka.app, 'ana@mia.test', TEST_PASSWORD);
    expect((await after.get('/api/v1/dialogue/meetings?when=past')).body.items).toHaveLength(1);
  });
});

describe('meetings refuse bad input and change nothing', () => {
  test('a meeting that ends before it starts, without a place, or in an unknown zone', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ endsAt: '2026-12-08T09:00:00-10:00' }, 'endsAt'],
      [{ endsAt: '2026-12-08T10:00:00-10:00' }, 'endsAt'],
      [{ place: null, onlineLink: null }, 'place'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ onlineLink: 'javascript:alert(1)' }, 'onlineLink'],
      [{ startsAt: 'next tuesday' }, 'startsAt'],
      [{ policyId: '00000000-0000-4000-8000-000000000000' }, 'policyId'],
    ];
    const before = (await coordinator.get('/api/v1/dialogue/meetings?when=upcoming')).body.items.length;
    for (const [change, field] of cases) {
      const reply = await coordinator.post(
        '/api/v1/dialogue/meetings',
        forum({
          ...change,
          startsAt: change.startsAt ?? '2027-02-08T10:00:00-10:00',
          endsAt: change.endsAt ?? '2027-02-08T12:00:00-10:00',
        }),
      );
      expect(reply.status, field).toBe(400);
      expect(
        reply.body.errors.map((e: { field: string }) => e.field),
        field,
      ).toContain(field);
    }
    expect((await coordinator.get('/api/v1/dialogue/meetings?when=upcoming')).body.items).toHaveLength(
      before,
    );
  });

  test('papers are the agency’s files and at most 10 MB each', async () => {
    const paper = await upload(vaka.app, coordinator, {
      name: 'agenda-paper.txt',
      bytes: 'Background paper\n',
    });
    const large = await upload(vaka.app, coordinator, {
      name: 'big-paper.txt',
      bytes: Buffer.alloc(11 * 1024 * 1024, 'a'),
    });
    expect(large.status).toBe(201);
    const theirs = await upload(vaka.app, otherAgency, { name: 'theirs.txt', bytes: 'not yours\n' });
    const dates = { startsAt: '2027-02-08T10:00:00-10:00', endsAt: '2027-02-08T12:00:00-10:00' };
    const tooLarge = await coordinator.post(
      '/api/v1/dialogue/meetings',
      forum({ ...dates, agenda: [{ title: 'Background', paperIds: [paper.body.id, large.body.id] }] }),
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errors[0].field).toBe('agenda.0.paperIds');
    const notOurs = await coordinator.post(
      '/api/v1/dialogue/meetings',
      forum({ ...dates, agenda: [{ title: 'Background', paperIds: [theirs.body.id] }] }),
    );
    expect(notOurs.status).toBe(400);
    const fine = await coordinator.post(
      '/api/v1/dialogue/meetings',
      forum({ ...dates, agenda: [{ title: 'Background', paperIds: [paper.body.id] }] }),
    );
    expect(fine.status).toBe(201);
    expect(fine.body.agenda[0].papers).toEqual([expect.objectContaining({ name: 'agenda-paper.txt' })]);
  });
});
