import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { client, signedIn, type Client } from '../../platform/testing/api.ts';
import { csoUserOf } from '../../platform/testing/cso-users.ts';
import { linkToken, mailCausedBy } from '../../platform/testing/mail-links.ts';
import { uploadTo } from '../../platform/testing/multipart.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from './index.ts';

// Issue 18 items 1 to 5: an organisation whose groups are all private, shared only with agency A,
// probed by the staff of agency B as an attacker would. No private value may reach B: not in an
// answer, not in B's audit trail, not through search, counts, export, place filters or the
// duplicate check; and B may not change what it cannot see.
let vaka: TestVaka;
let coordinatorA: Client;
let coordinatorB: Client;
let officerB: Client;
let adminB: Client;
let cso: Client;
let agencyA: string;
let organisationId: string;
let documentId: string;
let aitutaki: string;

// Values only the CSO and agency A may see; none of them may appear in anything B receives.
const secrets = {
  mission: 'Quietly sheltering xanthoria survivors',
  missionWord: 'xanthoria',
  email: 'refuge-lead@hidden.test',
  phone: '+682 55 999',
  website: 'https://hidden-refuge.test',
  staffCount: 41,
};
const allPrivate = {
  overview: 'private',
  contacts: 'private',
  places: 'private',
  finances: 'private',
  documents: 'private',
};

function expectNothingPrivate(what: string, value: unknown) {
  const text = JSON.stringify(value) ?? '';
  for (const secret of [secrets.missionWord, secrets.email, secrets.phone, secrets.website, 'Aitutaki'])
    expect(text.toLowerCase(), `${what} holds "${secret}"`).not.toContain(secret.toLowerCase());
}

async function auditOf(session: Client) {
  const reply = await session.get(`/api/v1/audit?entityId=${organisationId}&limit=100`);
  expect(reply.status).toBe(200);
  return reply.body.items;
}

async function ownProfile() {
  return (await cso.get(`/api/v1/portal/organisations/${organisationId}`)).body;
}

beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  const a = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  agencyA = a.agencyId;
  coordinatorA = await memberWithRole(vaka, a.admin, 'coord@mia.test', 'partnership-coordinator');
  const b = await agencyWithAdministrator(vaka, 'Ministry of Works', 'admin@mow.test');
  adminB = b.admin;
  coordinatorB = await memberWithRole(vaka, b.admin, 'coord@mow.test', 'partnership-coordinator');
  officerB = await memberWithRole(vaka, b.admin, 'officer@mow.test', 'programme-officer');
  const taxonomies = (await coordinatorA.get('/api/v1/register/taxonomies')).body;
  aitutaki = taxonomies.places.find((p: { code: string }) => p.code === 'CK-AIT').id;

  const created = await coordinatorA.post('/api/v1/register/organisations', {
    legalName: 'Te Punanga Refuge',
    kind: 'community-group',
    focusAreas: ['youth'],
    placeIds: [aitutaki],
    mission: secrets.mission,
    website: secrets.website,
    staffCount: secrets.staffCount,
    contacts: [{ name: 'Refuge Lead', email: secrets.email, phone: secrets.phone, consentToContact: true }],
    acknowledgeDuplicates: true,
  });
  expect(created.status).toBe(201);
  organisationId = created.body.id;
  ({ cso } = await csoUserOf(vaka, organisationId, 'chair@refuge.test'));
  const own = await ownProfile();
  const { id: _id, version, ...rest } = own;
  const made = await cso.patch(`/api/v1/portal/organisations/${organisationId}`, {
    legalName: rest.legalName,
    kind: rest.kind,
    focusAreas: rest.focusAreas,
    placeIds: [aitutaki],
    mission: secrets.mission,
    website: secrets.website,
    staffCount: secrets.staffCount,
    contacts: rest.contacts,
    visibility: allPrivate,
    version,
  });
  expect(made.status).toBe(200);
  const shared = await cso.put(`/api/v1/portal/organisations/${organisationId}/private-access`, {
    agencyIds: [agencyA],
  });
  expect(shared.status).toBe(200);
  const uploaded = await uploadTo(
    vaka.app,
    cso,
    `/api/v1/portal/organisations/${organisationId}/documents?kind=constitution&title=Constitution`,
    {
      name: 'constitution.pdf',
      bytes: '%PDF-1.4\n% refuge\n%%EOF\n',
      contentType: 'application/pdf',
    },
  );
  expect(uploaded.status).toBe(201);
  documentId = uploaded.body.id;
});
afterAll(() => vaka.close());

describe('answers to writes hold only what the caller may see (item 1)', () => {
  test('agency A, which the CSO chose, sees the whole profile', async () => {
    const seen = (await coordinatorA.get(`/api/v1/register/organisations/${organisationId}`)).body;
    expect(seen.mission).toBe(secrets.mission);
    expect(seen.contacts[0].email).toBe(secrets.email);
  });

  test("B cannot renew through the CSO's portal; its own renewal answers without private values", async () => {
    const portal = await coordinatorB.post(`/api/v1/portal/organisations/${organisationId}/renewal`, {});
    expect(portal.status).toBe(403);
    expectNothingPrivate('the portal renewal answer', portal.body);
    const renewed = await coordinatorB.post(`/api/v1/register/organisations/${organisationId}/renewal`, {});
    expect(renewed.status).toBe(200);
    expect(renewed.body.hiddenGroups).toEqual(Object.keys(allPrivate));
    expectNothingPrivate('the renewal answer', renewed.body);
  });

  test('B may not verify a field it cannot see; verifying a visible one answers without private values', async () => {
    const hidden = await coordinatorB.post(`/api/v1/register/organisations/${organisationId}/verifications`, {
      fields: ['mission'],
    });
    expect(hidden.status).toBe(403);
    expect(hidden.body.detail).toContain('mission');
    expectNothingPrivate('the refused verification', hidden.body);
    const visible = await coordinatorB.post(
      `/api/v1/register/organisations/${organisationId}/verifications`,
      {
        fields: ['legalName'],
      },
    );
    expect(visible.status).toBe(200);
    expectNothingPrivate('the verification answer', visible.body);
  });

  test("B's edit of what it sees keeps B's audit trail free of the private values", async () => {
    const seen = (await coordinatorB.get(`/api/v1/register/organisations/${organisationId}`)).body;
    const edited = await coordinatorB.patch(`/api/v1/register/organisations/${organisationId}`, {
      legalName: seen.legalName,
      acronym: 'TPR',
      kind: seen.kind,
      focusAreas: seen.focusAreas,
      version: seen.version,
    });
    expect(edited.status).toBe(200);
    expectNothingPrivate('the edit answer', edited.body);
    const own = await ownProfile();
    expect(own.acronym).toBe('TPR');
    expect(own.mission).toBe(secrets.mission);
    expect(own.places.map((p: { id: string }) => p.id)).toEqual([aitutaki]);
    expectNothingPrivate("B's audit trail", await auditOf(adminB));
  });
});

describe('blind changes are refused (item 5)', () => {
  test('B may not accept or reject a change to a private field; the change stays pending', async () => {
    await coordinatorA.post(`/api/v1/register/organisations/${organisationId}/verifications`, {
      fields: ['mission'],
    });
    const own = await ownProfile();
    const proposed = await cso.patch(`/api/v1/portal/organisations/${organisationId}`, {
      legalName: own.legalName,
      acronym: own.acronym,
      kind: own.kind,
      focusAreas: own.focusAreas,
      placeIds: [aitutaki],
      mission: `${secrets.mission} and their families`,
      website: secrets.website,
      staffCount: secrets.staffCount,
      contacts: own.contacts,
      visibility: allPrivate,
      version: own.version,
    });
    expect(proposed.status).toBe(200);
    const changeId = proposed.body.waitingForReview[0].id;
    for (const accept of [true, false]) {
      const decided = await coordinatorB.post(`/api/v1/register/profile-changes/${changeId}/decision`, {
        accept,
        reason: 'Looks fine to us',
      });
      expect(decided.status).toBe(403);
      expectNothingPrivate('the refused decision', decided.body);
    }
    const queue = (await coordinatorA.get(`/api/v1/register/profile-changes?organisation=${organisationId}`))
      .body;
    expect(queue.items.find((c: { id: string }) => c.id === changeId).status).toBe('pending');
    expectNothingPrivate("B's audit trail", await auditOf(adminB));
  });

  test('B may neither remove nor add a private document', async () => {
    const removed = await coordinatorB.delete(
      `/api/v1/register/organisations/${organisationId}/documents/${documentId}`,
    );
    expect(removed.status).toBe(403);
    const added = await uploadTo(
      vaka.app,
      coordinatorB,
      `/api/v1/register/organisations/${organisationId}/documents?kind=constitution&title=Forged`,
      { name: 'forged.pdf', bytes: '%PDF-1.4\n% forged\n%%EOF\n', contentType: 'application/pdf' },
    );
    expect(added.status).toBe(403);
    const own = await ownProfile();
    expect(own.documents.map((d: { id: string }) => d.id)).toEqual([documentId]);
  });
});

describe('a staff invitation does not confer the CSO’s own powers (item 2)', () => {
  async function inviteAndAccept(inviter: Client, email: string) {
    const { mail } = await mailCausedBy(vaka.mail, email, /invited to act/, () =>
      inviter.post(`/api/v1/register/organisations/${organisationId}/cso-users/invitations`, {
        email,
        role: 'cso-administrator',
      }),
    );
    const person = client(vaka.app);
    const accepted = await person.post('/api/v1/portal/links/accept', {
      token: linkToken(mail),
      name: 'Someone',
      password: TEST_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    return person;
  }

  test('a programme officer of B who invites themself as administrator stays pending and reads nothing', async () => {
    const self = await inviteAndAccept(officerB, 'officer-as-cso@mow.test');
    expect((await self.get('/api/v1/me')).body.organisations).toEqual([]);
    const portal = await self.get(`/api/v1/portal/organisations/${organisationId}`);
    expect(portal.status).toBe(403);
    expectNothingPrivate('the portal answer', portal.body);
    const moved = await self.put(`/api/v1/portal/organisations/${organisationId}/private-access`, {
      agencyIds: [],
    });
    expect(moved.status).toBe(403);
  });

  test('nor may a coordinator of B or of A confirm them while the CSO has administrators of its own', async () => {
    const pending = await cso.get(`/api/v1/portal/organisations/${organisationId}/members?status=pending`);
    const request = pending.body.items.find((m: { email: string }) => m.email === 'officer-as-cso@mow.test');
    expect(request).toMatchObject({ role: 'cso-administrator', status: 'pending' });
    for (const coordinator of [coordinatorB, coordinatorA]) {
      const confirmed = await coordinator.post(
        `/api/v1/register/organisations/${organisationId}/cso-users/${request.userId}/confirmation`,
        { role: 'cso-administrator' },
      );
      expect(confirmed.status).toBe(403);
      expect((await coordinator.get('/api/v1/register/cso-users')).body.items).toEqual([]);
    }
  });

  test("B's coordinator may not remove the CSO's administrator", async () => {
    const members = (await cso.get(`/api/v1/portal/organisations/${organisationId}/members`)).body.items;
    const chair = members.find((m: { email: string }) => m.email === 'chair@refuge.test');
    const removed = await coordinatorB.delete(
      `/api/v1/register/organisations/${organisationId}/cso-users/${chair.userId}`,
    );
    expect(removed.status).toBe(403);
    expect((await cso.get(`/api/v1/portal/organisations/${organisationId}`)).status).toBe(200);
  });

  test('the CSO’s administrator decides: confirmed from the portal, the person then acts for it', async () => {
    const pending = await cso.get(`/api/v1/portal/organisations/${organisationId}/members?status=pending`);
    const request = pending.body.items.find((m: { email: string }) => m.email === 'officer-as-cso@mow.test');
    const confirmed = await cso.post(
      `/api/v1/portal/organisations/${organisationId}/members/${request.userId}/confirmation`,
      { role: 'cso-member' },
    );
    expect(confirmed.status).toBe(204);
    const members = (await cso.get(`/api/v1/portal/organisations/${organisationId}/members`)).body.items;
    expect(members.find((m: { email: string }) => m.email === 'officer-as-cso@mow.test').role).toBe(
      'cso-member',
    );
  });

  test('for an organisation with no administrators that chose no agency, a coordinator’s invitation confirms', async () => {
    const created = await coordinatorB.post('/api/v1/register/organisations', {
      legalName: 'Mangaia Growers',
      kind: 'community-group',
      acknowledgeDuplicates: true,
    });
    const person = client(vaka.app);
    const { mail } = await mailCausedBy(vaka.mail, 'grower@mangaia.test', /invited to act/, () =>
      coordinatorB.post(`/api/v1/register/organisations/${created.body.id}/cso-users/invitations`, {
        email: 'grower@mangaia.test',
        role: 'cso-administrator',
      }),
    );
    await person.post('/api/v1/portal/links/accept', {
      token: linkToken(mail),
      name: 'Grower',
      password: TEST_PASSWORD,
    });
    expect((await person.get('/api/v1/me')).body.organisations).toEqual([
      { organisationId: created.body.id, role: 'cso-administrator' },
    ]);
  });
});

describe('merging keeps private parts private (item 3)', () => {
  let publicProfile: string;

  beforeAll(async () => {
    const created = await coordinatorA.post('/api/v1/register/organisations', {
      legalName: 'Te Punanga Refuge Trust',
      kind: 'community-group',
      contacts: [{ name: 'Front desk', email: 'desk@refuge-trust.test', consentToContact: true }],
      acknowledgeDuplicates: true,
    });
    publicProfile = created.body.id;
  });

  test('B may merge neither into nor from a profile it does not see whole, and nothing moves', async () => {
    for (const [survivor, duplicate] of [
      [publicProfile, organisationId],
      [organisationId, publicProfile],
    ]) {
      const merged = await coordinatorB.post(`/api/v1/register/organisations/${survivor}/merge`, {
        duplicateId: duplicate,
      });
      expect(merged.status).toBe(403);
      expectNothingPrivate('the refused merge', merged.body);
    }
    expect((await ownProfile()).contacts[0].email).toBe(secrets.email);
    expectNothingPrivate("B's audit trail", await auditOf(adminB));
  });

  test('merged by A, the survivor keeps the private groups private and shares them only with A', async () => {
    const merged = await coordinatorA.post(`/api/v1/register/organisations/${publicProfile}/merge`, {
      duplicateId: organisationId,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.contacts.map((c: { email: string }) => c.email)).toContain(secrets.email);
    const seenByB = (await coordinatorB.get(`/api/v1/register/organisations/${publicProfile}`)).body;
    expect(seenByB.hiddenGroups).toEqual(Object.keys(allPrivate));
    expectNothingPrivate("B's view of the survivor", seenByB);
    // The survivor is where the profile lives now: the rest of the file probes it.
    organisationId = publicProfile;
  });
});

describe('no oracle on private fields (item 4)', () => {
  test('a private mission is not searchable, counted, or added to the typo words', async () => {
    for (const q of [secrets.missionWord, 'xanthorai']) {
      const found = await coordinatorB.get(`/api/v1/register/organisations?q=${q}`);
      expect(found.body.items).toEqual([]);
      const counted = await coordinatorB.get(`/api/v1/register/organisations/counts?q=${q}`);
      expect(counted.body.total).toBe(0);
    }
    const words = rowsOf<{ word: string }>(
      await vaka.platform.db.execute(sql`select word from search_words where word like 'xanth%'`),
    );
    expect(words).toEqual([]);
  });

  test('private places are neither listed, exported nor matched by the place filter', async () => {
    const listed = await coordinatorB.get('/api/v1/register/organisations?q=punanga');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].places).toEqual([]);
    const filtered = await coordinatorB.get(`/api/v1/register/organisations?place=${aitutaki}`);
    expect(filtered.body.items.map((o: { id: string }) => o.id)).not.toContain(organisationId);
    const counted = await coordinatorB.get(`/api/v1/register/organisations/counts?place=${aitutaki}`);
    expect(counted.body.total).toBe(0);
    const exported = await coordinatorB.get('/api/v1/register/organisations/export?q=punanga&format=csv');
    expect(exported.status).toBe(200);
    expect(exported.body).toContain('Te Punanga Refuge');
    expectNothingPrivate('the export', exported.body);
    const dashboard = await coordinatorB.get('/api/v1/register/renewals');
    expectNothingPrivate('the renewal dashboard', dashboard.body);
  });

  test('the duplicate check does not confirm a private e-mail or phone', async () => {
    const probe = await coordinatorB.post('/api/v1/register/organisations/duplicates', {
      names: ['Completely Different Name'],
      emails: [secrets.email],
      phones: [secrets.phone],
    });
    expect(probe.status).toBe(200);
    expect(probe.body.candidates).toEqual([]);
  });

  test('migration 0028 takes what was there before out of the shared indexes', async () => {
    const { db } = vaka.platform;
    // The survivor as a Vaka before this fix kept it: the private mission in its search text and
    // words, its private places in place_ids.
    await db.execute(sql`update organisations set mission = ${secrets.mission},
        search_text = search_text || ' ' || lower(unaccent(${secrets.mission})),
        place_ids = array(select place_id from organisation_places where organisation_id = ${organisationId})
      where id = ${organisationId}`);
    await db.execute(
      sql`insert into search_words (word) values (${secrets.missionWord}) on conflict do nothing`,
    );
    expect(
      (await coordinatorB.get(`/api/v1/register/organisations?q=${secrets.missionWord}`)).body.items,
    ).toHaveLength(1);
    const migration = await readFile(
      path.resolve(import.meta.dirname, '../../../drizzle/0028_private-parts-out-of-shared-indexes.sql'),
      'utf8',
    );
    for (const statement of migration.split('--> statement-breakpoint')) await db.execute(sql.raw(statement));
    expect(
      (await coordinatorB.get(`/api/v1/register/organisations?q=${secrets.missionWord}`)).body.items,
    ).toEqual([]);
    const left = rowsOf<{ words: number; places: string[] }>(
      await db.execute(sql`select (select count(*)::int from search_words where word = ${secrets.missionWord}) as words,
        (select place_ids from organisations where id = ${organisationId}) as places`),
    );
    expect(left).toEqual([{ words: 0, places: [] }]);
  });

  test('due and lapsed, a profile with private places is counted under no place of the renewal dashboard', async () => {
    vaka.clock.advance(days(400));
    // A session idle this long has ended: B's coordinator signs in again.
    const again = await signedIn(vaka.app, 'coord@mow.test', TEST_PASSWORD);
    const dashboard = (await again.get('/api/v1/register/renewals')).body;
    expect(dashboard.counts.lapsed + dashboard.counts.due).toBeGreaterThan(0);
    expectNothingPrivate('the renewal dashboard', dashboard);
  });
});
