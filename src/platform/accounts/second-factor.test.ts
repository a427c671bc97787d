import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { minutes } from '../clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../testing/agencies.ts';
import { client, type Client } from '../testing/api.ts';
import { newAddress, signInFrom } from '../testing/sign-in-from.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

let vaka: TestVaka;
let admin: Client;
let people = 0;

beforeAll(async () => {
  vaka = await startVaka({ demonstration: true });
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Justice', 'admin@moj.test'));
});
afterAll(() => vaka.close());

/** What the authenticator app on the person's phone shows now (by the test clock). */
const codeNow = (secret: string) =>
  generate({ secret, epoch: Math.floor(vaka.clock.now().getTime() / 1000) });

/** The next thirty-second step, so the app shows a code not used before. */
async function nextCode(secret: string) {
  vaka.clock.advance(30_000);
  return codeNow(secret);
}

/** A different six-digit code from the right one. */
const wrongCode = (code: string) => code.replace(/^./, (digit) => String((Number(digit) + 1) % 10));

async function newMember(adminOf: Client = admin, domain = 'moj.test') {
  people += 1;
  const email = `clerk${people}@${domain}`;
  const session = await memberWithRole(vaka, adminOf, email, 'programme-officer');
  return { email, session };
}

/** Scans the QR code and confirms with the first code, as in the profile page. */
async function turnOnSecondFactor(session: Client): Promise<string> {
  const started = await session.post('/api/v1/me/second-factor');
  expect(started.status).toBe(200);
  const { secret } = started.body as { secret: string };
  const confirmed = await session.post('/api/v1/me/second-factor/confirm', { code: await codeNow(secret) });
  expect(confirmed.status).toBe(200);
  return secret;
}

const signIn = (email: string, code?: string) =>
  signInFrom(vaka.app, newAddress(), { email, password: TEST_PASSWORD, ...(code ? { code } : {}) });

describe('a second factor', () => {
  test('set-up shows a secret, an otpauth link and a QR code, and changes nothing until confirmed', async () => {
    const { email, session } = await newMember();

    const started = await session.post('/api/v1/me/second-factor');
    expect(started.status).toBe(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(started.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Vaka:/);
    expect(started.body.otpauthUrl).toContain(`secret=${started.body.secret}`);
    expect(started.body.qrCodeSvg).toMatch(/^<svg/);

    expect((await session.get('/api/v1/me')).body.user.secondFactorEnabled).toBe(false);
    expect((await signIn(email)).status).toBe(200);

    const mistyped = await session.post('/api/v1/me/second-factor/confirm', {
      code: wrongCode(await codeNow(started.body.secret)),
    });
    expect(mistyped.status).toBe(400);
    expect(mistyped.body.errors).toContainEqual(expect.objectContaining({ field: 'code' }));
    expect((await session.get('/api/v1/me')).body.user.secondFactorEnabled).toBe(false);
  });

  test('once confirmed, signing in asks for the code, accepts it once, and refuses it a second time', async () => {
    const { email, session } = await newMember();
    const secret = await turnOnSecondFactor(session);
    expect((await session.get('/api/v1/me')).body.user.secondFactorEnabled).toBe(true);

    const withoutCode = await signIn(email);
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.code).toBe('second-factor-required');
    expect(withoutCode.session).toBeUndefined();

    const code = await nextCode(secret);
    const withCode = await signIn(email, code);
    expect(withCode.status).toBe(200);
    expect(withCode.body.user.secondFactorEnabled).toBe(true);

    const replayed = await signIn(email, code);
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe('invalid-credentials');
    expect(replayed.session).toBeUndefined();

    const wrong = await signIn(email, wrongCode(await nextCode(secret)));
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid-credentials');
  });

  test('the code that confirmed the set-up cannot be used again to sign in', async () => {
    const { email, session } = await newMember();
    const started = await session.post('/api/v1/me/second-factor');
    const code = await codeNow(started.body.secret);
    await session.post('/api/v1/me/second-factor/confirm', { code });

    expect((await signIn(email, code)).status).toBe(401);
  });

  test('turning it off needs a current code; afterwards the password alone is enough again', async () => {
    const { email, session } = await newMember();
    const secret = await turnOnSecondFactor(session);

    const code = await nextCode(secret);
    const refused = await session.delete('/api/v1/me/second-factor', { code: wrongCode(code) });
    expect(refused.status).toBe(400);
    expect((await signIn(email)).body.code).toBe('second-factor-required');

    const turnedOff = await session.delete('/api/v1/me/second-factor', { code });
    expect(turnedOff.status).toBe(200);
    expect(turnedOff.body.user.secondFactorEnabled).toBe(false);
    expect((await signIn(email)).status).toBe(200);
  });

  test('turning it off is limited as codes at sign-in are: ten wrong codes, then a wait', async () => {
    const { session } = await newMember();
    const secret = await turnOnSecondFactor(session);
    const code = await nextCode(secret);

    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect((await session.delete('/api/v1/me/second-factor', { code: wrongCode(code) })).status).toBe(400);
    }
    const locked = await session.delete('/api/v1/me/second-factor', { code });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too-many-attempts');
    expect((await session.get('/api/v1/me')).body.user.secondFactorEnabled).toBe(true);

    vaka.clock.advance(minutes(15));
    const afterwards = await session.delete('/api/v1/me/second-factor', { code: await codeNow(secret) });
    expect(afterwards.status).toBe(200);
  });
});

describe('an agency that requires a second factor', () => {
  test('members without one may only set it up; once they have, they work as before', async () => {
    const health = await agencyWithAdministrator(vaka, 'Ministry of Health', 'admin@moh.test');
    await turnOnSecondFactor(health.admin);
    const { email, session } = await newMember(health.admin, 'moh.test');
    const token = (await session.post('/api/v1/me/tokens', { name: 'reports' })).body.token as string;

    const agency = (await health.admin.get('/api/v1/agency')).body;
    const required = await health.admin.patch('/api/v1/agency', {
      requireSecondFactor: true,
      version: agency.version,
    });
    expect(required.status).toBe(200);
    expect(required.body.requireSecondFactor).toBe(true);

    const me = (await session.get('/api/v1/me')).body;
    expect(me).toMatchObject({ mustSetUpSecondFactor: true, permissions: [] });
    const users = await session.get('/api/v1/users');
    expect(users.status).toBe(403);
    expect(users.body.code).toBe('second-factor-setup-required');
    expect((await session.get('/api/v1/agency')).body.code).toBe('second-factor-setup-required');
    const jobId = (await health.admin.post('/api/v1/demonstration-data')).body.jobId as string;
    expect((await session.get(`/api/v1/jobs/${jobId}`)).body.code).toBe('second-factor-setup-required');
    // Signing in again does not get round it, nor does a token made before the rule.
    expect((await signIn(email)).body.mustSetUpSecondFactor).toBe(true);
    expect((await client(vaka.app, { token }).get('/api/v1/users')).body.code).toBe(
      'second-factor-setup-required',
    );

    await turnOnSecondFactor(session);
    expect((await session.get('/api/v1/me')).body.mustSetUpSecondFactor).toBe(false);
    expect((await session.get('/api/v1/users')).status).toBe(200);
    expect((await session.get(`/api/v1/jobs/${jobId}`)).status).toBe(200);

    // Another agency's members are not affected.
    const { session: elsewhere } = await newMember();
    expect((await elsewhere.get('/api/v1/users')).status).toBe(200);
  });
});

describe("an administrator's reset of a member's second factor", () => {
  const memberId = async (email: string, adminOf: Client = admin) =>
    ((await adminOf.get('/api/v1/users')).body.items as { id: string; email: string }[]).find(
      (m) => m.email === email,
    )!.id;

  test('a member who lost their phone signs in with the password again; it is audited and e-mailed', async () => {
    const { email, session } = await newMember();
    await turnOnSecondFactor(session);
    const id = await memberId(email);

    const reset = await admin.delete(`/api/v1/users/${id}/second-factor`);
    expect(reset.status).toBe(204);

    expect((await signIn(email)).status).toBe(200);
    const listed = (await admin.get('/api/v1/users')).body.items.find((m: { id: string }) => m.id === id);
    expect(listed.secondFactorEnabled).toBe(false);
    const audit = (await admin.get(`/api/v1/audit?action=user.second-factor-reset&entityId=${id}`)).body
      .items;
    expect(audit).toHaveLength(1);
    const mail = await vaka.mail.waitFor(email, /second factor was turned off/);
    expect(mail.text).toContain('Administrator of Ministry of Justice (admin@moj.test)');
    // Nothing left to reset.
    expect((await admin.delete(`/api/v1/users/${id}/second-factor`)).status).toBe(409);
  });

  test('not for their own, not by a token, not by another role, not in another agency', async () => {
    const { email, session } = await newMember();
    await turnOnSecondFactor(session);
    const id = await memberId(email);
    const adminId = (await admin.get('/api/v1/me')).body.user.id as string;
    await turnOnSecondFactor(admin);

    const own = await admin.delete(`/api/v1/users/${adminId}/second-factor`);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('forbidden');
    const token = (await admin.post('/api/v1/me/tokens', { name: 'provisioning' })).body.token as string;
    const byToken = await client(vaka.app, { token }).delete(`/api/v1/users/${id}/second-factor`);
    expect(byToken.status).toBe(403);
    expect(byToken.body.code).toBe('session-required');
    const { session: colleague } = await newMember();
    expect((await colleague.delete(`/api/v1/users/${id}/second-factor`)).status).toBe(403);
    const other = await agencyWithAdministrator(vaka, 'Ministry of Finance', 'admin@mof.test');
    expect((await other.admin.delete(`/api/v1/users/${id}/second-factor`)).status).toBe(404);

    expect((await signIn(email)).body.code).toBe('second-factor-required');
  });
});
