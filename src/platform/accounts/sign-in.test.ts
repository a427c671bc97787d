import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents } from '../audit/tables.ts';
import { forgetOldAttempts } from './attempts.ts';
import { signInAttempts } from './tables.ts';
import { days, hours, minutes } from '../clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../testing/agencies.ts';
import { client, type Client } from '../testing/api.ts';
import { newAddress, signInFrom } from '../testing/sign-in-from.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

let vaka: TestVaka;
let admin: Client;
let people = 0;

beforeAll(async () => {
  vaka = await startVaka();
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Marine Resources', 'admin@mmr.test'));
});
afterAll(() => vaka.close());

/** A new member of the ministry, with an address of their own to sign in from. */
async function newMember(role = 'programme-officer') {
  people += 1;
  const email = `officer${people}@mmr.test`;
  const session = await memberWithRole(vaka, admin, email, role);
  return { email, session, address: newAddress() };
}

const wrong = 'Not-the-password-at-all';

describe('signing in and out', () => {
  test('a member signs in, sees who they are, and after signing out the old cookie is worthless', async () => {
    const { email, address } = await newMember();

    const signedIn = await signInFrom(vaka.app, address, {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({
      user: { email },
      agency: { name: 'Ministry of Marine Resources' },
      role: 'programme-officer',
    });
    const session = signedIn.session!;
    const cookie = session.cookie()!;
    expect((await session.get('/api/v1/me')).body.user.email).toBe(email);

    expect((await session.delete('/api/v1/session')).status).toBe(204);
    expect(session.cookie()).toBeUndefined();
    const afterwards = await client(vaka.app, { cookie }).get('/api/v1/me');
    expect(afterwards.status).toBe(401);
    expect(afterwards.body.code).toBe('unauthenticated');
  });

  test('a wrong password and an unknown e-mail get the very same answer', async () => {
    const { email, address } = await newMember();

    const wrongPassword = await signInFrom(vaka.app, address, { email, password: wrong });
    const unknown = await signInFrom(vaka.app, address, { email: 'nobody@mmr.test', password: wrong });

    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.code).toBe('invalid-credentials');
    expect(wrongPassword.session).toBeUndefined();
    expect({ ...unknown.body, requestId: undefined }).toEqual({
      ...wrongPassword.body,
      requestId: undefined,
    });
  });
});

describe('guessing passwords', () => {
  test('ten wrong passwords from one address lock the account there, even against the right one, and the lockout is audited', async () => {
    const { email, address } = await newMember();

    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const reply = await signInFrom(vaka.app, address, { email, password: `${wrong}-${attempt}` });
      expect(reply.status).toBe(401);
    }
    const locked = await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too-many-attempts');
    expect(locked.headers['retry-after']).toBe(String(15 * 60));
    expect(locked.session).toBeUndefined();

    // A lockout belongs to the person, not to one agency (agencyId is null); the administrators of
    // every agency the person is in see it in their trail.
    const member = (await admin.get('/api/v1/users')).body.items.find(
      (m: { email: string }) => m.email === email,
    );
    const listed = (await admin.get(`/api/v1/audit?action=user.locked-out&entityId=${member.id}`)).body.items;
    expect(listed).toHaveLength(1);
    const rows = await vaka.platform.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.locked-out'), eq(auditEvents.entityId, member.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'user', actorLabel: `anonymous:${address}` });
    expect(rows[0]!.after).toMatchObject({ failures: 10, ip: address });
  });

  test("a stranger's guesses from elsewhere do not lock the owner out", async () => {
    const { email, address } = await newMember();
    const stranger = newAddress();
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      await signInFrom(vaka.app, stranger, { email, password: `${wrong}-${attempt}` });
    }
    expect((await signInFrom(vaka.app, stranger, { email, password: TEST_PASSWORD })).status).toBe(429);

    expect((await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).status).toBe(200);
    // Nor does the owner's sign-in lift the stranger's lockout.
    expect((await signInFrom(vaka.app, stranger, { email, password: TEST_PASSWORD })).status).toBe(429);
  });

  test('an unknown e-mail is locked as a real account is, so no answer tells which accounts exist', async () => {
    const { email } = await newMember();
    const [known, unknown] = [newAddress(), newAddress()];
    const answers = async (address: string, who: string) => {
      const replies = [];
      for (let attempt = 1; attempt <= 11; attempt += 1)
        replies.push(await signInFrom(vaka.app, address, { email: who, password: `${wrong}-${attempt}` }));
      return replies.map((reply) => ({
        status: reply.status,
        retryAfter: reply.headers['retry-after'],
        body: { ...reply.body, requestId: undefined },
      }));
    };

    const forKnown = await answers(known, email);
    const forUnknown = await answers(unknown, 'nobody-here@mmr.test');
    expect(forKnown.at(-1)).toMatchObject({ status: 429, body: { code: 'too-many-attempts' } });
    expect(forUnknown).toEqual(forKnown);
  });

  test('the lockout lifts after fifteen minutes, and each failure after it doubles the next one', async () => {
    const { email, address } = await newMember();
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await signInFrom(vaka.app, address, { email, password: wrong });
    }

    vaka.clock.advance(minutes(14));
    const stillLocked = await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD });
    expect(stillLocked.status).toBe(429);
    expect(Number(stillLocked.headers['retry-after'])).toBeLessThanOrEqual(60);

    vaka.clock.advance(minutes(1));
    expect((await signInFrom(vaka.app, address, { email, password: wrong })).status).toBe(401);
    const longer = await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD });
    expect(longer.status).toBe(429);
    expect(longer.headers['retry-after']).toBe(String(30 * 60));

    vaka.clock.advance(minutes(30));
    expect((await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).status).toBe(200);
  });

  test('attempts older than a day are forgotten by the hourly job; newer ones still count', async () => {
    const { email, address } = await newMember();
    for (let attempt = 1; attempt <= 3; attempt += 1)
      await signInFrom(vaka.app, address, { email, password: wrong });
    const kept = async () =>
      (await vaka.platform.db.select().from(signInAttempts).where(eq(signInAttempts.email, email))).length;
    expect(await kept()).toBe(3);
    vaka.clock.advance(hours(23));
    await signInFrom(vaka.app, address, { email, password: wrong });
    vaka.clock.advance(hours(2));
    await forgetOldAttempts(vaka.platform);
    expect(await kept()).toBe(1);
  });

  test('a burst of wrong passwords sent all at once gets ten tries in all, then the lockout', async () => {
    const { email, address } = await newMember();

    const burst = await Promise.all(
      Array.from({ length: 15 }, (_, n) =>
        signInFrom(vaka.app, address, { email, password: `${wrong}-${n}` }),
      ),
    );
    expect(burst.every((reply) => reply.status === 401 || reply.status === 429)).toBe(true);
    // Some of the burst may be refused while the others are checked; none gets past the ten.
    let tried = burst.filter((reply) => reply.status === 401).length;
    expect(tried).toBeLessThanOrEqual(10);
    for (let more = 0; more < 10; more += 1) {
      const reply = await signInFrom(vaka.app, address, { email, password: `${wrong}-more-${more}` });
      if (reply.status === 429) break;
      tried += 1;
    }
    expect(tried).toBe(10);

    const afterwards = await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD });
    expect(afterwards.status).toBe(429);
  });

  test('a right password resets the count, so mistakes spread over days do not lock anyone out', async () => {
    const { email, address } = await newMember();
    for (let attempt = 1; attempt <= 9; attempt += 1) {
      await signInFrom(vaka.app, address, { email, password: wrong });
    }
    expect((await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).status).toBe(200);
    for (let attempt = 1; attempt <= 9; attempt += 1) {
      expect((await signInFrom(vaka.app, address, { email, password: wrong })).status).toBe(401);
    }
    expect((await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).status).toBe(200);
  });

  test('twenty failures from one address, across accounts, block that address but no other', async () => {
    const { email } = await newMember();
    const busy = newAddress();

    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const reply = await signInFrom(vaka.app, busy, { email: `guess${attempt}@mmr.test`, password: wrong });
      expect(reply.status).toBe(401);
    }
    const blocked = await signInFrom(vaka.app, busy, { email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too-many-attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    expect((await signInFrom(vaka.app, newAddress(), { email, password: TEST_PASSWORD })).status).toBe(200);

    vaka.clock.advance(minutes(16));
    expect((await signInFrom(vaka.app, busy, { email, password: TEST_PASSWORD })).status).toBe(200);
  });

  test('the current password asked to change it is limited as sign-in is', async () => {
    const { email, session } = await newMember();
    const newPassword = 'A-much-longer-new-password-8';
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const reply = await session.put('/api/v1/me/password', {
        currentPassword: `${wrong}-${attempt}`,
        newPassword,
      });
      expect(reply.status).toBe(400);
    }
    const locked = await session.put('/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword });
    expect(locked.status).toBe(429);
    expect(await signInFrom(vaka.app, newAddress(), { email, password: TEST_PASSWORD })).toMatchObject({
      status: 200,
    });
  });
});

describe('sessions', () => {
  test('a person sees their sessions, this one marked, and can end the one on a lost phone', async () => {
    const { email, address } = await newMember();
    const phone = (
      await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD }, { 'user-agent': 'Phone' })
    ).session!;
    const laptop = (
      await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD }, { 'user-agent': 'Laptop' })
    ).session!;

    const listed = (await laptop.get('/api/v1/me/sessions')).body.items as {
      id: string;
      userAgent: string;
      current: boolean;
    }[];
    const onLaptop = listed.filter((s) => s.userAgent === 'Laptop');
    const onPhone = listed.filter((s) => s.userAgent === 'Phone');
    expect(onLaptop).toEqual([expect.objectContaining({ current: true, ip: address })]);
    expect(onPhone).toEqual([expect.objectContaining({ current: false })]);

    expect((await laptop.delete(`/api/v1/me/sessions/${onPhone[0]!.id}`)).status).toBe(204);

    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await laptop.get('/api/v1/me')).status).toBe(200);
    const remaining = (await laptop.get('/api/v1/me/sessions')).body.items as { userAgent: string }[];
    expect(remaining.map((s) => s.userAgent)).not.toContain('Phone');
  });

  test("someone else's session cannot be ended", async () => {
    const first = await newMember();
    const second = await newMember();
    const theirs = (await second.session.get('/api/v1/me/sessions')).body.items[0].id;

    const reply = await first.session.delete(`/api/v1/me/sessions/${theirs}`);
    expect(reply.status).toBe(404);
    expect((await second.session.get('/api/v1/me')).status).toBe(200);
  });

  test('changing the password ends every other session and every API token, and keeps this session', async () => {
    const { email, address } = await newMember();
    const here = (await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).session!;
    const elsewhere = (await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).session!;
    const script = client(vaka.app, {
      token: (await elsewhere.post('/api/v1/me/tokens', { name: 'x' })).body.token,
    });
    const newPassword = 'A-much-longer-new-password-7';

    const mistaken = await here.put('/api/v1/me/password', { currentPassword: wrong, newPassword });
    expect(mistaken.status).toBe(400);
    expect(mistaken.body.errors).toContainEqual(expect.objectContaining({ field: 'currentPassword' }));
    expect((await elsewhere.get('/api/v1/me')).status).toBe(200);
    expect((await script.get('/api/v1/me')).status).toBe(200);

    const changed = await here.put('/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword });
    expect(changed.status).toBe(204);
    expect((await here.get('/api/v1/me')).status).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    expect((await script.get('/api/v1/me')).status).toBe(401);
    const again = client(vaka.app, {
      token: (await here.post('/api/v1/me/tokens', { name: 'y' })).body.token,
    });
    expect((await again.get('/api/v1/me')).status).toBe(200);
    expect((await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).status).toBe(401);
    expect((await signInFrom(vaka.app, address, { email, password: newPassword })).status).toBe(200);
  });

  test('a write from another site is refused, and the session goes on working', async () => {
    const { session } = await newMember();

    const fromEvil = await session.post(
      '/api/v1/me/tokens',
      { name: 'stolen' },
      { origin: 'http://evil.example' },
    );
    expect(fromEvil.status).toBe(403);
    expect(fromEvil.body.code).toBe('cross-origin-refused');

    // A browser that sends no Origin still says where the request came from in Sec-Fetch-Site.
    const crossSite = await vaka.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: {
        cookie: session.cookie()!,
        'content-type': 'application/json',
        'sec-fetch-site': 'cross-site',
      },
      payload: JSON.stringify({ name: 'stolen too' }),
    });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().code).toBe('cross-origin-refused');

    expect((await session.get('/api/v1/me/tokens')).body.items).toEqual([]);
    expect((await session.get('/api/v1/me')).status).toBe(200);
    expect((await session.post('/api/v1/me/tokens', { name: 'my own' })).status).toBe(201);
  });

  test('a forged session cookie is no session', async () => {
    const forged = client(vaka.app, { cookie: 'vaka_session=R2FyYmFnZS10aGF0LWxvb2tzLWxpa2UtYS1zZWNyZXQ' });
    const me = await forged.get('/api/v1/me');
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('unauthenticated');
    expect((await forged.post('/api/v1/invitations', { email: 'x@mmr.test', role: 'viewer' })).status).toBe(
      401,
    );
  });

  // Moves the clock a month on, so it runs last.
  test('a session ends after thirty idle days, while one in use lives on', async () => {
    const { email, address } = await newMember();
    const idle = (await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).session!;
    const busy = (await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).session!;

    vaka.clock.advance(days(20));
    const used = await busy.get('/api/v1/me');
    expect(used.status).toBe(200);
    // The extended session's cookie is sent again with a fresh 30-day lifetime, so the browser keeps it.
    expect(String(used.headers['set-cookie'])).toMatch(/vaka_session=.*Max-Age=2592000/);

    vaka.clock.advance(days(11));
    const expired = await idle.get('/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('unauthenticated');
    expect((await busy.get('/api/v1/me')).status).toBe(200);
  });
});
