import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { minutes } from '../clock.ts';
import { rowsOf } from '../db/client.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../testing/agencies.ts';
import { client, type Client } from '../testing/api.ts';
import { linkToken, mailCausedBy } from '../testing/mail-links.ts';
import { newAddress, signInFrom } from '../testing/sign-in-from.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

let vaka: TestVaka;
let admin: Client;
let people = 0;

beforeAll(async () => {
  vaka = await startVaka();
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Education', 'admin@moe.test'));
});
afterAll(() => vaka.close());

const NEW_PASSWORD = 'Ocean-Voyager-Stars-2027';

async function newMember() {
  people += 1;
  const email = `teacher${people}@moe.test`;
  const session = await memberWithRole(vaka, admin, email, 'programme-officer');
  return { email, session };
}

/** Someone who forgot their password asks for a link, as from the sign-in page, and opens the e-mail. */
async function askForReset(email: string) {
  const anonymous = client(vaka.app);
  const { result, mail } = await mailCausedBy(vaka.mail, email, /Reset your Vaka password/, () =>
    anonymous.post('/api/v1/password-reset', { email }),
  );
  expect(result.status).toBe(202);
  return { mail, token: linkToken(mail) };
}

// The statements a request sends, whichever driver sends them; pg-boss's own polling left out.
let statements: string[] | undefined;
for (const prototype of [pg.Client.prototype, PGlite.prototype] as { query: unknown }[]) {
  const original = prototype.query as (...args: unknown[]) => unknown;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const query = args[0] as string | { text?: string } | undefined;
    const text = String(typeof query === 'string' ? query : query?.text).replace(/\s+/g, ' ');
    if (!/pgboss/i.test(text) || /^\s*insert/i.test(text)) statements?.push(text);
    return original.apply(this, args);
  };
}

async function statementsOf(action: () => Promise<unknown>) {
  statements = [];
  try {
    await action();
    return statements;
  } finally {
    statements = undefined;
  }
}

/** Until every queued reset has been handled, so a job's work is not taken for a request's. */
async function resetsHandled() {
  for (let waited = 0; waited < 15_000; waited += 100) {
    const [queued] = rowsOf<{ waiting: number }>(
      await vaka.platform.db.execute(
        sql`select count(*)::int as waiting from pgboss.job where name = 'accounts.password-reset' and state in ('created', 'retry', 'active')`,
      ),
    );
    if (queued?.waiting === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('password-reset jobs still waiting');
}

const canSignIn = async (email: string, password: string) =>
  (await signInFrom(vaka.app, newAddress(), { email, password })).status === 200;

describe('resetting a forgotten password', () => {
  test('the e-mailed link sets a new password: the old one stops working and the new one works', async () => {
    const { email } = await newMember();

    const { mail, token } = await askForReset(email);
    expect(mail.text).toContain('/reset-password?token=');

    const completed = await client(vaka.app).post('/api/v1/password-reset/complete', {
      token,
      password: NEW_PASSWORD,
    });
    expect(completed.status).toBe(204);
    expect(await canSignIn(email, TEST_PASSWORD)).toBe(false);
    expect(await canSignIn(email, NEW_PASSWORD)).toBe(true);
  });

  test('a new password ends every session and API token of the account, and signing in with it works', async () => {
    const { email, session } = await newMember();
    const made = await session.post('/api/v1/me/tokens', { name: 'monthly figures' });
    const bearer = client(vaka.app, { token: made.body.token });
    expect((await bearer.get('/api/v1/me')).status).toBe(200);
    const { token } = await askForReset(email);

    const completed = await client(vaka.app).post('/api/v1/password-reset/complete', {
      token,
      password: NEW_PASSWORD,
    });
    expect(completed.status).toBe(204);

    expect((await session.get('/api/v1/me')).status).toBe(401);
    const refused = await bearer.get('/api/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('unauthenticated');
    const fresh = await signInFrom(vaka.app, newAddress(), { email, password: NEW_PASSWORD });
    expect(fresh.status).toBe(200);
    expect((await fresh.session!.get('/api/v1/me')).status).toBe(200);
    const listed = (await fresh.session!.get('/api/v1/me/tokens')).body.items;
    expect(listed).toEqual([]);

    // Recorded by the request that reset it, in its transaction: the reset and the token revoked.
    const trail = (await admin.get('/api/v1/audit?limit=200')).body.items as {
      action: string;
      entityId: string;
      after: Record<string, unknown>;
      requestId: string;
    }[];
    const recorded = trail.filter((event) => event.requestId === completed.headers['x-request-id']);
    expect(recorded.map((event) => event.action).sort()).toEqual([
      'api-token.revoked',
      'user.password-reset',
    ]);
    expect(recorded.find((event) => event.action === 'api-token.revoked')).toMatchObject({
      entityId: made.body.id,
      after: { name: 'monthly figures', because: 'user.password-reset' },
    });
    expect(recorded.find((event) => event.action === 'user.password-reset')?.after).toEqual({
      sessionsEnded: 1,
    });
  });

  test('a link works once: replaying it is refused and changes nothing', async () => {
    const { email } = await newMember();
    const { token } = await askForReset(email);
    await client(vaka.app).post('/api/v1/password-reset/complete', { token, password: NEW_PASSWORD });

    const replay = await client(vaka.app).post('/api/v1/password-reset/complete', {
      token,
      password: 'Someone-Else-Chose-This-1',
    });
    expect(replay.status).toBe(404);
    expect(replay.body.code).toBe('invalid-link');
    expect(await canSignIn(email, 'Someone-Else-Chose-This-1')).toBe(false);
    expect(await canSignIn(email, NEW_PASSWORD)).toBe(true);
  });

  test('asking again ends the older link: only the newest one sets the password', async () => {
    const { email } = await newMember();
    const older = await askForReset(email);
    const newer = await askForReset(email);

    const stale = await client(vaka.app).post('/api/v1/password-reset/complete', {
      token: older.token,
      password: 'Someone-Else-Chose-This-1',
    });
    expect(stale.status).toBe(404);
    expect(stale.body.code).toBe('invalid-link');
    expect(await canSignIn(email, TEST_PASSWORD)).toBe(true);
    const fresh = await client(vaka.app).post('/api/v1/password-reset/complete', {
      token: newer.token,
      password: NEW_PASSWORD,
    });
    expect(fresh.status).toBe(204);
  });

  test('changing the password ends a reset link asked for before, which would otherwise undo it', async () => {
    const { email, session } = await newMember();
    const { token } = await askForReset(email);

    const changed = await session.put('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);

    const stale = await client(vaka.app).post('/api/v1/password-reset/complete', {
      token,
      password: 'Someone-Else-Chose-This-1',
    });
    expect(stale.status).toBe(404);
    expect(stale.body.code).toBe('invalid-link');
    expect(await canSignIn(email, NEW_PASSWORD)).toBe(true);
  });

  test('a link older than an hour is refused, and the password stays as it was', async () => {
    const { email } = await newMember();
    const { token } = await askForReset(email);

    vaka.clock.advance(minutes(61));
    const late = await client(vaka.app).post('/api/v1/password-reset/complete', {
      token,
      password: NEW_PASSWORD,
    });
    expect(late.status).toBe(404);
    expect(late.body.code).toBe('invalid-link');
    expect(await canSignIn(email, TEST_PASSWORD)).toBe(true);
    expect(await canSignIn(email, NEW_PASSWORD)).toBe(false);
  });

  test('a new password also lifts a lockout', async () => {
    const { email } = await newMember();
    const address = newAddress();
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await signInFrom(vaka.app, address, { email, password: 'Guessing-wrongly-again' });
    }
    expect((await signInFrom(vaka.app, address, { email, password: TEST_PASSWORD })).status).toBe(429);

    const { token } = await askForReset(email);
    await client(vaka.app).post('/api/v1/password-reset/complete', { token, password: NEW_PASSWORD });

    expect((await signInFrom(vaka.app, address, { email, password: NEW_PASSWORD })).status).toBe(200);
  });

  test('an unknown e-mail gets the same answer as a known one, and no e-mail is sent', async () => {
    const anonymous = client(vaka.app);
    const unknown = await anonymous.post('/api/v1/password-reset', { email: 'stranger@moe.test' });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toBeUndefined();

    // A reset for a real person, asked after, goes through the same queue; once it has arrived,
    // anything sent for the stranger would have arrived too.
    const { email } = await newMember();
    await askForReset(email);
    expect(vaka.mail.received.filter((m) => m.to.includes('stranger@moe.test'))).toEqual([]);
  });

  test('a known and an unknown e-mail cost the request the same work, so its time tells nothing', async () => {
    const { email } = await newMember();
    await resetsHandled();

    const forUnknown = await statementsOf(() =>
      client(vaka.app).post('/api/v1/password-reset', { email: 'stranger-2@moe.test' }),
    );
    await resetsHandled();
    const forKnown = await statementsOf(() => client(vaka.app).post('/api/v1/password-reset', { email }));

    expect(forKnown.length).toBeGreaterThan(0);
    expect(forKnown).toEqual(forUnknown);
    // The link still comes, made after the answer.
    await vaka.mail.waitFor(email, /Reset your Vaka password/);
  });

  test('a password shorter than twelve characters is refused by name', async () => {
    const { email } = await newMember();
    const { token } = await askForReset(email);

    const weak = await client(vaka.app).post('/api/v1/password-reset/complete', {
      token,
      password: 'short1',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toContainEqual(expect.objectContaining({ field: 'password' }));

    // The refused attempt did not spend the link.
    const retried = await client(vaka.app).post('/api/v1/password-reset/complete', {
      token,
      password: NEW_PASSWORD,
    });
    expect(retried.status).toBe(204);
  });
});
