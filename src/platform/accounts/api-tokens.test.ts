import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { days, minutes } from '../clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../testing/agencies.ts';
import { client, type Client } from '../testing/api.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

let vaka: TestVaka;
let admin: Client;
let people = 0;

beforeAll(async () => {
  vaka = await startVaka();
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Infrastructure', 'admin@moi.test'));
});
afterAll(() => vaka.close());

async function newMember(role: string) {
  people += 1;
  const email = `engineer${people}@moi.test`;
  return { email, session: await memberWithRole(vaka, admin, email, role) };
}

async function newToken(session: Client, body: { name: string; expiresInDays?: number }) {
  const created = await session.post('/api/v1/me/tokens', body);
  expect(created.status).toBe(201);
  return created.body as {
    id: string;
    token: string;
    prefix: string;
    name: string;
    expiresAt: string | null;
  };
}

const bearer = (token: string) => client(vaka.app, { token });

describe('API tokens', () => {
  test('a token is shown once; the list shows only its name and first characters', async () => {
    const created = await newToken(admin, { name: 'Monthly report script' });
    expect(created.token).toMatch(/^vaka_[\w-]{40,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(created.token.length / 2);

    const listed = await admin.get('/api/v1/me/tokens');
    const mine = (listed.body.items as Record<string, unknown>[]).find((t) => t.id === created.id);
    expect(mine).toMatchObject({ name: 'Monthly report script', prefix: created.prefix, lastUsedAt: null });
    expect(mine).not.toHaveProperty('token');
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
  });

  test('a script with a token reads as its creator, and the token records when it was last used', async () => {
    const { email, session } = await newMember('partnership-coordinator');
    const { id, token } = await newToken(session, { name: 'dashboard' });

    const me = await bearer(token).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email }, role: 'partnership-coordinator' });
    const users = await bearer(token).get('/api/v1/users');
    expect(users.status).toBe(200);
    expect((users.body.items as { email: string }[]).map((u) => u.email)).toContain(email);

    const listed = (await session.get('/api/v1/me/tokens')).body.items as {
      id: string;
      lastUsedAt: string;
    }[];
    expect(listed.find((t) => t.id === id)?.lastUsedAt).toBe(vaka.clock.now().toISOString());
  });

  test("a token has its creator's rights and no more, and follows a change of role", async () => {
    const { session } = await newMember('viewer');
    const { token } = await newToken(session, { name: 'viewer script' });

    const invite = await bearer(token).post('/api/v1/invitations', {
      email: 'x@moi.test',
      role: 'administrator',
    });
    expect(invite.status).toBe(403);
    expect(invite.body.code).toBe('forbidden');
    expect((await bearer(token).get('/api/v1/audit')).status).toBe(403);

    const { email: chiefEmail, session: chief } = await newMember('viewer');
    const { token: chiefToken } = await newToken(chief, { name: 'chief script' });
    const members = (await admin.get('/api/v1/users')).body.items as {
      id: string;
      email: string;
      version: number;
    }[];
    const chiefMember = members.find((m) => m.email === chiefEmail)!;
    await admin.patch(`/api/v1/users/${chiefMember.id}`, {
      role: 'administrator',
      version: chiefMember.version,
    });
    expect((await bearer(chiefToken).get('/api/v1/audit')).status).toBe(200);
  });

  test('a token stops working when its creator leaves the agency', async () => {
    const { email, session } = await newMember('programme-officer');
    const { token } = await newToken(session, { name: 'leaver' });
    const member = ((await admin.get('/api/v1/users')).body.items as { id: string; email: string }[]).find(
      (m) => m.email === email,
    )!;

    await admin.delete(`/api/v1/users/${member.id}`);

    const me = await bearer(token).get('/api/v1/me');
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('unauthenticated');
  });

  test('a revoked token is refused at once', async () => {
    const { session } = await newMember('programme-officer');
    const { id, token } = await newToken(session, { name: 'old laptop' });
    expect((await bearer(token).get('/api/v1/me')).status).toBe(200);

    expect((await session.delete(`/api/v1/me/tokens/${id}`)).status).toBe(204);

    const refused = await bearer(token).get('/api/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('unauthenticated');
    const listed = (await session.get('/api/v1/me/tokens')).body.items as { id: string }[];
    expect(listed.map((t) => t.id)).not.toContain(id);
  });

  test("nobody revokes another person's token", async () => {
    const { session: owner } = await newMember('programme-officer');
    const { session: other } = await newMember('programme-officer');
    const { id, token } = await newToken(owner, { name: 'mine' });

    expect((await other.delete(`/api/v1/me/tokens/${id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/me/tokens/${id}`)).status).toBe(404);
    expect((await bearer(token).get('/api/v1/me')).status).toBe(200);
  });

  test('a made-up or malformed credential is a 401, not a quiet fall back to anonymous', async () => {
    expect(
      (await bearer('vaka_thisTokenWasNeverIssuedByThisVakaAtAll0000000').get('/api/v1/me')).status,
    ).toBe(401);
    expect((await bearer('garbage').get('/api/v1/me')).status).toBe(401);
    const basic = await vaka.app.inject({
      url: '/api/v1/me',
      headers: { authorization: 'Basic YWRtaW5AbW9pLnRlc3Q6cGFzc3dvcmQ=' },
    });
    expect(basic.statusCode).toBe(401);
    expect(basic.json().code).toBe('unauthenticated');
  });

  test('a token cannot make more tokens, nor sign out, nor switch agency, nor change the password', async () => {
    const { session } = await newMember('programme-officer');
    const { token } = await newToken(session, { name: 'automation' });
    const script = bearer(token);

    const more = await script.post('/api/v1/me/tokens', { name: 'offspring' });
    expect(more.status).toBe(403);
    expect(more.body.code).toBe('session-required');
    expect((await session.get('/api/v1/me/tokens')).body.items).toHaveLength(1);
    expect((await script.delete('/api/v1/session')).status).toBe(403);
    const me = (await script.get('/api/v1/me')).body;
    expect((await script.put('/api/v1/me/agency', { agencyId: me.agency.id })).status).toBe(403);
    const password = await script.put('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Chosen-By-A-Script-2026',
    });
    expect(password.status).toBe(403);
    expect((await script.get('/api/v1/me')).status).toBe(200);
  });

  test("a token cannot touch its owner's second factor, sessions or tokens, so it cannot lock them out", async () => {
    const { email, session } = await newMember('programme-officer');
    const { token } = await newToken(session, { name: 'automation' });
    const other = await newToken(session, { name: 'the other script' });
    const script = bearer(token);
    const refusals = [
      await script.post('/api/v1/me/second-factor'),
      await script.post('/api/v1/me/second-factor/confirm', { code: '123456' }),
      await script.delete('/api/v1/me/second-factor', { code: '123456' }),
      await script.delete(
        `/api/v1/me/sessions/${(await session.get('/api/v1/me/sessions')).body.items[0].id}`,
      ),
      await script.delete(`/api/v1/me/tokens/${other.id}`),
    ];

    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'session-required', title: 'Sign in to do this' });
      expect(refused.body.detail).toMatch(/^An API token cannot .*; sign in to do that\.$/);
    }
    const me = (await session.get('/api/v1/me')).body;
    expect(me.user.secondFactorEnabled).toBe(false);
    expect((await session.get('/api/v1/me/tokens')).body.items).toHaveLength(2);
    const signIn = await client(vaka.app).post('/api/v1/session', { email, password: TEST_PASSWORD });
    expect(signIn.status).toBe(200);
  });

  test('writes with a token are not subject to the browser origin check', async () => {
    const { token } = await newToken(admin, { name: 'provisioning' });
    const invited = await bearer(token).post(
      '/api/v1/invitations',
      { email: 'provisioned@moi.test', role: 'viewer' },
      { origin: 'http://automation.example' },
    );
    expect(invited.status).toBe(201);
  });

  // Moves the clock a month on, so it runs last.
  test('a token with an expiry stops working when it expires; one without goes on', async () => {
    const { session } = await newMember('programme-officer');
    const brief = await newToken(session, { name: 'one month', expiresInDays: 30 });
    const lasting = await newToken(session, { name: 'no expiry' });
    expect(new Date(brief.expiresAt!).getTime()).toBe(vaka.clock.now().getTime() + days(30));
    expect(lasting.expiresAt).toBeNull();

    vaka.clock.advance(days(30) - minutes(1));
    expect((await bearer(brief.token).get('/api/v1/me')).status).toBe(200);
    vaka.clock.advance(minutes(2));
    const expired = await bearer(brief.token).get('/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('unauthenticated');
    expect((await bearer(lasting.token).get('/api/v1/me')).status).toBe(200);
  });
});
