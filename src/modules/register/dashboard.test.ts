import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { signedIn, type Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { RegisterCountQuery } from './contracts.ts';
import { rememberedDashboard, renewalDashboard } from './dashboard.ts';
import { fillRegisterMemories } from './first-look.ts';
import { registerModule } from './index.ts';
import { loadSettings } from './register-status.ts';
import { rememberedCounts } from './remembered-counts.ts';

// The renewal dashboard kept in memory follows the register's changes (decision 0035): after every
// kind of change it must equal the dashboard read afresh.
let vaka: TestVaka;
let admin: Client;
let coordinator: Client;
let place: (code: string) => string;

beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test'));
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  const places: { id: string; code: string }[] = (await coordinator.get('/api/v1/register/taxonomies')).body
    .places;
  place = (code) => places.find((p) => p.code === code)!.id;
  for (const [name, codes] of [
    ['Avarua Youth Choir', ['CK-RAR-TAOT-AVARU']],
    ['Aitutaki Fishers', ['CK-AIT']],
    ['Two Villages Trust', ['CK-RAR-TAOT-AVARU', 'CK-RAR-TAOT-NIKAO']],
  ] as const) {
    const reply = await coordinator.post('/api/v1/register/organisations', profile(name, [...codes]));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
});
afterAll(() => vaka.close());

const profile = (legalName: string, codes: string[]) => ({
  legalName,
  kind: 'community-group',
  focusAreas: [],
  populations: [],
  placeIds: codes.map((code) => place(code)),
  identifiers: [],
  contacts: [],
});

const profileId = async (legalName: string) => {
  const [row] = rowsOf<{ id: string }>(
    await vaka.platform.db.execute(sql`select id from organisations where legal_name = ${legalName}`),
  );
  return row!.id;
};

// Relative to Vaka's clock, which the tests move.
const confirmedLongAgo = (legalName: string, interval: string) =>
  vaka.platform.db.execute(
    sql`update organisations set last_confirmed_at = ${vaka.clock.now().toISOString()}::timestamptz - ${interval}::interval
      where legal_name = ${legalName}`,
  );

test('after each kind of change, the kept dashboard equals the dashboard read afresh', async () => {
  const db = vaka.platform.db;
  const kept = rememberedDashboard();
  const settings = await loadSettings(db);
  const compare = async () => {
    const shown = await kept.show(db, settings, vaka.clock.now());
    expect(shown).toEqual(await renewalDashboard(db, settings, vaka.clock.now()));
    return shown;
  };
  // Due is 60 days before a year's end, lapsed 90 days after it (the default settings).
  await confirmedLongAgo('Avarua Youth Choir', '11 months');
  await confirmedLongAgo('Two Villages Trust', '2 years');
  const first = await compare();
  expect(first.counts).toEqual({ current: 1, due: 1, lapsed: 1 });
  // The trust has two villages of Rarotonga: counted there once.
  expect(first.byPlace).toEqual([{ place: 'Rarotonga', due: 1, lapsed: 1 }]);
  await compare();
  expect(kept.tally).toEqual({ given: 1, followed: 0, read: 1 });

  const edit = async (legalName: string, change: Record<string, unknown>) => {
    const id = await profileId(legalName);
    const view = (await coordinator.get(`/api/v1/register/organisations/${id}`)).body;
    const input = {
      ...profile(view.legalName, []),
      placeIds: view.places.map((p: { id: string }) => p.id),
      version: view.version,
    };
    const reply = await coordinator.patch(`/api/v1/register/organisations/${id}`, { ...input, ...change });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  };
  const changes: [string, () => Promise<unknown>][] = [
    ['a lapsed profile moves to Aitutaki', () => edit('Two Villages Trust', { placeIds: [place('CK-AIT')] })],
    ['a due profile changes kind', () => edit('Avarua Youth Choir', { kind: 'faith-based' })],
    ['a current profile lapses, in SQL', () => confirmedLongAgo('Aitutaki Fishers', '3 years')],
    [
      'a lapsed profile is renewed',
      async () =>
        coordinator.post(`/api/v1/register/organisations/${await profileId('Aitutaki Fishers')}/renewal`, {}),
    ],
    [
      'a new profile, long since lapsed, in SQL',
      () =>
        db.transaction(async (tx) => {
          await tx.execute(sql`insert into organisations (legal_name, kind, last_confirmed_at, place_ids)
            values ('Mangaia Growers', 'cooperative', ${vaka.clock.now().toISOString()}::timestamptz - interval '2 years', array[${place('CK-MGA')}]::uuid[])`);
          await tx.execute(sql`insert into organisation_places (organisation_id, place_id)
            select id, ${place('CK-MGA')} from organisations where legal_name = 'Mangaia Growers'`);
        }),
    ],
    [
      'a merge',
      async () =>
        admin.post(`/api/v1/register/organisations/${await profileId('Two Villages Trust')}/merge`, {
          duplicateId: await profileId('Mangaia Growers'),
        }),
    ],
    [
      'a contact only, which changes no count',
      () => edit('Avarua Youth Choir', { contacts: [{ name: 'Tina' }] }),
    ],
  ];
  for (const [what, made] of changes) {
    const reply = (await made()) as { status?: number; body?: unknown } | undefined;
    if (reply?.status !== undefined)
      expect(reply.status, `${what}: ${JSON.stringify(reply.body)}`).toBeLessThan(300);
    await compare();
  }
  expect(kept.tally).toEqual({ given: 1, followed: changes.length, read: 1 });
  // The merged Mangaia profile's place went to the survivor, on Aitutaki too by now.
  expect((await compare()).byPlace.map((row) => row.place).sort()).toEqual([
    'Aitutaki',
    'Mangaia',
    'Rarotonga',
  ]);
});

test('when the clock moves a profile past a boundary, or the changes were forgotten, it is read afresh', async () => {
  const db = vaka.platform.db;
  const kept = rememberedDashboard();
  const settings = await loadSettings(db);
  const show = () => kept.show(db, settings, vaka.clock.now());
  const before = await show();
  // Ten months on, the profile renewed in the test above is due and the due one lapsed: nothing
  // changed in the database.
  vaka.clock.advance(days(320));
  const later = await show();
  expect(later).toEqual(await renewalDashboard(db, settings, vaka.clock.now()));
  expect(later.counts).not.toEqual(before.counts);
  expect(kept.tally).toEqual({ given: 0, followed: 0, read: 2 });

  // A change, and then the changes forgotten (as every hundredth revision forgets all but the last
  // two hundred).
  await confirmedLongAgo('Avarua Youth Choir', '5 years');
  await db.execute(sql`update register_revision set changes_kept_after = revision`);
  expect(await show()).toEqual(await renewalDashboard(db, settings, vaka.clock.now()));
  expect(kept.tally).toEqual({ given: 0, followed: 0, read: 3 });
});

test('the dashboard through the API, and its figures as the register changes', async () => {
  // The clock moved past the coordinator's session.
  coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
  const dashboard = async () => {
    const reply = await coordinator.get('/api/v1/register/renewals');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };
  const before = await dashboard();
  const added = await coordinator.post('/api/v1/register/organisations', profile('Atiu Weavers', ['CK-ATI']));
  expect(added.status).toBe(201);
  await confirmedLongAgo('Atiu Weavers', '4 years');
  const after = await dashboard();
  expect(after.counts.lapsed).toBe(before.counts.lapsed + 1);
  expect(after.byPlace).toContainEqual({ place: 'Atiu', due: 0, lapsed: 1 });
});

test('read ahead once Vaka listens: the first look at the list and the dashboard reads nothing afresh', async () => {
  const db = vaka.platform.db;
  const settings = await loadSettings(db);
  const memories = { counts: rememberedCounts(), dashboard: rememberedDashboard() };
  await fillRegisterMemories(db, memories, settings, vaka.clock.now());
  expect([memories.counts.tally.read, memories.dashboard.tally.read]).toEqual([1, 1]);

  // The empty list's counts under the key a request's parsed query makes, and the dashboard.
  await memories.counts.count(db, RegisterCountQuery.parse({}), settings, vaka.clock.now(), { facets: true });
  await memories.dashboard.show(db, settings, vaka.clock.now());
  expect(memories.counts.tally).toEqual({ given: 1, followed: 0, read: 1 });
  expect(memories.dashboard.tally).toEqual({ given: 1, followed: 0, read: 1 });
});

test('once Vaka listens it reads them ahead, and the first request is given what it read', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const listening = await startVaka({ modules: registerModule, logger });
  try {
    const { admin: other } = await agencyWithAdministrator(listening, 'Ministry of Health', 'admin@moh.test');
    const created = await other.post('/api/v1/register/organisations', profile('Mauke Weavers', []));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await listening.app.listen({ port: 0, host: '127.0.0.1' });
    await expect
      .poll(() => lines.some((line) => line.includes('register counts and dashboard read in')))
      .toBe(true);
    // A row written with the triggers off moves no revision, so only a read afresh can see it: the
    // first request answering 1 shows it was given what Vaka read when it began listening.
    await listening.platform.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`insert into organisations (legal_name, kind, last_confirmed_at)
        values ('Unseen Trust', 'trust', now())`);
    });
    const counts = await other.get('/api/v1/register/organisations/counts');
    expect(counts.body.total).toBe(1);
    const settings = await loadSettings(listening.platform.db);
    expect(
      (await renewalDashboard(listening.platform.db, settings, listening.clock.now())).counts.current,
    ).toBe(2);
    expect((await other.get('/api/v1/register/renewals')).body.counts.current).toBe(1);
  } finally {
    await listening.close();
  }
});
