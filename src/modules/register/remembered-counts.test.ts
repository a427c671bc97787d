import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { signedIn, type Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from './index.ts';
import { loadSettings } from './register-status.ts';
import { rememberedCounts } from './remembered-counts.ts';

// Counts kept in memory until the register changes (decision 0032): they must never outlive a change.
let vaka: TestVaka;
let coordinator: Client;
let rarotonga: string;

beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  const taxonomies = (await coordinator.get('/api/v1/register/taxonomies')).body;
  rarotonga = taxonomies.places.find((p: { code: string }) => p.code === 'CK-RAR').id;
  for (const name of ['Avarua Youth Choir', 'Titikaveka Youth Rugby', 'Nikao Women Weavers'])
    expect((await coordinator.post('/api/v1/register/organisations', profile(name))).status).toBe(201);
});
afterAll(() => vaka.close());

const profile = (legalName: string) => ({
  legalName,
  kind: 'community-group',
  focusAreas: ['youth'],
  populations: [],
  placeIds: [rarotonga],
  identifiers: [],
  contacts: [],
});

const revision = async () => {
  const [row] = rowsOf<{ revision: string }>(
    await vaka.platform.db.execute(sql`select coalesce(max(revision), 0) as revision from register_revision`),
  );
  return Number(row!.revision);
};

const youthCounts = async () => {
  const reply = await coordinator.get('/api/v1/register/organisations/counts?q=youth');
  expect(reply.status).toBe(200);
  return reply.body;
};

describe('counts kept between changes', () => {
  test('asked again, the counts come from memory; any change read afresh', async () => {
    const counts = rememberedCounts();
    const settings = await loadSettings(vaka.platform.db);
    const ask = () =>
      counts.count(vaka.platform.db, { q: 'youth' }, settings, vaka.clock.now(), { facets: true });
    const first = await ask();
    expect(first.total).toBe(2);
    expect(await ask()).toEqual(first);
    expect(counts.tally).toEqual({ given: 1, read: 1 });
    // Other filters, or the same words without facets, are counts of their own.
    await counts.count(vaka.platform.db, { q: 'youth' }, settings, vaka.clock.now(), { facets: false });
    expect(counts.tally).toEqual({ given: 1, read: 2 });

    const added = await coordinator.post('/api/v1/register/organisations', profile('Arorangi Youth Band'));
    expect(added.status).toBe(201);
    const after = await ask();
    expect(after.total).toBe(3);
    expect(counts.tally).toEqual({ given: 1, read: 3 });
  });

  test('every transaction that changes the register raises its revision once, as it commits', async () => {
    const before = await revision();
    await vaka.platform.db.transaction(async (tx) => {
      await tx.execute(sql`update organisations set updated_at = updated_at`);
      await tx.execute(sql`update organisation_places set place_id = place_id`);
    });
    expect(await revision()).toBe(before + 1);
    // A transaction that rolls back leaves it as it was.
    await expect(
      vaka.platform.db.transaction(async (tx) => {
        await tx.execute(sql`update organisations set updated_at = updated_at`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await revision()).toBe(before + 1);
    // Reading does not raise it.
    await youthCounts();
    expect(await revision()).toBe(before + 1);
  });

  test('a change written around Vaka (another process, psql) shows in the next counts', async () => {
    const before = await youthCounts();
    await vaka.platform.db.execute(
      sql`update organisations set kind = 'faith-based-organisation' where legal_name = 'Avarua Youth Choir'`,
    );
    const after = await youthCounts();
    expect(after.total).toBe(before.total);
    const kinds = Object.fromEntries(
      after.facets.kind.map((row: { code: string; count: number }) => [row.code, row.count]),
    );
    expect(kinds['faith-based-organisation']).toBe(1);
  });

  test('a profile whose confirmation runs due as the clock moves is counted due, without any write', async () => {
    const current = await youthCounts();
    expect(current.facets.status).toEqual([{ code: 'current', count: current.total }]);
    // A day on, nobody crosses a boundary: the same counts.
    vaka.clock.advance(days(1));
    coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
    expect((await youthCounts()).facets.status).toEqual(current.facets.status);
    // Renewal is due 60 days before the year ends (000 Focus area 1): ten and a half months on.
    vaka.clock.advance(days(320));
    coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
    expect((await youthCounts()).facets.status).toEqual([{ code: 'due', count: current.total }]);
  });
});

describe('two Vaka processes on one PostgreSQL server', () => {
  // Only a server is shared by two processes; the embedded database belongs to one.
  test('a change another process has not committed is not counted, and is once it commits', async () => {
    const databaseUrl = vaka.platform.config.databaseUrl;
    if (!databaseUrl) return;
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      const before = await youthCounts();
      await other.query('begin');
      await other.query(
        `update organisations set legal_name = legal_name || ' (youth)', search_text = search_text || ' youth'
          where legal_name = 'Nikao Women Weavers'`,
      );
      expect((await youthCounts()).total).toBe(before.total);
      await other.query('commit');
      expect((await youthCounts()).total).toBe(before.total + 1);
    } finally {
      await other.end();
    }
  });
});
