import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hours } from '../clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../testing/agencies.ts';
import { client, type Client, type Reply } from '../testing/api.ts';
import { linkToken } from '../testing/mail-links.ts';
import { upload } from '../testing/multipart.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';
import { GENESIS_HASH } from './record.ts';
import { auditEvents } from './tables.ts';
import { verifyAuditChain } from './verify.ts';

let vaka: TestVaka;
let admin: Client;
let adminId: string;
let agencyId: string;
let viewer: Client;

type AuditItem = {
  id: number;
  at: string;
  agencyId: string | null;
  actor: { id: string | null; name: string };
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

beforeAll(async () => {
  vaka = await startVaka();
  let userId: string;
  ({ admin, userId, agencyId } = await agencyWithAdministrator(
    vaka,
    'Office of the Auditor-General',
    'admin@oag.test',
  ));
  adminId = userId;
  viewer = await memberWithRole(vaka, admin, 'viewer@oag.test', 'viewer');
});
afterAll(() => vaka.close());

async function trail(query = ''): Promise<AuditItem[]> {
  const reply = await admin.get(`/api/v1/audit?limit=200${query}`);
  expect(reply.status).toBe(200);
  return reply.body.items;
}

/** The audit row the request that gave this reply wrote. */
async function recordOf(reply: Reply, action: string): Promise<AuditItem> {
  const requestId = reply.headers['x-request-id'];
  expect(requestId).toEqual(expect.any(String));
  const found = (await trail(`&action=${action}`)).filter((event) => event.requestId === requestId);
  expect(found, `one ${action} row for request ${String(requestId)}`).toHaveLength(1);
  return found[0]!;
}

/** Why the database refused a statement (the driver's error wraps the server's message). */
async function refusal(statement: SQL): Promise<string> {
  try {
    await vaka.platform.db.execute(statement);
  } catch (error) {
    return `${String(error)} ${String((error as Error).cause ?? '')}`;
  }
  return 'not refused';
}

async function memberId(email: string): Promise<{ id: string; version: number }> {
  const members = (await admin.get('/api/v1/users')).body.items as {
    id: string;
    email: string;
    version: number;
  }[];
  return members.find((m) => m.email === email)!;
}

describe('what the audit trail records', () => {
  test('each change is recorded with who made it, what it was, on which record, and by which request', async () => {
    const invited = await admin.post('/api/v1/invitations', {
      email: 'newcomer@oag.test',
      role: 'programme-officer',
    });
    expect(await recordOf(invited, 'invitation.sent')).toMatchObject({
      agencyId,
      actor: { id: adminId, name: 'Administrator of Office of the Auditor-General' },
      entity: 'invitation',
      entityId: invited.body.id,
      after: { email: 'newcomer@oag.test', role: 'programme-officer' },
    });

    const mail = await vaka.mail.waitFor('newcomer@oag.test', /invited/);
    const newcomer = client(vaka.app);
    const accepted = await newcomer.post('/api/v1/invitations/accept', {
      token: linkToken(mail),
      name: 'Newcomer',
      password: TEST_PASSWORD,
    });
    const newcomerId = accepted.body.user.id as string;
    expect(await recordOf(accepted, 'invitation.accepted')).toMatchObject({
      actor: { id: newcomerId },
      entity: 'membership',
      entityId: `${agencyId}:${newcomerId}`,
    });

    const { version } = await memberId('newcomer@oag.test');
    const changed = await admin.patch(`/api/v1/users/${newcomerId}`, { role: 'finance-officer', version });
    expect(await recordOf(changed, 'membership.changed')).toMatchObject({
      actor: { id: adminId },
      entityId: `${agencyId}:${newcomerId}`,
      before: { role: 'programme-officer' },
      after: { role: 'finance-officer' },
    });

    const renamed = await newcomer.patch('/api/v1/me', { name: 'Newcomer Tuara' });
    expect(await recordOf(renamed, 'user.profile-changed')).toMatchObject({
      actor: { id: newcomerId },
      entity: 'user',
      entityId: newcomerId,
      before: { name: 'Newcomer' },
      after: { name: 'Newcomer Tuara' },
    });

    const agency = (await admin.get('/api/v1/agency')).body;
    const agencyChanged = await admin.patch('/api/v1/agency', {
      name: 'Audit Office',
      version: agency.version,
    });
    expect(await recordOf(agencyChanged, 'agency.changed')).toMatchObject({
      entity: 'agency',
      entityId: agencyId,
      before: { name: 'Office of the Auditor-General' },
      after: { name: 'Audit Office' },
    });

    const token = await newcomer.post('/api/v1/me/tokens', { name: 'ledger export' });
    expect(await recordOf(token, 'api-token.created')).toMatchObject({ entityId: token.body.id });
    const revoked = await newcomer.delete(`/api/v1/me/tokens/${token.body.id}`);
    expect(await recordOf(revoked, 'api-token.revoked')).toMatchObject({ entityId: token.body.id });

    // A finance officer may not store files (decision 0026): the administrator files the ledger.
    const file = await upload(vaka.app, admin, { name: 'ledger.csv', bytes: 'account,amount\n100,5\n' });
    expect(await recordOf(file, 'file.uploaded')).toMatchObject({
      entity: 'file',
      entityId: file.body.id,
      after: { name: 'ledger.csv', contentType: 'text/csv' },
    });

    const removed = await admin.delete(`/api/v1/users/${newcomerId}`);
    expect(await recordOf(removed, 'membership.removed')).toMatchObject({
      entityId: `${agencyId}:${newcomerId}`,
      before: { role: 'finance-officer', email: 'newcomer@oag.test' },
    });
  });

  test('signing in and out, password changes and second factors are recorded against the person', async () => {
    const person = await memberWithRole(vaka, admin, 'careful@oag.test', 'programme-officer');
    const { id } = await memberId('careful@oag.test');

    const signedIn = await client(vaka.app).post('/api/v1/session', {
      email: 'careful@oag.test',
      password: TEST_PASSWORD,
    });
    expect(await recordOf(signedIn, 'session.started')).toMatchObject({ actor: { id }, entityId: id });

    const changed = await person.put('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Careful-New-Password-42',
    });
    expect(await recordOf(changed, 'user.password-changed')).toMatchObject({ actor: { id }, entityId: id });

    const { secret } = (await person.post('/api/v1/me/second-factor')).body;
    const code = await generate({ secret, epoch: Math.floor(vaka.clock.now().getTime() / 1000) });
    const enabled = await person.post('/api/v1/me/second-factor/confirm', { code });
    expect(await recordOf(enabled, 'user.second-factor-enabled')).toMatchObject({ entityId: id });

    const signedOut = await person.delete('/api/v1/session');
    expect(await recordOf(signedOut, 'session.ended')).toMatchObject({ actor: { id }, entityId: id });
  });

  test('no secret reaches the trail: no password, hash, token, link or second-factor secret', async () => {
    const person = await memberWithRole(vaka, admin, 'secretive@oag.test', 'programme-officer');
    const apiToken = (await person.post('/api/v1/me/tokens', { name: 'secret keeper' })).body.token as string;
    const { secret } = (await person.post('/api/v1/me/second-factor')).body as { secret: string };
    const code = await generate({ secret, epoch: Math.floor(vaka.clock.now().getTime() / 1000) });
    await person.post('/api/v1/me/second-factor/confirm', { code });
    await person.put('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Secretive-New-Password-9',
    });
    const cookieSecret = person.cookie()!.split('=')[1]!;
    const invitationMail = await vaka.mail.waitFor('secretive@oag.test', /invited/);

    const everything = JSON.stringify(await vaka.platform.db.select().from(auditEvents));
    for (const secretText of [
      TEST_PASSWORD,
      'Secretive-New-Password-9',
      apiToken,
      secret,
      cookieSecret,
      linkToken(invitationMail),
      '$argon2',
    ]) {
      expect(everything).not.toContain(secretText);
    }
  });
});

describe('the trail cannot be rewritten', () => {
  test('rows can be neither changed nor deleted, even directly in the database', async () => {
    const before = await vaka.platform.db.select().from(auditEvents).orderBy(asc(auditEvents.id));

    expect(await refusal(sql`update audit_events set action = 'nothing.happened'`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from audit_events where id = ${before[0]!.id}`)).toMatch(/append-only/);
    expect(await refusal(sql`truncate audit_events`)).toMatch(/append-only/);

    const after = await vaka.platform.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(after).toEqual(before);
  });

  test('each row holds the hash of the one before it, from the first row on', async () => {
    const rows = await vaka.platform.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]!.previousHash).toBe(GENESIS_HASH);
    for (const [index, row] of rows.entries()) {
      if (index > 0) expect(row.previousHash).toBe(rows[index - 1]!.hash);
    }
    expect(new Set(rows.map((row) => row.hash)).size).toBe(rows.length);
    expect(await verifyAuditChain(vaka.platform.db)).toEqual({ rows: rows.length, firstBroken: null });
  });

  test('changes made at the same moment still form one unbroken chain', async () => {
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, n) => admin.post('/api/v1/me/tokens', { name: `parallel ${n}` })),
    );
    expect(replies.every((reply) => reply.status === 201)).toBe(true);
    expect((await verifyAuditChain(vaka.platform.db)).firstBroken).toBeNull();
  });
});

describe('reading the trail', () => {
  test('filters by action, record, actor and time, newest first', async () => {
    const start = vaka.clock.now();
    const made: string[] = [];
    for (let n = 1; n <= 3; n += 1) {
      vaka.clock.advance(hours(1));
      made.push((await admin.post('/api/v1/me/tokens', { name: `hourly ${n}` })).body.id);
    }
    const viewerToken = (await viewer.post('/api/v1/me/tokens', { name: 'viewer token' })).body.id as string;
    const viewerId = (await viewer.get('/api/v1/me')).body.user.id as string;

    const created = await trail('&action=api-token.created');
    expect(created.every((event) => event.action === 'api-token.created')).toBe(true);
    expect(created.map((event) => event.entityId)).toEqual(expect.arrayContaining([...made, viewerToken]));
    const ids = created.map((event) => event.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const one = await trail(`&entity=api-token&entityId=${made[1]}`);
    expect(one.map((event) => event.entityId)).toEqual([made[1]]);

    const byViewer = await trail(`&actorId=${viewerId}`);
    expect(byViewer.length).toBeGreaterThan(0);
    expect(byViewer.every((event) => event.actor.id === viewerId)).toBe(true);
    expect(byViewer.map((event) => event.entityId)).toContain(viewerToken);

    const from = new Date(start.getTime() + hours(1)).toISOString();
    const to = new Date(start.getTime() + hours(2)).toISOString();
    const window = await trail(`&action=api-token.created&from=${from}&to=${to}`);
    expect(window.map((event) => event.entityId).sort()).toEqual([made[0], made[1]].sort());

    const history = await admin.get(`/api/v1/audit/api-token/${made[2]}`);
    expect(history.body.items.map((event: AuditItem) => event.action)).toEqual(['api-token.created']);
  });

  test('pages follow one another by cursor, without gaps or repeats', async () => {
    const all = await trail();
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await admin.get(`/api/v1/audit?limit=7${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.items.map((event: AuditItem) => event.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(all.map((event) => event.id));

    const forged = await admin.get('/api/v1/audit?cursor=not-a-cursor');
    expect(forged.status).toBe(400);
    expect(forged.body.errors).toContainEqual(expect.objectContaining({ field: 'cursor' }));
  });

  test('a viewer may not read the trail; a partnership coordinator may', async () => {
    const refused = await viewer.get('/api/v1/audit');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await viewer.get(`/api/v1/audit/agency/${agencyId}`)).status).toBe(403);
    expect((await client(vaka.app).get('/api/v1/audit')).status).toBe(401);

    const coordinator = await memberWithRole(vaka, admin, 'coordinator@oag.test', 'partnership-coordinator');
    expect((await coordinator.get('/api/v1/audit')).status).toBe(200);
  });
});

// Tampers with the trail, so it runs last.
describe('verifying the chain', () => {
  /** What someone with database access might do: switch the trigger off, edit, switch it back on. */
  async function behindTheTrigger(work: () => Promise<unknown>) {
    await vaka.platform.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await work();
    await vaka.platform.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  }

  test('a row changed behind the trigger is found and named', async () => {
    const rows = await vaka.platform.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    const victim = rows[Math.floor(rows.length / 2)]!;

    await behindTheTrigger(() =>
      vaka.platform.db
        .update(auditEvents)
        .set({ actorLabel: 'someone-innocent@oag.test' })
        .where(eq(auditEvents.id, victim.id)),
    );
    expect((await verifyAuditChain(vaka.platform.db)).firstBroken).toEqual({
      id: victim.id,
      reason: expect.stringMatching(/changed/),
    });

    await behindTheTrigger(() =>
      vaka.platform.db
        .update(auditEvents)
        .set({ actorLabel: victim.actorLabel })
        .where(eq(auditEvents.id, victim.id)),
    );
    expect((await verifyAuditChain(vaka.platform.db)).firstBroken).toBeNull();
  });

  test('a row removed behind the trigger is found by the break it leaves in the next one', async () => {
    const rows = await vaka.platform.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    const removed = rows[rows.length - 3]!;
    const next = rows[rows.length - 2]!;

    await behindTheTrigger(() => vaka.platform.db.delete(auditEvents).where(eq(auditEvents.id, removed.id)));

    expect(await verifyAuditChain(vaka.platform.db)).toEqual({
      rows: rows.length - 2,
      firstBroken: { id: next.id, reason: expect.stringMatching(/removed/) },
    });
  });
});
