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
import { countOrganisations, type CountFilters } from './search.ts';

// Counts kept in memory until the register changes (decision 0032): they must never outlive a change.
let vaka: TestVaka;
let admin: Client;
let coordinator: Client;
let rarotonga: string;

beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test'));
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
  test('asked again, the counts come from memory; after a change they follow it', async () => {
    const counts = rememberedCounts();
    const settings = await loadSettings(vaka.platform.db);
    const ask = () =>
      counts.count(vaka.platform.db, { q: 'youth' }, settings, vaka.clock.now(), { facets: true });
    const first = await ask();
    expect(first.total).toBe(2);
    expect(await ask()).toEqual(first);
    expect(counts.tally).toEqual({ given: 1, followed: 0, read: 1 });
    // Other filters, or the same words without facets, are counts of their own.
    await counts.count(vaka.platform.db, { q: 'youth' }, settings, vaka.clock.now(), { facets: false });
    expect(counts.tally).toEqual({ given: 1, followed: 0, read: 2 });

    const added = await coordinator.post('/api/v1/register/organisations', profile('Arorangi Youth Band'));
    expect(added.status).toBe(201);
    const after = await ask();
    expect(after.total).toBe(3);
    expect(counts.tally).toEqual({ given: 1, followed: 1, read: 2 });
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

describe('counts that follow the changes (decision 0033)', () => {
  // Searches whose kept counts follow a change, each with and without facets.
  const searches: CountFilters[] = [
    {},
    { q: 'youth' },
    { q: 'youth', kind: 'community-group' },
    { q: 'weavers' },
    { focusArea: 'youth' },
    { status: 'due' },
    { publicOnly: true },
    { q: 'youth', publicOnly: true },
  ];

  const profileId = async (legalName: string) => {
    const [row] = rowsOf<{ id: string }>(
      await vaka.platform.db.execute(sql`select id from organisations where legal_name = ${legalName}`),
    );
    return row!.id;
  };

  const change = async (id: string, edit: (input: Record<string, unknown>) => Record<string, unknown>) => {
    const view = (await coordinator.get(`/api/v1/register/organisations/${id}`)).body;
    const input = {
      ...profile(view.legalName),
      focusAreas: view.focusAreas ?? [],
      version: view.version,
    };
    const reply = await coordinator.patch(`/api/v1/register/organisations/${id}`, edit(input));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  };

  test('after each kind of change, every kept count equals the counts read afresh', async () => {
    // The test above moved the clock on past the administrator's session.
    admin = await signedIn(vaka.app, 'admin@mia.test', TEST_PASSWORD);
    const counts = rememberedCounts();
    const db = vaka.platform.db;
    const settings = await loadSettings(db);
    const askAll = async () => {
      for (const search of searches)
        for (const facets of [true, false]) {
          const kept = await counts.count(db, search, settings, vaka.clock.now(), { facets });
          const fresh = await countOrganisations(db, search, settings, vaka.clock.now(), { facets });
          expect(kept, JSON.stringify({ search, facets })).toEqual(fresh);
        }
    };
    await askAll();
    const read = counts.tally.read;
    expect(read).toBe(searches.length * 2);

    const changes: [string, () => Promise<unknown>][] = [
      [
        'a new profile',
        () => coordinator.post('/api/v1/register/organisations', profile('Ngatangiia Youth Drummers')),
      ],
      [
        'a new name',
        async () =>
          change(await profileId('Ngatangiia Youth Drummers'), (p) => ({
            ...p,
            legalName: 'Ngatangiia Drummers',
          })),
      ],
      [
        'another focus area',
        async () =>
          change(await profileId('Nikao Women Weavers'), (p) => ({
            ...p,
            focusAreas: ['youth', 'gender-equality'],
            populations: ['women-and-girls'],
          })),
      ],
      [
        'another kind',
        async () => change(await profileId('Nikao Women Weavers'), (p) => ({ ...p, kind: 'faith-based' })),
      ],
      [
        'an overview made private',
        async () =>
          change(await profileId('Titikaveka Youth Rugby'), (p) => ({
            ...p,
            visibility: { overview: 'private' },
          })),
      ],
      [
        'a confirmation long ago (lapsed), in SQL',
        () =>
          db.execute(
            sql`update organisations set last_confirmed_at = now() - interval '3 years' where legal_name = 'Avarua Youth Choir'`,
          ),
      ],
      [
        'a renewal',
        async () =>
          coordinator.post(
            `/api/v1/register/organisations/${await profileId('Avarua Youth Choir')}/renewal`,
            {},
          ),
      ],
      [
        'a merge',
        async () =>
          // Not into Titikaveka Youth Rugby: its overview is private now, and an agency merges only what it sees whole.
          admin.post(`/api/v1/register/organisations/${await profileId('Nikao Women Weavers')}/merge`, {
            duplicateId: await profileId('Ngatangiia Drummers'),
          }),
      ],
      [
        'a profile written and taken out again, in SQL',
        () =>
          db.transaction(async (tx) => {
            await tx.execute(sql`insert into organisations (legal_name, kind, last_confirmed_at, search_text, term_codes)
              values ('Gone Youth Club', 'community-group', now(), 'gone youth club', '{focus-area:youth}')`);
            await tx.execute(sql`insert into organisations (legal_name, kind, last_confirmed_at, search_text, term_codes)
              values ('Kept Youth Club', 'community-group', now(), 'kept youth club', '{focus-area:youth,population:children}')`);
            // Its terms as Vaka keeps them too: the whole register's counts read them there.
            await tx.execute(sql`insert into organisation_terms (organisation_id, taxonomy, code)
              select id, split_part(c, ':', 1), split_part(c, ':', 2)
              from organisations, unnest(term_codes) c where legal_name = 'Kept Youth Club'`);
            await tx.execute(sql`delete from organisations where legal_name = 'Gone Youth Club'`);
          }),
      ],
      [
        'a contact only, which changes no count',
        async () =>
          change(await profileId('Avarua Youth Choir'), (p) => ({ ...p, contacts: [{ name: 'Tina' }] })),
      ],
    ];
    for (const [what, made] of changes) {
      const reply = (await made()) as { status?: number; body?: unknown } | undefined;
      if (reply?.status !== undefined)
        expect(reply.status, `${what}: ${JSON.stringify(reply.body)}`).toBeLessThan(300);
      await askAll();
    }
    // Every search followed every change: none was read afresh.
    expect(counts.tally.read).toBe(read);
    expect(counts.tally.followed).toBe(changes.length * searches.length * 2);
  });

  test('a search no profile holds any more, a place, or changes no longer kept are read afresh', async () => {
    const counts = rememberedCounts();
    const db = vaka.platform.db;
    const settings = await loadSettings(db);
    const ask = (search: CountFilters) =>
      counts.count(db, search, settings, vaka.clock.now(), { facets: true });
    await ask({ q: 'drummers band' });
    await ask({ place: rarotonga });
    await ask({});
    expect(counts.tally).toEqual({ given: 0, followed: 0, read: 3 });
    await coordinator.post('/api/v1/register/organisations', profile('Matavera Drummers Band'));
    // No profile held the words, so similar words were counted: those are read afresh.
    expect((await ask({ q: 'drummers band' })).total).toBe(1);
    expect((await ask({ place: rarotonga })).total).toBe(
      (await countOrganisations(db, { place: rarotonga }, settings, vaka.clock.now(), { facets: true }))
        .total,
    );
    expect(await ask({})).toEqual(
      await countOrganisations(db, {}, settings, vaka.clock.now(), { facets: true }),
    );
    expect(counts.tally).toEqual({ given: 0, followed: 1, read: 5 });

    // The words held by one profile, which a new name takes away: the search turns to similar words.
    const band = await profileId('Matavera Drummers Band');
    await change(band, (p) => ({ ...p, legalName: 'Matavera Drum Group' }));
    expect(await ask({ q: 'drummers band' })).toEqual(
      await countOrganisations(db, { q: 'drummers band' }, settings, vaka.clock.now(), { facets: true }),
    );
    expect(counts.tally.read).toBe(6);

    // Changes forgotten (as every hundredth revision forgets all but the last two hundred).
    await db.execute(sql`update register_revision set changes_kept_after = revision`);
    await change(band, (p) => ({ ...p, legalName: 'Matavera Drummers' }));
    expect(await ask({})).toEqual(
      await countOrganisations(db, {}, settings, vaka.clock.now(), { facets: true }),
    );
    expect(counts.tally.read).toBe(7);
  });

  test('every hundredth revision forgets the changes of all but the last two hundred', async () => {
    const db = vaka.platform.db;
    const batches = async () =>
      rowsOf<{ revision: string }>(
        await db.execute(sql`select revision from register_batches order by revision`),
      ).map((row) => Number(row.revision));
    expect((await batches()).length).toBeGreaterThan(0);
    await db.execute(sql`update register_revision set revision = 399`);
    await db.execute(sql`update organisations set kind = kind, search_text = search_text || ' '
      where legal_name = 'Matavera Drummers'`);
    expect(await revision()).toBe(400);
    // Only the last change's batch is left, and nothing of the others' rows.
    expect(await batches()).toEqual([400]);
    const [left] = rowsOf<{ rows: number; keptAfter: string }>(
      await db.execute(sql`select (select count(*)::int from register_changes) as rows,
        (select changes_kept_after from register_revision) as "keptAfter"`),
    );
    expect({ rows: left!.rows, keptAfter: Number(left!.keptAfter) }).toEqual({ rows: 2, keptAfter: 200 });
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
