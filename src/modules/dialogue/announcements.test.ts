import { afterAll, beforeAll, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { client, type Client } from '../../platform/testing/api.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { ministryAndNeighbour } from './test-agencies.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
let places: Record<string, string>;

// Today is 23 Nov 2026, 09:00 UTC.
beforeAll(async () => {
  ({ vaka, coordinator, viewer, otherAgency } = await ministryAndNeighbour());
  const taxonomies = (await coordinator.get('/api/v1/register/taxonomies')).body;
  places = Object.fromEntries(taxonomies.places.map((p: { code: string; id: string }) => [p.code, p.id]));
  const organisation = async (legalName: string, change: Record<string, unknown>) => {
    const created = await coordinator.post('/api/v1/register/organisations', {
      legalName,
      kind: 'community-group',
      ...change,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  };
  await organisation('Aitutaki Youth Council', {
    focusAreas: ['youth'],
    placeIds: [places['CK-AIT']],
    contacts: [
      { name: 'Teina', email: 'teina@ayc.test', consentToContact: true },
      // No consent: never written to.
      { name: 'Mata', email: 'mata@ayc.test', consentToContact: false },
    ],
  });
  await organisation('Avarua Youth Sports', {
    focusAreas: ['youth', 'sport-and-recreation'],
    placeIds: [places['CK-RAR-TAOT-AVARU']],
    contacts: [{ name: 'Ngā', email: 'nga@ays.test', consentToContact: true }],
  });
  await organisation('Rarotonga Women’s Trust', {
    kind: 'trust',
    focusAreas: ['gender-equality'],
    placeIds: [places['CK-RAR']],
    contacts: [{ name: 'Tere', email: 'tere@rwt.test', consentToContact: true }],
  });
});
afterAll(() => vaka.close());

test('the audience is previewed by focus area, place (and below) and kind before sending', async () => {
  const preview = (audience: Record<string, unknown>) =>
    coordinator.post('/api/v1/dialogue/announcements/preview', audience);
  expect((await preview({ focusAreas: ['youth'] })).body).toEqual({ organisations: 2, emails: 2 });
  // Rarotonga holds Avarua: the sports club and the trust.
  expect((await preview({ placeIds: [places['CK-RAR']] })).body).toEqual({ organisations: 2, emails: 2 });
  expect((await preview({ focusAreas: ['youth'], placeIds: [places['CK-RAR']] })).body.organisations).toBe(1);
  expect((await preview({ kinds: ['trust'] })).body.organisations).toBe(1);
  expect((await preview({ everyone: true })).body).toEqual({ organisations: 3, emails: 3 });
});

test('an announcement is mailed through a tracked job, logged as a disclosure, and kept per organisation', async () => {
  const sent = await coordinator.post('/api/v1/dialogue/announcements', {
    title: 'Youth grants round opens',
    body: 'Kia orana,\nthe youth grants round opens on 1 December; applications close 31 January.',
    audience: { focusAreas: ['youth'] },
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  expect(sent.body).toMatchObject({ organisationCount: 2, jobId: expect.any(String) });
  const mail = await vaka.mail.waitFor('teina@ayc.test', /Youth grants round opens/);
  expect(mail.text).toContain('applications close 31 January');
  expect(mail.text).toContain('/portal');
  await vaka.mail.waitFor('nga@ays.test', /Youth grants round opens/);
  expect(vaka.mail.received.some((m) => m.to.includes('mata@ayc.test'))).toBe(false);
  expect(vaka.mail.received.some((m) => m.to.includes('tere@rwt.test'))).toBe(false);

  // The job's progress is visible to the agency, and its count lands on the announcement.
  let job = (await coordinator.get(`/api/v1/jobs/${sent.body.jobId}`)).body;
  for (let tries = 0; job.state !== 'completed' && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = (await coordinator.get(`/api/v1/jobs/${sent.body.jobId}`)).body;
  }
  expect(job).toMatchObject({ state: 'completed', done: 2, total: 2 });
  expect((await viewer.get(`/api/v1/dialogue/announcements/${sent.body.id}`)).body.emailCount).toBe(2);
  expect((await viewer.get('/api/v1/dialogue/announcements')).body.items).toHaveLength(1);
  expect((await otherAgency.get(`/api/v1/dialogue/announcements/${sent.body.id}`)).status).toBe(404);
  expect((await otherAgency.get('/api/v1/dialogue/announcements')).body.items).toEqual([]);

  const log = (await viewer.get('/api/v1/dialogue/disclosures')).body.items;
  expect(log).toEqual([
    expect.objectContaining({
      kind: 'announcement',
      subject: 'Youth grants round opens',
      recipientCount: 2,
      disclosedOn: '2026-11-23',
      entityId: sent.body.id,
    }),
  ]);
  expect(log[0].toWhom).toContain('youth');
});

test('staff add what they told partners outside Vaka; the log exports as CSV', async () => {
  const added = await coordinator.post('/api/v1/dialogue/disclosures', {
    kind: 'meeting-minutes',
    subject: 'Minutes of the youth forum, 12 November; "draft", for comment',
    toWhom: 'Members of the youth reference group',
    recipientCount: 9,
    disclosedOn: '2026-11-13',
  });
  expect(added.status).toBe(201);
  await coordinator.post('/api/v1/dialogue/disclosures', {
    kind: 'letter',
    subject: '=HYPERLINK("http://evil.test")',
    toWhom: '@SUM(1)',
    disclosedOn: '2026-10-01',
  });
  const november = (await viewer.get('/api/v1/dialogue/disclosures?from=2026-11-01')).body.items;
  expect(november.map((d: { kind: string }) => d.kind)).toEqual(['announcement', 'meeting-minutes']);
  expect((await viewer.get('/api/v1/dialogue/disclosures?kind=letter')).body.items).toHaveLength(1);

  const csv = await viewer.get('/api/v1/dialogue/disclosures.csv');
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.headers['content-disposition']).toContain('disclosure-log-2026-11-23.csv');
  const lines = (csv.body as string)
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('Disclosed on,Kind,Subject,To whom,Recipients,Recorded by');
  expect(lines).toHaveLength(4);
  expect(lines[2]).toBe(
    '2026-11-13,meeting-minutes,"Minutes of the youth forum, 12 November; ""draft"", for comment",Members of the youth reference group,9,mere',
  );
  // A formula is defused, not run by the spreadsheet.
  expect(lines[3]).toContain(`"'=HYPERLINK(""http://evil.test"")",'@SUM(1),`);
  expect((await otherAgency.get('/api/v1/dialogue/disclosures.csv')).body).not.toContain('youth');
});

test('bad input names the field and sends nothing', async () => {
  const before = vaka.mail.received.length;
  const announcement = (change: Record<string, unknown>) => ({
    title: 'Notice',
    body: 'Text',
    audience: { focusAreas: ['youth'] },
    ...change,
  });
  const cases: [Record<string, unknown>, string][] = [
    // No one chosen is not everyone.
    [announcement({ audience: {} }), 'audience'],
    [announcement({ audience: { focusAreas: ['elderly'] } }), 'audience'],
    [announcement({ audience: { everyone: true, kinds: ['trust'] } }), 'audience.everyone'],
    [announcement({ audience: { focusAreas: ['not-a-focus-area'] } }), 'audience.focusAreas'],
    [announcement({ audience: { kinds: ['not-a-kind'] } }), 'audience.kinds'],
    [announcement({ audience: { placeIds: ['00000000-0000-4000-8000-000000000000'] } }), 'audience.placeIds'],
    [announcement({ audience: { placeIds: ['not-an-id'] } }), 'audience.placeIds.0'],
    [announcement({ body: 'x'.repeat(10_001) }), 'body'],
    [announcement({ body: '   ' }), 'body'],
    [announcement({ title: '' }), 'title'],
  ];
  for (const [body, field] of cases) {
    const reply = await coordinator.post('/api/v1/dialogue/announcements', body);
    expect(reply.status, JSON.stringify(body).slice(0, 200)).toBe(400);
    expect(reply.body.errors[0].field).toBe(field);
  }
  expect((await viewer.post('/api/v1/dialogue/announcements', announcement({}))).status).toBe(403);
  expect((await client(vaka.app).post('/api/v1/dialogue/announcements', announcement({}))).status).toBe(401);
  expect((await coordinator.post('/api/v1/dialogue/announcements/preview', {})).status).toBe(400);

  const entry = { kind: 'letter', subject: 'A letter', toWhom: 'Someone', disclosedOn: '2026-11-20' };
  const badEntries: [Record<string, unknown>, string][] = [
    [{ ...entry, disclosedOn: '2026-12-25' }, 'disclosedOn'],
    [{ ...entry, disclosedOn: '25/12/2026' }, 'disclosedOn'],
    [{ ...entry, kind: 'rumour' }, 'kind'],
    [{ ...entry, toWhom: '' }, 'toWhom'],
    [{ ...entry, recipientCount: -1 }, 'recipientCount'],
  ];
  for (const [body, field] of badEntries) {
    const reply = await coordinator.post('/api/v1/dialogue/disclosures', body);
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe(field);
  }
  expect((await viewer.post('/api/v1/dialogue/disclosures', entry)).status).toBe(403);
  expect((await coordinator.get('/api/v1/dialogue/announcements')).body.items).toHaveLength(1);
  expect((await coordinator.get('/api/v1/dialogue/disclosures')).body.items).toHaveLength(3);
  expect(vaka.mail.received.length).toBe(before);
});

test('the minutes of a held meeting are e-mailed to everyone invited and logged as a disclosure', async () => {
  const forum = {
    title: 'Youth forum, Aitutaki',
    startsAt: '2026-11-24T10:00:00-10:00',
    endsAt: '2026-11-24T12:00:00-10:00',
    timeZone: 'Pacific/Rarotonga',
    place: 'Aitutaki hall',
  };
  const meeting = (await coordinator.post('/api/v1/dialogue/meetings', forum)).body;
  const share = () => coordinator.post(`/api/v1/dialogue/meetings/${meeting.id}/minutes/share`, {});
  expect((await share()).status).toBe(409); // not held yet
  await coordinator.post(`/api/v1/dialogue/meetings/${meeting.id}/invitations`, {
    people: [
      { email: 'rua@example.org', name: 'Rua' },
      { email: 'RUA@example.org' },
      { email: 'moe@example.org' },
    ],
  });
  vaka.clock.advance(days(2));
  expect((await share()).body.detail).toContain('Write the minutes');
  const minuted = await coordinator.put(`/api/v1/dialogue/meetings/${meeting.id}`, {
    ...forum,
    minutes: 'Twelve young people spoke; the hall needs a ramp.',
    version: meeting.version,
  });
  expect(minuted.status).toBe(200);
  expect((await viewer.post(`/api/v1/dialogue/meetings/${meeting.id}/minutes/share`, {})).status).toBe(403);
  expect((await otherAgency.post(`/api/v1/dialogue/meetings/${meeting.id}/minutes/share`, {})).status).toBe(
    404,
  );
  const shared = await share();
  expect(shared.status).toBe(200);
  expect(shared.body).toEqual({ shared: 2 });
  const mail = await vaka.mail.waitFor('rua@example.org', /Minutes: Youth forum, Aitutaki/);
  expect(mail.text).toContain('the hall needs a ramp');
  await vaka.mail.waitFor('moe@example.org', /Minutes: Youth forum, Aitutaki/);
  const log = (await viewer.get('/api/v1/dialogue/disclosures?kind=meeting-minutes')).body.items;
  expect(log[0]).toMatchObject({
    subject: 'Minutes of Youth forum, Aitutaki',
    recipientCount: 2,
    entity: 'meeting',
    entityId: meeting.id,
    disclosedOn: '2026-11-25',
  });
});
