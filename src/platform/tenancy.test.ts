import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from './testing/agencies.ts';
import { client, type Client } from './testing/api.ts';
import { linkToken } from './testing/mail-links.ts';
import { upload } from './testing/multipart.ts';
import { startVaka, type TestVaka } from './testing/start-vaka.ts';

// Two ministries on one Vaka. Everything here is done as Agriculture, against Tourism's records.
let vaka: TestVaka;
let agriculture: { agencyId: string; admin: Client };
let tourism: { agencyId: string; userId: string; admin: Client };
let tourismOfficer: { id: string; version: number };
let tourismInvitationId: string;
let tourismJobId: string;
let tourismFileId: string;

type Member = { id: string; email: string; role: string; version: number };
type AuditItem = {
  agencyId: string;
  actor: { id: string };
  entity: string;
  entityId: string;
  after: unknown;
  requestId: string;
};

beforeAll(async () => {
  vaka = await startVaka({ demonstration: true });
  agriculture = await agencyWithAdministrator(vaka, 'Ministry of Agriculture', 'admin@agriculture.test');
  await memberWithRole(vaka, agriculture.admin, 'grower@agriculture.test', 'programme-officer');
  tourism = await agencyWithAdministrator(vaka, 'Ministry of Tourism', 'admin@tourism.test');
  await memberWithRole(vaka, tourism.admin, 'guide@tourism.test', 'programme-officer');

  const members = (await tourism.admin.get('/api/v1/users')).body.items as Member[];
  tourismOfficer = members.find((m) => m.email === 'guide@tourism.test')!;
  tourismInvitationId = (
    await tourism.admin.post('/api/v1/invitations', { email: 'pending@tourism.test', role: 'viewer' })
  ).body.id;
  tourismJobId = (await tourism.admin.post('/api/v1/demonstration-data')).body.jobId;
  tourismFileId = (
    await upload(vaka.app, tourism.admin, {
      name: 'visitor-numbers.csv',
      bytes: 'month,visitors\nMay,1200\n',
    })
  ).body.id;
});
afterAll(() => vaka.close());

describe("one agency cannot reach another's records", () => {
  test("the member list shows only the agency's own people", async () => {
    const members = (await agriculture.admin.get('/api/v1/users')).body.items as Member[];
    expect(members.map((m) => m.email).sort()).toEqual(['admin@agriculture.test', 'grower@agriculture.test']);
  });

  test("another agency's member can be neither changed nor removed, and is left as they were", async () => {
    const changed = await agriculture.admin.patch(`/api/v1/users/${tourismOfficer.id}`, {
      role: 'viewer',
      version: tourismOfficer.version,
    });
    expect(changed.status).toBe(404);
    expect(changed.body.code).toBe('not-found');
    expect((await agriculture.admin.delete(`/api/v1/users/${tourismOfficer.id}`)).status).toBe(404);
    expect(
      (await agriculture.admin.patch(`/api/v1/users/${tourism.userId}`, { role: 'viewer', version: 1 }))
        .status,
    ).toBe(404);

    const members = (await tourism.admin.get('/api/v1/users')).body.items as Member[];
    expect(members.find((m) => m.id === tourismOfficer.id)).toMatchObject({
      role: 'programme-officer',
      version: tourismOfficer.version,
    });
  });

  test("another agency's invitation can be neither seen nor withdrawn", async () => {
    const pending = (await agriculture.admin.get('/api/v1/invitations')).body.items as { id: string }[];
    expect(pending.map((i) => i.id)).not.toContain(tourismInvitationId);
    expect((await agriculture.admin.delete(`/api/v1/invitations/${tourismInvitationId}`)).status).toBe(404);

    const stillPending = (await tourism.admin.get('/api/v1/invitations')).body.items as { id: string }[];
    expect(stillPending.map((i) => i.id)).toContain(tourismInvitationId);
  });

  test("another agency's job progress and files are not found", async () => {
    expect((await tourism.admin.get(`/api/v1/jobs/${tourismJobId}`)).status).toBe(200);
    const job = await agriculture.admin.get(`/api/v1/jobs/${tourismJobId}`);
    expect(job.status).toBe(404);

    expect((await tourism.admin.get(`/api/v1/files/${tourismFileId}`)).status).toBe(200);
    const file = await agriculture.admin.get(`/api/v1/files/${tourismFileId}`);
    expect(file.status).toBe(404);
    expect(JSON.stringify(file.body)).not.toContain('visitor');
  });

  test("the audit trail shows only the agency's own events", async () => {
    const own = (await agriculture.admin.get('/api/v1/audit?limit=200')).body.items as {
      agencyId: string;
      entityId: string;
    }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((event) => event.agencyId === agriculture.agencyId)).toBe(true);

    const history = await agriculture.admin.get(`/api/v1/audit/agency/${tourism.agencyId}`);
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([]);
    const byTheirAdmin = await agriculture.admin.get(`/api/v1/audit?actorId=${tourism.userId}`);
    expect(byTheirAdmin.body.items).toEqual([]);
    const theirs = await tourism.admin.get(`/api/v1/audit/agency/${tourism.agencyId}`);
    expect(theirs.body.items.length).toBeGreaterThan(0);
  });

  test('nobody switches into an agency they do not belong to', async () => {
    const switched = await agriculture.admin.put('/api/v1/me/agency', { agencyId: tourism.agencyId });
    expect(switched.status).toBe(400);
    expect(switched.body.errors).toContainEqual(expect.objectContaining({ field: 'agencyId' }));
    const recorded = await agriculture.admin.get('/api/v1/audit?action=session.agency-switched');
    expect(recorded.body.items).toEqual([]);
    expect((await agriculture.admin.get('/api/v1/me')).body.agency.id).toBe(agriculture.agencyId);
  });

  test('changing one agency leaves the other as it was', async () => {
    const before = (await agriculture.admin.get('/api/v1/agency')).body;
    const renamed = await agriculture.admin.patch('/api/v1/agency', {
      name: 'Ministry of Agriculture and Fisheries',
      version: before.version,
    });
    expect(renamed.body).toMatchObject({
      id: agriculture.agencyId,
      name: 'Ministry of Agriculture and Fisheries',
    });
    expect((await tourism.admin.get('/api/v1/agency')).body.name).toBe('Ministry of Tourism');
  });

  test("another person's sessions and tokens cannot be ended from outside", async () => {
    const theirSession = (await tourism.admin.get('/api/v1/me/sessions')).body.items[0].id;
    const theirToken = (await tourism.admin.post('/api/v1/me/tokens', { name: 'tourism stats' })).body;

    expect((await agriculture.admin.delete(`/api/v1/me/sessions/${theirSession}`)).status).toBe(404);
    expect((await agriculture.admin.delete(`/api/v1/me/tokens/${theirToken.id}`)).status).toBe(404);
    expect((await tourism.admin.get('/api/v1/me')).status).toBe(200);
    expect((await client(vaka.app, { token: theirToken.token }).get('/api/v1/me')).status).toBe(200);
  });
});

describe('someone who works for both agencies', () => {
  test('sees each agency only while working in it, and a token stays in the agency it was made in', async () => {
    const person = await memberWithRole(
      vaka,
      agriculture.admin,
      'liaison@agriculture.test',
      'partnership-coordinator',
    );
    const token = (await person.post('/api/v1/me/tokens', { name: 'agriculture only' })).body.token as string;
    await tourism.admin.post('/api/v1/invitations', { email: 'liaison@agriculture.test', role: 'viewer' });
    const mail = await vaka.mail.waitFor('liaison@agriculture.test', /invited to Ministry of Tourism/);
    const accepted = await client(vaka.app).post('/api/v1/invitations/accept', {
      token: linkToken(mail),
      name: 'Liaison',
      password: TEST_PASSWORD,
    });
    expect(accepted.status).toBe(200);

    const me = (await person.get('/api/v1/me')).body;
    expect(me.agency.id).toBe(agriculture.agencyId);
    expect(me.agencies.map((a: { id: string }) => a.id).sort()).toEqual(
      [agriculture.agencyId, tourism.agencyId].sort(),
    );

    const switched = await person.put('/api/v1/me/agency', { agencyId: tourism.agencyId });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ agency: { id: tourism.agencyId }, role: 'viewer' });
    // Recorded in the agency entered, in the switch's own request; the agency left does not see it.
    const entered = (await tourism.admin.get('/api/v1/audit?action=session.agency-switched')).body
      .items as AuditItem[];
    const row = entered.find((event) => event.requestId === switched.headers['x-request-id']);
    expect(row).toMatchObject({
      agencyId: tourism.agencyId,
      actor: { id: me.user.id },
      entity: 'user',
      entityId: me.user.id,
      after: { agencyId: tourism.agencyId, role: 'viewer' },
    });
    expect(JSON.stringify(row)).not.toContain(agriculture.agencyId);
    const left = (await agriculture.admin.get('/api/v1/audit?action=session.agency-switched')).body.items;
    expect(left).toEqual([]);
    const seen = (await person.get('/api/v1/users')).body.items as Member[];
    expect(seen.map((m) => m.email)).toContain('guide@tourism.test');
    expect(seen.map((m) => m.email)).not.toContain('grower@agriculture.test');
    // As a viewer in Tourism, the coordinator's audit right from Agriculture does not follow.
    expect((await person.get('/api/v1/audit')).status).toBe(403);

    const viaToken = (await client(vaka.app, { token }).get('/api/v1/users')).body.items as Member[];
    expect(viaToken.map((m) => m.email)).toContain('grower@agriculture.test');
    expect(viaToken.map((m) => m.email)).not.toContain('guide@tourism.test');
  });
});
