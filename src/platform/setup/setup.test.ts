import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memberships, users } from '../accounts/tables.ts';
import { hashPassword } from '../accounts/secrets.ts';
import { auditEvents } from '../audit/tables.ts';
import { jobProgress } from '../jobs/tables.ts';
import { client, type Client } from '../testing/api.ts';
import { newAddress, signInFrom } from '../testing/sign-in-from.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';
import { DEMONSTRATION_PASSWORD } from './demonstration.ts';
import { prepareFirstRun } from './first-run.ts';
import { DEMONSTRATION_JOB } from './routes.ts';

// One Vaka, from an empty database through setup to demonstration data, in the order a person meets it.
let vaka: TestVaka;
let demonstrationJobId: string;
const moduleStepRanFor: string[] = [];
let firstLink: string;
let spareLink: string;
let administrator: Client;

const ADMIN = { email: 'chief@culture.test', password: 'Tivaevae-Quilt-Stitches-1' };

beforeAll(async () => {
  vaka = await startVaka({
    // A module's own demonstration step, as the register module would add.
    demonstrationSteps: [
      { name: 'partners', load: async (_platform, agencyId) => void moduleStepRanFor.push(agencyId) },
    ],
  });
});
afterAll(() => vaka.close());

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

type Job = { state: string; done: number; total: number; message: string | null; result: unknown };

/** Follows a job's progress as the web app does, until it finishes (or 30 s pass). */
async function finished(session: Client, jobId: string): Promise<Job> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const reply = await session.get(`/api/v1/jobs/${jobId}`);
    expect(reply.status).toBe(200);
    const job = reply.body as Job;
    if (job.state === 'completed' || job.state === 'failed' || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const setUp = (token: string, overrides: Record<string, unknown> = {}) =>
  client(vaka.app).post('/api/v1/setup', {
    token,
    agencyName: 'Ministry of Cultural Development',
    name: 'Chief Executive',
    ...ADMIN,
    demonstration: true,
    ...overrides,
  });

describe('the first run', () => {
  test('on an empty database Vaka makes a one-time setup link and says it needs setting up', async () => {
    const prepared = await prepareFirstRun(vaka.platform);
    expect(prepared.kind).toBe('setup-link');
    firstLink = prepared.kind === 'setup-link' ? prepared.url : '';
    expect(firstLink).toMatch(/\/setup\?token=[\w-]+$/);
    const again = await prepareFirstRun(vaka.platform);
    spareLink = again.kind === 'setup-link' ? again.url : '';

    expect((await client(vaka.app).get('/api/v1/setup')).body).toEqual({ needed: true });
  });

  test('a made-up setup token is refused and nothing is created', async () => {
    const forged = await setUp('forged-setup-token-that-nobody-was-given');
    expect(forged.status).toBe(404);
    expect(forged.body.code).toBe('invalid-link');
    expect((await client(vaka.app).get('/api/v1/setup')).body).toEqual({ needed: true });
  });

  test('whoever opens the link creates the agency and its administrator, the deployment administrator, and is signed in', async () => {
    administrator = client(vaka.app);
    const created = await administrator.post('/api/v1/setup', {
      token: tokenOf(firstLink),
      agencyName: 'Ministry of Cultural Development',
      name: 'Chief Executive',
      ...ADMIN,
      demonstration: true,
    });
    expect(created.status).toBe(201);
    demonstrationJobId = created.body.demonstrationJobId;
    expect(demonstrationJobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body).toMatchObject({
      user: { email: ADMIN.email, name: 'Chief Executive' },
      agency: { name: 'Ministry of Cultural Development' },
      role: 'administrator',
    });
    expect(administrator.cookie()).toBeDefined();
    const me = (await administrator.get('/api/v1/me')).body;
    expect(me).toMatchObject({
      role: 'administrator',
      user: { deploymentAdministrator: true },
      deployment: { demonstration: true },
    });
    expect(me.permissions).toEqual(
      expect.arrayContaining(['deployment:settings', 'demonstration-data:load']),
    );
    expect((await client(vaka.app).get('/api/v1/setup')).body).toEqual({ needed: false });
    const units = (await administrator.get('/api/v1/agency')).body.units as { kind: string }[];
    expect(units.map((unit) => unit.kind).sort()).toEqual(['finance', 'programme', 'strategy']);
  });

  test('the demonstration data asked for at setup loads as a job, and its staff can sign in', async () => {
    const me = (await administrator.get('/api/v1/me')).body;
    // POST /setup answered with the job's id; it is the agency's only tracked job.
    const [tracked] = await vaka.platform.db
      .select({ id: jobProgress.id })
      .from(jobProgress)
      .where(eq(jobProgress.agencyId, me.agency.id));
    expect(tracked!.id).toBe(demonstrationJobId);

    const job = await finished(administrator, demonstrationJobId);
    expect(job).toMatchObject({
      state: 'completed',
      done: 2,
      total: 2,
      result: { steps: ['staff', 'partners'] },
    });
    expect(moduleStepRanFor).toEqual([me.agency.id]);

    const coordinator = await signInFrom(vaka.app, newAddress(), {
      email: 'coordinator@demo.vaka.test',
      password: DEMONSTRATION_PASSWORD,
    });
    expect(coordinator.status).toBe(200);
    expect(coordinator.body).toMatchObject({
      agency: { id: me.agency.id },
      role: 'partnership-coordinator',
    });
    const staff = (await administrator.get('/api/v1/users')).body.items as { role: string }[];
    expect(staff.map((member) => member.role).sort()).toEqual([
      'administrator',
      'committee-member',
      'finance-officer',
      'partnership-coordinator',
      'programme-officer',
      'viewer',
    ]);
  });

  test('a second setup is refused, even with an unused link, and changes nothing', async () => {
    expect(await prepareFirstRun(vaka.platform)).toEqual({ kind: 'ready' });

    for (const link of [firstLink, spareLink]) {
      const refused = await setUp(tokenOf(link), {
        agencyName: 'Shadow Ministry',
        email: 'usurper@shadow.test',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('conflict');
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
    expect(
      (await signInFrom(vaka.app, newAddress(), { ...ADMIN, email: 'usurper@shadow.test' })).status,
    ).toBe(401);
    const me = (await signInFrom(vaka.app, newAddress(), ADMIN)).body;
    expect(me.agencies).toEqual([expect.objectContaining({ name: 'Ministry of Cultural Development' })]);
  });
});

describe('demonstration data on demand', () => {
  test('an administrator loads it again as a job whose progress reaches the end; nobody is added twice', async () => {
    const before = (await administrator.get('/api/v1/users')).body.items.length;

    const started = await administrator.post('/api/v1/demonstration-data');
    expect(started.status).toBe(202);
    const job = await finished(administrator, started.body.jobId);
    expect(job.state).toBe('completed');
    expect(job.total).toBeGreaterThan(0);
    expect(job.done).toBe(job.total);

    expect((await administrator.get('/api/v1/users')).body.items).toHaveLength(before);
    const loaded = (await administrator.get('/api/v1/audit?action=demonstration-data.loaded')).body.items;
    expect(loaded).toHaveLength(2);
  });

  test('a viewer may not load it', async () => {
    const viewer = (
      await signInFrom(vaka.app, newAddress(), {
        email: 'viewer@demo.vaka.test',
        password: DEMONSTRATION_PASSWORD,
      })
    ).session!;
    const refused = await viewer.post('/api/v1/demonstration-data');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
  });
});

describe('a real deployment', () => {
  let real: TestVaka;
  let chief: Client;
  const stepRanFor: string[] = [];

  beforeAll(async () => {
    real = await startVaka({
      demonstrationSteps: [
        { name: 'partners', load: async (_p, agencyId) => void stepRanFor.push(agencyId) },
      ],
    });
  });
  afterAll(() => real.close());

  const everyone = async () => (await real.platform.db.select({ email: users.email }).from(users)).length;

  test('set up without demonstration data, it says so, and its administrator is not offered the load', async () => {
    const prepared = await prepareFirstRun(real.platform);
    chief = client(real.app);
    // Not asking for a demonstration is a real deployment: the safe default.
    const created = await chief.post('/api/v1/setup', {
      token: tokenOf(prepared.kind === 'setup-link' ? prepared.url : ''),
      agencyName: 'Ministry of Marine Resources',
      name: 'Secretary',
      ...ADMIN,
    });
    expect(created.status).toBe(201);
    expect(created.body.demonstrationJobId).toBeNull();
    const me = (await chief.get('/api/v1/me')).body;
    expect(me).toMatchObject({
      deployment: { demonstration: false },
      user: { deploymentAdministrator: true },
    });
    expect(me.permissions).toContain('deployment:settings');
    expect(me.permissions).not.toContain('demonstration-data:load');
  });

  test('it refuses demonstration data with 403 and adds nobody, nor a job', async () => {
    const before = await everyone();
    const refused = await chief.post('/api/v1/demonstration-data');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'demonstration-only',
      title: 'Only a demonstration Vaka does this',
    });
    expect(refused.body.detail).toContain('published password');

    expect(await everyone()).toBe(before);
    expect(await real.platform.db.select().from(jobProgress)).toEqual([]);
    expect(stepRanFor).toEqual([]);
    const demonstrationSignIn = await signInFrom(real.app, newAddress(), {
      email: 'coordinator@demo.vaka.test',
      password: DEMONSTRATION_PASSWORD,
    });
    expect(demonstrationSignIn.status).toBe(401);
  });

  test('a loading job that reaches it anyway (queued before an upgrade) fails and adds nobody', async () => {
    const me = (await chief.get('/api/v1/me')).body;
    const before = await everyone();
    const jobId = await real.platform.jobs.send(
      DEMONSTRATION_JOB,
      { agencyId: me.agency.id, userId: me.user.id },
      { tracked: { agencyId: me.agency.id, userId: me.user.id } },
    );
    expect((await finished(chief, jobId)).state).toBe('failed');
    expect(await everyone()).toBe(before);
    expect(stepRanFor).toEqual([]);
  });

  test('demonstration accounts it took before refusing them lose the published password at start-up', async () => {
    // As any administrator could load them before issue 18: straight into the tables.
    const me = (await chief.get('/api/v1/me')).body;
    const now = real.clock.now();
    const [account] = await real.platform.db
      .insert(users)
      .values({
        email: 'coordinator@demo.vaka.test',
        name: 'Mere Tangaroa',
        passwordHash: await hashPassword(DEMONSTRATION_PASSWORD),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await real.platform.db.insert(memberships).values({
      agencyId: me.agency.id,
      userId: account!.id,
      role: 'partnership-coordinator',
      createdAt: now,
    });
    const published = { email: 'coordinator@demo.vaka.test', password: DEMONSTRATION_PASSWORD };
    const before = await signInFrom(real.app, newAddress(), published);
    expect(before.status).toBe(200);

    expect(await prepareFirstRun(real.platform)).toEqual({ kind: 'ready' }); // the next start-up
    expect((await signInFrom(real.app, newAddress(), published)).status).toBe(401);
    expect((await before.session!.get('/api/v1/me')).status).toBe(401);
    const removed = await real.platform.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'user.demonstration-password-removed'));
    expect(removed).toEqual([{ after: { email: 'coordinator@demo.vaka.test', sessionsEnded: 1 } }]);
    expect((await chief.get('/api/v1/me')).status).toBe(200);
  });
});

describe('an unattended first run', () => {
  test('with ADMIN_EMAIL and ADMIN_PASSWORD set, Vaka sets itself up and the administrator can sign in', async () => {
    const unattended = await startVaka({
      env: {
        ADMIN_EMAIL: 'Director@Heritage.test',
        ADMIN_PASSWORD: 'Unattended-Start-Up-2026',
        AGENCY_NAME: 'Ministry of Heritage',
      },
    });
    try {
      expect(await prepareFirstRun(unattended.platform)).toEqual({
        kind: 'bootstrapped',
        email: 'Director@Heritage.test',
      });
      expect((await client(unattended.app).get('/api/v1/setup')).body).toEqual({ needed: false });

      const signedIn = await signInFrom(unattended.app, newAddress(), {
        email: 'director@heritage.test',
        password: 'Unattended-Start-Up-2026',
      });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toMatchObject({
        agency: { name: 'Ministry of Heritage' },
        role: 'administrator',
        // ADMIN_EMAIL's administrator runs the deployment; without `npm run demo` it is a real one.
        user: { deploymentAdministrator: true },
        deployment: { demonstration: false },
      });

      // Started again (a restart), it finds the agency and does nothing.
      expect(await prepareFirstRun(unattended.platform)).toEqual({ kind: 'ready' });
      const agencies = (await signedIn.session!.get('/api/v1/me')).body.agencies;
      expect(agencies).toHaveLength(1);
    } finally {
      await unattended.close();
    }
  });
});
