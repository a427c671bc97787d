import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import {
  agencyWithAdministrator,
  firstAgencyWithAdministrator,
  memberWithRole,
  TEST_PASSWORD,
} from '../../platform/testing/agencies.ts';
import { client, signedIn, type Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from './index.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let places: Record<string, string>;

beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  // The agency set up first: its administrator is the deployment administrator too.
  const { admin } = await firstAgencyWithAdministrator(
    vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  viewer = await memberWithRole(vaka, admin, 'ana@mia.test', 'viewer');
  const taxonomies = (await coordinator.get('/api/v1/register/taxonomies')).body;
  places = Object.fromEntries(taxonomies.places.map((p: { code: string; id: string }) => [p.code, p.id]));
});
afterAll(() => vaka.close());

const youthCouncil = () => ({
  legalName: 'Aitutaki Youth Council',
  otherNames: [{ name: 'Te Uki ʻŌu o Aitutaki', language: 'rar' }],
  acronym: 'AYC',
  kind: 'community-group',
  focusAreas: ['youth', 'sport-and-recreation'],
  populations: ['youth'],
  placeIds: [places['CK-AIT']],
  identifiers: [{ scheme: 'CK-COA', value: 'IS-1042' }],
  contacts: [
    { name: 'Teina Marsters', email: 'teina@ayc.test', phone: '+682 31 042', consentToContact: true },
  ],
  mission: 'Young people of Aitutaki leading sport, culture and service.',
});

describe('registering an organisation', () => {
  let id: string;

  test('a coordinator registers a profile; it starts current with its first renewal', async () => {
    const reply = await coordinator.post('/api/v1/register/organisations', youthCouncil());
    expect(reply.status).toBe(201);
    id = reply.body.id;
    expect(reply.body).toMatchObject({
      legalName: 'Aitutaki Youth Council',
      registerStatus: 'current',
      focusAreas: ['sport-and-recreation', 'youth'],
      identifiers: [{ scheme: 'CK-COA', value: 'IS-1042' }],
    });
    expect(reply.body.renewals).toHaveLength(1);
    expect(reply.body.places.map((p: { name: string }) => p.name)).toEqual(['Aitutaki']);
  });

  test('a similar name, the same e-mail or phone is offered as a likely duplicate before saving', async () => {
    const probe = await coordinator.post('/api/v1/register/organisations/duplicates', {
      names: ['Aitutaki Youth Counsil'],
      emails: [],
      phones: ['+682 31042'],
    });
    expect(probe.status).toBe(200);
    expect(probe.body.candidates).toHaveLength(1);
    expect(probe.body.candidates[0].id).toBe(id);
    expect(probe.body.candidates[0].reasons.join(' ')).toMatch(
      /similar name.*same phone|same phone.*similar name/,
    );

    const again = await coordinator.post('/api/v1/register/organisations', {
      ...youthCouncil(),
      identifiers: [],
      legalName: 'Aitutaki Youth Council Inc',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('possible-duplicate');
    expect(again.body.candidates[0].id).toBe(id);
  });

  test('a name like one of its other names, typed without accents, is a likely duplicate too', async () => {
    // Names are compared with all of a profile's names (name_text), legal and other (decision 0037).
    const probe = await coordinator.post('/api/v1/register/organisations/duplicates', {
      names: ['Te Uki Ou o Aitutaki'],
      emails: [],
      phones: [],
    });
    expect(probe.status).toBe(200);
    expect(probe.body.candidates.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(probe.body.candidates[0].reasons).toEqual(['similar name to "Te Uki Ou o Aitutaki"']);
    // Its mission is in the search text but is no name: words of it are not a similar name.
    const mission = await coordinator.post('/api/v1/register/organisations/duplicates', {
      names: ['Young people of Aitutaki leading sport'],
      emails: [],
      phones: [],
    });
    expect(mission.body.candidates).toEqual([]);
  });

  test('an identifier taken by another profile is refused by field, and nothing is saved', async () => {
    const before = (await coordinator.get('/api/v1/register/organisations/counts')).body.total;
    const reply = await coordinator.post('/api/v1/register/organisations', {
      ...youthCouncil(),
      legalName: 'Rarotonga Netball Association',
      contacts: [],
      acknowledgeDuplicates: true,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toContainEqual({
      field: 'identifiers.0.value',
      message: expect.stringContaining('already belongs'),
    });
    expect((await coordinator.get('/api/v1/register/organisations/counts')).body.total).toBe(before);
  });

  test('unknown taxonomy values and places are named', async () => {
    const reply = await coordinator.post('/api/v1/register/organisations', {
      ...youthCouncil(),
      legalName: 'Mangaia Growers',
      identifiers: [],
      contacts: [],
      kind: 'secret-society',
      focusAreas: ['youth', 'astrology'],
      placeIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(reply.status).toBe(400);
    const fields = reply.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'focusAreas.1', 'placeIds.0']));
  });

  test('a website must be a web address, not a script', async () => {
    const reply = await coordinator.post('/api/v1/register/organisations', {
      ...youthCouncil(),
      legalName: 'Script Club',
      identifiers: [],
      contacts: [],
      website: 'javascript:alert(1)',
      acknowledgeDuplicates: true,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe('website');
  });

  test('a viewer may read but not register', async () => {
    expect((await viewer.get(`/api/v1/register/organisations/${id}`)).status).toBe(200);
    const reply = await viewer.post('/api/v1/register/organisations', {
      ...youthCouncil(),
      legalName: 'Viewer Club',
    });
    expect(reply.status).toBe(403);
  });

  test('a stale edit gets 409 with the current profile; the fresh one wins and is audited', async () => {
    const current = (await coordinator.get(`/api/v1/register/organisations/${id}`)).body;
    const first = await coordinator.patch(`/api/v1/register/organisations/${id}`, {
      ...youthCouncil(),
      mission: 'Sport for all.',
      version: current.version,
    });
    expect(first.status).toBe(200);
    const stale = await coordinator.patch(`/api/v1/register/organisations/${id}`, {
      ...youthCouncil(),
      mission: 'Lost edit.',
      version: current.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.mission).toBe('Sport for all.');
    const history = (await coordinator.get(`/api/v1/audit/organisation/${id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(history).toEqual(['organisation.changed', 'organisation.registered']);
  });

  test('two edits sent at the same moment: one wins, the other gets 409 with it, nothing is lost', async () => {
    const current = (await coordinator.get(`/api/v1/register/organisations/${id}`)).body;
    const edit = (mission: string) =>
      coordinator.patch(`/api/v1/register/organisations/${id}`, {
        ...youthCouncil(),
        mission,
        version: current.version,
      });
    const replies = await Promise.all([edit('Mission from the office.'), edit('Mission from the field.')]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = replies.find((r) => r.status === 200)!;
    const lost = replies.find((r) => r.status === 409)!;
    // The loser is shown the winner's profile, to merge their own change into, not silently dropped.
    expect(lost.body.current.mission).toBe(won.body.mission);
    expect(lost.body.current.version).toBe(current.version + 1);
    const stored = (await coordinator.get(`/api/v1/register/organisations/${id}`)).body;
    expect(stored).toMatchObject({ mission: won.body.mission, version: current.version + 1 });
  });
});

describe('search', () => {
  beforeAll(async () => {
    const add = (body: object) =>
      coordinator.post('/api/v1/register/organisations', { acknowledgeDuplicates: true, ...body });
    await add({
      legalName: 'Te Vaerua Community Rehabilitation Service',
      kind: 'national-ngo',
      focusAreas: ['disability', 'health'],
      populations: ['persons-with-disability'],
      placeIds: [places['CK-RAR-TAKI']],
    });
    await add({
      legalName: 'Punanga Tauturu',
      otherNames: [{ name: "Cook Islands Women's Counselling Centre", language: 'en' }],
      kind: 'incorporated-society',
      focusAreas: ['gender-equality'],
      populations: ['women-and-girls', 'survivors-of-violence'],
      placeIds: [places['CK-RAR-TAOT']],
    });
    await add({
      legalName: 'Lahore Women Rights Forum',
      kind: 'national-ngo',
      focusAreas: ['gender-equality'],
      placeIds: [places['PK-PB']],
    });
  });

  test('one box finds names in any language, forgives typos and accents, and matches identifiers', async () => {
    const find = async (q: string) =>
      (await coordinator.get(`/api/v1/register/organisations?q=${encodeURIComponent(q)}`)).body.items.map(
        (i: { legalName: string }) => i.legalName,
      );
    expect(await find('counselling')).toContain('Punanga Tauturu');
    expect(await find('Rehabilitaton')).toContain('Te Vaerua Community Rehabilitation Service');
    expect(await find('te uki ou')).toContain('Aitutaki Youth Council');
    expect(await find('IS-1042')).toEqual(['Aitutaki Youth Council']);
    expect(await find('xylophone quartet')).toEqual([]);
  });

  test('filters by place include the places below it, with facet counts', async () => {
    const rarotonga = (await coordinator.get(`/api/v1/register/organisations?place=${places['CK-RAR']}`))
      .body;
    expect(rarotonga.items.map((i: { legalName: string }) => i.legalName).sort()).toEqual([
      'Punanga Tauturu',
      'Te Vaerua Community Rehabilitation Service',
    ]);
    const counts = (query: string) => coordinator.get(`/api/v1/register/organisations/counts?${query}`);
    expect((await counts(`place=${places.CK}`)).body.total).toBe(3);
    const gender = (await counts('focusArea=gender-equality')).body;
    expect(gender.total).toBe(2);
    expect(gender.facets.kind).toEqual(
      expect.arrayContaining([
        { code: 'national-ngo', count: 1 },
        { code: 'incorporated-society', count: 1 },
      ]),
    );
    // Each profile's own focus areas and populations are counted, the filtered one among them.
    expect(gender.facets.focusArea).toContainEqual({ code: 'gender-equality', count: 2 });
    expect(gender.facets.status.reduce((sum: number, f: { count: number }) => sum + f.count, 0)).toBe(2);
    // The counts take the list's filters, not its paging; anything else is refused by name.
    const paged = await counts('focusArea=gender-equality&limit=5');
    expect(paged.status).toBe(400);
    expect(JSON.stringify(paged.body)).toContain('limit');
    expect((await counts('status=sleeping')).status).toBe(400);
  });

  test('an edit that changes focus areas moves the profile between the counts', async () => {
    const counts = async () =>
      (await coordinator.get('/api/v1/register/organisations/counts?q=aitutaki%20youth')).body;
    const before = await counts();
    expect(before.facets.focusArea).toContainEqual({ code: 'youth', count: 1 });
    const { id } = (await coordinator.get('/api/v1/register/organisations?q=aitutaki%20youth')).body.items[0];
    const change = async (focusAreas: string[]) => {
      const { version } = (await coordinator.get(`/api/v1/register/organisations/${id}`)).body;
      const reply = await coordinator.patch(`/api/v1/register/organisations/${id}`, {
        ...youthCouncil(),
        focusAreas,
        version,
      });
      expect(reply.status).toBe(200);
    };
    await change(['health']);
    const after = await counts();
    expect(after.total).toBe(1);
    expect(after.facets.focusArea).toEqual([{ code: 'health', count: 1 }]);
    await change(youthCouncil().focusAreas);
  });

  test('cursor pages walk the whole list once, in name order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: { items: { legalName: string }[]; nextCursor: string | null } = (
        await coordinator.get(`/api/v1/register/organisations?limit=1&sort=name${query}`)
      ).body;
      seen.push(...page.items.map((i) => i.legalName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => a.localeCompare(b, 'en')));
    expect(seen).toHaveLength(4);
    expect((await coordinator.get('/api/v1/register/organisations?cursor=not-a-cursor')).status).toBe(400);
    // A forged cursor is refused by name in every order, not sent on to the database.
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const id = '6f1c1c7e-8d4b-4c36-9a55-0c1b8b1f0a01';
    for (const [query, cursor] of [
      ['q=youth', [123, id, 'words']],
      ['q=youth', ['0 aitutaki', 'not-an-id', 'words']],
      ['q=youth', ['aitutaki', id, 'words']],
      ['q=youth', ['0 aitutaki', id, 'guessed']],
      ['sort=name', ['Aitutaki', 'not-an-id', 'words']],
      ['sort=recent', ['last week', id, 'words']],
    ] as const) {
      const reply = await coordinator.get(
        `/api/v1/register/organisations?${query}&cursor=${forged([...cursor])}`,
      );
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body)).toContain('cursor');
    }
  });

  test('words as written come first, names before missions; only when none match are similar words shown', async () => {
    const add = (legalName: string, mission: string) =>
      coordinator.post('/api/v1/register/organisations', {
        acknowledgeDuplicates: true,
        legalName,
        kind: 'community-group',
        mission,
      });
    expect((await add('Atiu Sports Association', 'Korfball and volleyball for every village')).status).toBe(
      201,
    );
    expect((await add('Rarotonga Korfball Club', 'A club for all ages')).status).toBe(201);
    const search = (query: string) => coordinator.get(`/api/v1/register/organisations?${query}`);
    const counts = (query: string) => coordinator.get(`/api/v1/register/organisations/counts?${query}`);
    const first = (await search('q=korfball&limit=1')).body;
    expect(first).toMatchObject({ matched: 'words', items: [{ legalName: 'Rarotonga Korfball Club' }] });
    expect((await counts('q=korfball')).body).toMatchObject({ matched: 'words', total: 2 });
    const second = (await search(`q=korfball&limit=1&cursor=${first.nextCursor}`)).body;
    expect(second.items.map((i: { legalName: string }) => i.legalName)).toEqual(['Atiu Sports Association']);
    expect(second.nextCursor).toBeNull();

    // Both words must be there: "korfball village" is in one mission only.
    expect((await counts('q=korfball%20village')).body.total).toBe(1);
    const typo = (await search('q=korfbal%20clubb')).body;
    expect(typo.matched).toBe('similar');
    // The counts fall back the same way, so the number beside the list is the list's.
    const typoCounts = (await counts('q=korfbal%20clubb')).body;
    expect(typoCounts.matched).toBe('similar');
    expect(typoCounts.total).toBeGreaterThanOrEqual(typo.items.length);
    expect(typo.items.map((i: { legalName: string }) => i.legalName)).toContain('Rarotonga Korfball Club');
  });

  test('a word an edit brings is forgiven its typos at once; the typo finds it among similar words', async () => {
    const find = async (q: string) =>
      (await coordinator.get(`/api/v1/register/organisations?q=${encodeURIComponent(q)}`)).body;
    expect((await find('breadfriut')).items).toEqual([]);
    const [council] = (await find('aitutaki youth')).items;
    const { id, version } = (await coordinator.get(`/api/v1/register/organisations/${council.id}`)).body;
    const mission = 'Young people of Aitutaki planting breadfruit with the elders.';
    const edited = await coordinator.patch(`/api/v1/register/organisations/${id}`, {
      ...youthCouncil(),
      mission,
      version,
    });
    expect(edited.status).toBe(200);
    const typo = await find('breadfriut planting');
    expect(typo).toMatchObject({ matched: 'similar', items: [{ legalName: 'Aitutaki Youth Council' }] });
    const restored = await coordinator.patch(`/api/v1/register/organisations/${id}`, {
      ...youthCouncil(),
      version: edited.body.version,
    });
    expect(restored.status).toBe(200);
  });
});

describe('renewal', () => {
  test('a profile falls due, lapses after the grace period, and confirming renews it', async () => {
    const created = await coordinator.post('/api/v1/register/organisations', {
      legalName: 'Atiu Fibre Arts Collective',
      kind: 'community-group',
      placeIds: [places['CK-ATI']],
      acknowledgeDuplicates: true,
    });
    const id = created.body.id;
    const status = async () =>
      (await coordinator.get(`/api/v1/register/organisations/${id}`)).body.registerStatus;
    vaka.clock.advance(days(320));
    // Sessions end after 30 idle days, so the coordinator signs in again after the clock moves.
    coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
    expect(await status()).toBe('due');
    expect(
      (await coordinator.get('/api/v1/register/organisations?status=due')).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).toContain(id);
    vaka.clock.advance(days(140));
    coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
    expect(await status()).toBe('lapsed');
    const dashboardReply = await coordinator.get('/api/v1/register/renewals');
    expect(dashboardReply.status, JSON.stringify(dashboardReply.body)).toBe(200);
    const dashboard = dashboardReply.body;
    expect(dashboard.counts.lapsed).toBeGreaterThanOrEqual(1);
    expect(dashboard.byPlace).toContainEqual(expect.objectContaining({ place: 'Atiu', lapsed: 1 }));
    const renewed = await coordinator.post(`/api/v1/register/organisations/${id}/renewal`, {
      note: 'Confirmed by phone',
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.registerStatus).toBe('current');
    expect(renewed.body.renewals.map((r: { note: string }) => r.note)).toEqual([
      'Confirmed by phone',
      'Registered',
    ]);
  });
});

describe('affiliations', () => {
  test('an organisation joins an umbrella body, and a cycle is refused', async () => {
    const add = async (legalName: string) =>
      (
        await coordinator.post('/api/v1/register/organisations', {
          legalName,
          kind: 'network-or-umbrella',
          acknowledgeDuplicates: true,
        })
      ).body.id as string;
    const network = await add('Cook Islands Civil Society Organisation Network');
    const youth = await add('Cook Islands National Youth Council');
    const club = await add('Titikaveka Youth Club');
    expect(
      (
        await coordinator.post(`/api/v1/register/organisations/${youth}/affiliations`, {
          umbrellaId: network,
        })
      ).status,
    ).toBe(200);
    expect(
      (await coordinator.post(`/api/v1/register/organisations/${club}/affiliations`, { umbrellaId: youth }))
        .body.affiliations.umbrellas[0].id,
    ).toBe(youth);
    const cycle = await coordinator.post(`/api/v1/register/organisations/${network}/affiliations`, {
      umbrellaId: club,
    });
    expect(cycle.status).toBe(409);
    const members = (await coordinator.get(`/api/v1/register/organisations?affiliation=${network}`)).body
      .items;
    expect(members.map((m: { id: string }) => m.id)).toEqual([youth]);
  });
});

describe('public directory', () => {
  test('anyone can search without signing in and sees public fields only', async () => {
    const anonymous = client(vaka.app);
    const page = await anonymous.get('/api/v1/directory/organisations?q=aitutaki');
    expect(page.status).toBe(200);
    expect(page.body.items[0].legalName).toBe('Aitutaki Youth Council');
    const profile = await anonymous.get(`/api/v1/directory/organisations/${page.body.items[0].id}`);
    expect(profile.status).toBe(200);
    expect(JSON.stringify(profile.body)).not.toContain('teina@ayc.test');
    expect(profile.body.places).toEqual(['Aitutaki']);
    const counts = await anonymous.get('/api/v1/directory/organisations/counts?q=aitutaki');
    expect(counts.body).toEqual({ total: page.body.items.length, matched: 'words' });
    expect((await anonymous.get('/api/v1/directory/organisations/counts?status=due')).status).toBe(400);
    expect((await anonymous.get('/api/v1/register/organisations')).status).toBe(401);
    expect((await anonymous.get('/api/v1/register/organisations/counts')).status).toBe(401);
  });
});

describe('settings and lists', () => {
  test('the deployment administrator adds a focus area and changes the renewal period; a coordinator may not', async () => {
    const admin = await signedIn(vaka.app, 'admin@mia.test', TEST_PASSWORD);
    const added = await admin.post('/api/v1/register/taxonomies/focus-area', {
      code: 'fisheries',
      label: 'Fisheries and the ocean',
    });
    expect(added.status).toBe(201);
    expect(
      (await admin.post('/api/v1/register/taxonomies/focus-area', { code: 'fisheries', label: 'Again' }))
        .status,
    ).toBe(409);
    expect(
      (await admin.post('/api/v1/register/taxonomies/planets', { code: 'mars', label: 'Mars' })).status,
    ).toBe(400);
    const nothing = await admin.patch('/api/v1/register/taxonomies/focus-area/fisheries', {});
    expect(nothing.status).toBe(400);
    expect(nothing.body.errors).toEqual([{ field: 'label', message: expect.any(String) }]);
    const lists = (await coordinator.get('/api/v1/register/taxonomies')).body;
    expect(lists.focusAreas).toContainEqual({ code: 'fisheries', label: 'Fisheries and the ocean' });
    expect(
      (await coordinator.post('/api/v1/register/taxonomies/focus-area', { code: 'x', label: 'X' })).status,
    ).toBe(403);

    const settings = (await admin.get('/api/v1/register/settings')).body;
    expect(settings).toMatchObject({ renewalMonths: 12, graceDays: 90 });
    const changed = await admin.patch('/api/v1/register/settings', {
      renewalMonths: 24,
      version: settings.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.renewalMonths).toBe(24);
    expect(
      (await admin.patch('/api/v1/register/settings', { renewalMonths: 6, version: settings.version }))
        .status,
    ).toBe(409);
    expect(
      (await admin.patch('/api/v1/register/settings', { renewalMonths: 0, version: changed.body.version }))
        .body.errors[0].field,
    ).toBe('renewalMonths');
    expect(
      (await coordinator.patch('/api/v1/register/settings', { graceDays: 1, version: changed.body.version }))
        .status,
    ).toBe(403);
  });

  test("another agency's administrator may not rename a term, add one or change the renewal period; the deployment administrator may", async () => {
    const deploymentAdmin = await signedIn(vaka.app, 'admin@mia.test', TEST_PASSWORD);
    const { admin: agencyAdmin } = await agencyWithAdministrator(
      vaka,
      'Ministry of Health',
      'admin@moh.test',
    );
    const me = (await agencyAdmin.get('/api/v1/me')).body;
    expect(me).toMatchObject({ role: 'administrator', user: { deploymentAdministrator: false } });
    expect(me.permissions).not.toContain('deployment:settings');
    const lists = (await coordinator.get('/api/v1/register/taxonomies')).body;
    const settings = (await coordinator.get('/api/v1/register/settings')).body;

    const renamed = await agencyAdmin.patch('/api/v1/register/taxonomies/focus-area/fisheries', {
      label: 'Fish only',
    });
    expect(renamed.status).toBe(403);
    expect(renamed.body.code).toBe('forbidden');
    expect(
      (await agencyAdmin.post('/api/v1/register/taxonomies/focus-area', { code: 'mining', label: 'Mining' }))
        .status,
    ).toBe(403);
    const shortened = await agencyAdmin.patch('/api/v1/register/settings', {
      renewalMonths: 3,
      version: settings.version,
    });
    expect(shortened.status).toBe(403);
    expect((await coordinator.get('/api/v1/register/taxonomies')).body).toEqual(lists);
    expect((await coordinator.get('/api/v1/register/settings')).body).toEqual(settings);

    expect((await deploymentAdmin.get('/api/v1/me')).body.permissions).toContain('deployment:settings');
    const byDeployment = await deploymentAdmin.patch('/api/v1/register/taxonomies/focus-area/fisheries', {
      label: 'Fisheries and marine resources',
    });
    expect(byDeployment.status).toBe(200);
    expect((await coordinator.get('/api/v1/register/taxonomies')).body.focusAreas).toContainEqual({
      code: 'fisheries',
      label: 'Fisheries and marine resources',
    });
  });
});

describe('merging duplicates', () => {
  test('two profiles of one organisation become one; the other redirects and leaves the search', async () => {
    viewer = await signedIn(vaka.app, 'ana@mia.test', TEST_PASSWORD);
    const add = async (body: object) =>
      (
        await coordinator.post('/api/v1/register/organisations', {
          kind: 'community-group',
          acknowledgeDuplicates: true,
          ...body,
        })
      ).body.id as string;
    const survivor = await add({
      legalName: 'Mauke Women Growers',
      focusAreas: ['economic-empowerment'],
      placeIds: [places['CK-MAU']],
    });
    const duplicate = await add({
      legalName: "Ma'uke Womens Growers Association",
      focusAreas: ['gender-equality'],
      identifiers: [{ scheme: 'CK-COA', value: 'IS-2077' }],
      contacts: [{ name: 'Vaine Tatuava', email: 'vaine@mauke.test', consentToContact: true }],
    });
    const umbrella = await add({ legalName: 'Southern Group Growers Federation' });
    await coordinator.post(`/api/v1/register/organisations/${duplicate}/affiliations`, {
      umbrellaId: umbrella,
    });

    const merged = await coordinator.post(`/api/v1/register/organisations/${survivor}/merge`, {
      duplicateId: duplicate,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.focusAreas).toEqual(['economic-empowerment', 'gender-equality']);
    expect(merged.body.identifiers).toEqual([{ scheme: 'CK-COA', value: 'IS-2077' }]);
    expect(merged.body.contacts.map((c: { email: string }) => c.email)).toEqual(['vaine@mauke.test']);
    expect(merged.body.otherNames.map((n: { name: string }) => n.name)).toContain(
      "Ma'uke Womens Growers Association",
    );
    expect(merged.body.affiliations.umbrellas.map((u: { id: string }) => u.id)).toEqual([umbrella]);

    const old = await coordinator.get(`/api/v1/register/organisations/${duplicate}`);
    expect(old.status).toBe(308);
    expect(old.headers.location).toBe(`/api/v1/register/organisations/${survivor}`);
    const found = (await coordinator.get('/api/v1/register/organisations?q=IS-2077')).body.items.map(
      (i: { id: string }) => i.id,
    );
    expect(found).toEqual([survivor]);
    // The merged profile is counted once, under the focus areas of both (the counts read the row).
    const growers = (await coordinator.get('/api/v1/register/organisations/counts?q=growers')).body;
    expect(growers.total).toBe(2);
    expect(growers.facets.focusArea).toEqual(
      expect.arrayContaining([
        { code: 'gender-equality', count: 1 },
        { code: 'economic-empowerment', count: 1 },
      ]),
    );
    // The whole register's counts come from indexes, not a pass over the profiles (decision 0024);
    // they agree with counting through the filters, the merged-away profile in neither.
    const count = async (query: string) =>
      (await coordinator.get(`/api/v1/register/organisations/counts?${query}`)).body;
    const whole = await count('');
    for (const { code, count: n } of whole.facets.focusArea)
      expect((await count(`focusArea=${code}`)).total).toBe(n);
    for (const { code, count: n } of whole.facets.kind) expect((await count(`kind=${code}`)).total).toBe(n);
    for (const { code, count: n } of whole.facets.status)
      expect((await count(`status=${code}`)).total).toBe(n);
    expect(whole.facets.kind.reduce((sum: number, f: { count: number }) => sum + f.count, 0)).toBe(
      whole.total,
    );
    expect(
      (await coordinator.post(`/api/v1/register/organisations/${survivor}/merge`, { duplicateId: duplicate }))
        .status,
    ).toBe(400);
    expect(
      (await viewer.post(`/api/v1/register/organisations/${umbrella}/merge`, { duplicateId: survivor }))
        .status,
    ).toBe(403);
    const history = (await coordinator.get(`/api/v1/audit/organisation/${duplicate}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(history[0]).toBe('organisation.merged-away');
  });
});

test('a search for an other name ranks that profile with the names, before a mission that mentions it', async () => {
  // Alphabetically first, but holding the words only in its mission: the second tier (decision 0037).
  const mention = await coordinator.post('/api/v1/register/organisations', {
    legalName: 'Aaronui Club',
    kind: 'community-group',
    mission: 'Hosts Te Uki Ou o Aitutaki every year.',
  });
  expect(mention.status, JSON.stringify(mention.body)).toBe(201);
  const found = await coordinator.get('/api/v1/register/organisations?q=uki%20ou');
  expect(found.body.items.map((item: { legalName: string }) => item.legalName)).toEqual([
    'Aitutaki Youth Council',
    'Aaronui Club',
  ]);
});
