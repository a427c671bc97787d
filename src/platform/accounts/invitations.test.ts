import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { days, minutes } from '../clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../testing/agencies.ts';
import { client, type Client } from '../testing/api.ts';
import { linkToken } from '../testing/mail-links.ts';
import { newAddress, signInFrom } from '../testing/sign-in-from.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

let vaka: TestVaka;
let admin: Client;
let adminId: string;

beforeAll(async () => {
  vaka = await startVaka();
  let userId: string;
  ({ admin, userId } = await agencyWithAdministrator(vaka, 'Ministry of Finance', 'admin@mof.test'));
  adminId = userId;
});
afterAll(() => vaka.close());

type Member = { id: string; email: string; role: string; unitId: string | null; version: number };

async function memberNamed(email: string): Promise<Member> {
  const members = (await admin.get('/api/v1/users')).body.items as Member[];
  const member = members.find((m) => m.email === email);
  if (!member) throw new Error(`${email} is not a member`);
  return member;
}

async function invitationTo(email: string, role: string) {
  const sent = await admin.post('/api/v1/invitations', { email, role, name: 'Tina' });
  expect(sent.status).toBe(201);
  const mail = await vaka.mail.waitFor(email, /invited to Ministry of Finance/);
  return { invitation: sent.body as { id: string }, mail, token: linkToken(mail) };
}

describe('inviting people', () => {
  test('an administrator invites someone, who looks at the link, accepts and is signed in with that role', async () => {
    const email = 'tina@mof.test';
    const sent = await admin.post('/api/v1/invitations', { email, role: 'finance-officer', name: 'Tina' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ email, role: 'finance-officer' });

    const mail = await vaka.mail.waitFor(email, /invited to Ministry of Finance/);
    expect(mail.text).toContain('Kia orana Tina');
    expect(mail.text).toContain('as finance officer');
    const token = linkToken(mail);

    const invitee = client(vaka.app);
    const preview = await invitee.get(`/api/v1/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      email,
      agencyName: 'Ministry of Finance',
      role: 'finance-officer',
      existingAccount: false,
    });

    const accepted = await invitee.post('/api/v1/invitations/accept', {
      token,
      name: 'Tina Pera',
      password: TEST_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      user: { email, name: 'Tina Pera' },
      agency: { name: 'Ministry of Finance' },
      role: 'finance-officer',
    });
    expect((await invitee.get('/api/v1/me')).body.role).toBe('finance-officer');
    expect(await memberNamed(email)).toMatchObject({ role: 'finance-officer' });
    expect((await signInFrom(vaka.app, newAddress(), { email, password: TEST_PASSWORD })).status).toBe(200);

    const again = await client(vaka.app).post('/api/v1/invitations/accept', {
      token,
      name: 'Someone Else',
      password: 'Another-password-entirely',
    });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('invalid-link');
  });

  test('pending invitations are listed until accepted or withdrawn, and a withdrawn link no longer opens', async () => {
    const kept = await invitationTo('kept@mof.test', 'viewer');
    const withdrawn = await invitationTo('withdrawn@mof.test', 'viewer');

    const pending = async () =>
      ((await admin.get('/api/v1/invitations')).body.items as { email: string }[]).map((i) => i.email);
    expect(await pending()).toEqual(expect.arrayContaining(['kept@mof.test', 'withdrawn@mof.test']));

    expect((await admin.delete(`/api/v1/invitations/${withdrawn.invitation.id}`)).status).toBe(204);
    expect(await pending()).not.toContain('withdrawn@mof.test');
    expect((await client(vaka.app).get(`/api/v1/invitations/${withdrawn.token}`)).body.code).toBe(
      'invalid-link',
    );
    const late = await client(vaka.app).post('/api/v1/invitations/accept', {
      token: withdrawn.token,
      name: 'Too Late',
      password: TEST_PASSWORD,
    });
    expect(late.status).toBe(404);
    expect((await admin.delete(`/api/v1/invitations/${withdrawn.invitation.id}`)).status).toBe(404);

    await client(vaka.app).post('/api/v1/invitations/accept', {
      token: kept.token,
      name: 'Kept',
      password: TEST_PASSWORD,
    });
    expect(await pending()).not.toContain('kept@mof.test');
  });

  test('an invitation not taken up within seven days lapses', async () => {
    const { token } = await invitationTo('slow@mof.test', 'viewer');
    vaka.clock.advance(days(7) + minutes(1));

    const preview = await client(vaka.app).get(`/api/v1/invitations/${token}`);
    expect(preview.status).toBe(404);
    expect(preview.body.code).toBe('invalid-link');
    const pending = (await admin.get('/api/v1/invitations')).body.items as { email: string }[];
    expect(pending.map((i) => i.email)).not.toContain('slow@mof.test');
  });

  test('only administrators invite: a viewer is refused and nothing is sent', async () => {
    const viewer = await memberWithRole(vaka, admin, 'viewer@mof.test', 'viewer');

    const refused = await viewer.post('/api/v1/invitations', {
      email: 'friend@mof.test',
      role: 'administrator',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await viewer.get('/api/v1/invitations')).status).toBe(403);
    const pending = (await admin.get('/api/v1/invitations')).body.items as { email: string }[];
    expect(pending.map((i) => i.email)).not.toContain('friend@mof.test');
  });

  test('inviting someone who is already a member is a conflict', async () => {
    await memberWithRole(vaka, admin, 'member@mof.test', 'programme-officer');

    const twice = await admin.post('/api/v1/invitations', { email: 'Member@MOF.test', role: 'viewer' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('conflict');
  });
});

describe('inviting someone who already has an account', () => {
  test('the link alone does not sign them in: their own password is needed, and a new one is ignored', async () => {
    const other = await agencyWithAdministrator(vaka, 'Ministry of Health', 'nurse@moh.test');
    expect(other.userId).toBeDefined();
    const { token } = await invitationTo('nurse@moh.test', 'viewer');
    const preview = await client(vaka.app).get(`/api/v1/invitations/${token}`);
    expect(preview.body.existingAccount).toBe(true);

    const holder = client(vaka.app);
    const taken = await holder.post('/api/v1/invitations/accept', {
      token,
      name: 'Someone',
      password: 'A-password-the-holder-chose',
    });
    expect(taken.status).toBe(401);
    expect(taken.body.code).toBe('invalid-credentials');
    expect((await holder.get('/api/v1/me')).status).toBe(401);

    const accepted = await holder.post('/api/v1/invitations/accept', { token, password: TEST_PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body.agencies.map((a: { name: string }) => a.name).sort()).toEqual([
      'Ministry of Finance',
      'Ministry of Health',
    ]);
    // The account's password did not change.
    expect(
      (await client(vaka.app).post('/api/v1/session', { email: 'nurse@moh.test', password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });

  test('a new account still needs a name and a strong password', async () => {
    const { token } = await invitationTo('newcomer@mof.test', 'viewer');
    const person = client(vaka.app);
    const noName = await person.post('/api/v1/invitations/accept', {
      token,
      password: 'Long-enough-password-1',
    });
    expect(noName.status).toBe(400);
    expect(noName.body.errors[0].field).toBe('name');
    const weak = await person.post('/api/v1/invitations/accept', { token, name: 'New', password: 'short' });
    expect(weak.body.errors[0].field).toBe('password');
  });
});

describe('agency settings', () => {
  test('an administrator renames the agency with the version they saw; a stale version gets the current one', async () => {
    const seen = (await admin.get('/api/v1/agency')).body as { version: number };
    const renamed = await admin.patch('/api/v1/agency', {
      name: 'Ministry of Finance and Planning',
      version: seen.version,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Ministry of Finance and Planning',
      version: seen.version + 1,
    });

    const stale = await admin.patch('/api/v1/agency', { name: 'Treasury', version: seen.version });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ name: 'Ministry of Finance and Planning' });
  });

  test('of two agency changes made at once from the same version, one is refused', async () => {
    const seen = (await admin.get('/api/v1/agency')).body as { name: string; version: number };
    const replies = await Promise.all([
      admin.patch('/api/v1/agency', { name: 'Ministry of Finance (Treasury)', version: seen.version }),
      admin.patch('/api/v1/agency', { name: 'Ministry of Finance (Budget)', version: seen.version }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const now = (await admin.get('/api/v1/agency')).body;
    expect(now.version).toBe(seen.version + 1);
  });

  test('a viewer may read the agency but not change it', async () => {
    const viewer = await memberWithRole(vaka, admin, 'reader@mof.test', 'viewer');
    const seen = await viewer.get('/api/v1/agency');
    expect(seen.status).toBe(200);
    const refused = await viewer.patch('/api/v1/agency', { name: 'Mine now', version: seen.body.version });
    expect(refused.status).toBe(403);
  });
});

describe('managing members', () => {
  test("an administrator changes a member's role and unit with the version they saw", async () => {
    const officer = await memberWithRole(vaka, admin, 'officer@mof.test', 'programme-officer');
    const before = await memberNamed('officer@mof.test');
    const finance = ((await admin.get('/api/v1/agency')).body.units as { id: string; kind: string }[]).find(
      (unit) => unit.kind === 'finance',
    )!;

    const changed = await admin.patch(`/api/v1/users/${before.id}`, {
      role: 'finance-officer',
      unitId: finance.id,
      version: before.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      role: 'finance-officer',
      unitId: finance.id,
      version: before.version + 1,
    });
    expect((await officer.get('/api/v1/me')).body.role).toBe('finance-officer');
  });

  test('a change made on a stale version is refused with the current record, and nothing changes', async () => {
    await memberWithRole(vaka, admin, 'clerk@mof.test', 'programme-officer');
    const seen = await memberNamed('clerk@mof.test');
    await admin.patch(`/api/v1/users/${seen.id}`, { role: 'committee-member', version: seen.version });

    const stale = await admin.patch(`/api/v1/users/${seen.id}`, {
      role: 'administrator',
      version: seen.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale-version');
    expect(stale.body.current).toMatchObject({
      id: seen.id,
      role: 'committee-member',
      version: seen.version + 1,
    });
    expect((await memberNamed('clerk@mof.test')).role).toBe('committee-member');
  });

  test('of two changes made at once from the same version, one is told the record changed meanwhile', async () => {
    await memberWithRole(vaka, admin, 'contested@mof.test', 'programme-officer');
    const seen = await memberNamed('contested@mof.test');

    const replies = await Promise.all([
      admin.patch(`/api/v1/users/${seen.id}`, { role: 'finance-officer', version: seen.version }),
      admin.patch(`/api/v1/users/${seen.id}`, { role: 'committee-member', version: seen.version }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = replies.find((r) => r.status === 200)!.body as Member;
    expect(await memberNamed('contested@mof.test')).toMatchObject({
      role: winner.role,
      version: seen.version + 1,
    });
  });

  test('the last administrator can be neither demoted nor removed', async () => {
    const me = await memberNamed('admin@mof.test');
    expect(me.id).toBe(adminId);

    const demoted = await admin.patch(`/api/v1/users/${adminId}`, { role: 'viewer', version: me.version });
    expect(demoted.status).toBe(409);
    expect(demoted.body.code).toBe('conflict');
    const removed = await admin.delete(`/api/v1/users/${adminId}`);
    expect(removed.status).toBe(409);
    expect((await admin.get('/api/v1/me')).body.role).toBe('administrator');

    // With a second administrator, either may step down.
    await memberWithRole(vaka, admin, 'deputy@mof.test', 'administrator');
    const deputy = await memberNamed('deputy@mof.test');
    const steppedDown = await admin.patch(`/api/v1/users/${deputy.id}`, {
      role: 'programme-officer',
      version: deputy.version,
    });
    expect(steppedDown.status).toBe(200);
  });

  test('a removed member loses the agency: they can still sign in, but see and do nothing in it', async () => {
    const leaving = await memberWithRole(vaka, admin, 'leaving@mof.test', 'partnership-coordinator');
    const member = await memberNamed('leaving@mof.test');

    expect((await admin.delete(`/api/v1/users/${member.id}`)).status).toBe(204);

    const members = (await admin.get('/api/v1/users')).body.items as Member[];
    expect(members.map((m) => m.email)).not.toContain('leaving@mof.test');
    const me = await leaving.get('/api/v1/me');
    expect(me.body).toMatchObject({ agency: null, role: null, permissions: [] });
    expect((await leaving.get('/api/v1/users')).status).toBe(403);
    expect((await leaving.get('/api/v1/audit')).status).toBe(403);
    expect((await admin.delete(`/api/v1/users/${member.id}`)).status).toBe(404);
    const again = await signInFrom(vaka.app, newAddress(), {
      email: 'leaving@mof.test',
      password: TEST_PASSWORD,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ agency: null, agencies: [] });
  });

  test('two administrators demoting each other at the same moment still leave one administrator', async () => {
    const first = await memberWithRole(vaka, admin, 'first@mof.test', 'administrator');
    const second = await memberWithRole(vaka, admin, 'second@mof.test', 'administrator');
    const firstMember = await memberNamed('first@mof.test');
    const secondMember = await memberNamed('second@mof.test');
    // The original administrator steps down, leaving these two.
    const original = await memberNamed('admin@mof.test');
    expect(
      (await admin.patch(`/api/v1/users/${original.id}`, { role: 'viewer', version: original.version }))
        .status,
    ).toBe(200);

    const replies = await Promise.all([
      first.patch(`/api/v1/users/${secondMember.id}`, { role: 'viewer', version: secondMember.version }),
      second.patch(`/api/v1/users/${firstMember.id}`, { role: 'viewer', version: firstMember.version }),
    ]);
    // The later one is refused: as a conflict, or, if it arrives after the first has committed, because
    // its sender is no longer an administrator.
    const [won, lost] = replies.map((r) => r.status).sort();
    expect(won).toBe(200);
    expect([403, 409]).toContain(lost);
    const members = (await first.get('/api/v1/users')).body.items as Member[];
    expect(members.filter((m) => m.role === 'administrator')).toHaveLength(1);
  });
});
