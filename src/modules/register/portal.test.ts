import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { client, signedIn, type Client } from '../../platform/testing/api.ts';
import { csoUserOf } from '../../platform/testing/cso-users.ts';
import { linkToken, mailCausedBy } from '../../platform/testing/mail-links.ts';
import { uploadTo } from '../../platform/testing/multipart.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from './index.ts';

// Issue 3 item 3: CSO users, their own profile edits, the review queue and private parts.
let vaka: TestVaka;
let coordinator: Client;
let programmeOfficer: Client;
let otherAgency: Client;
let agencyId: string;
let otherAgencyId: string;
let rarotonga: string;

const profile = (legalName: string, email: string) => ({
  legalName,
  kind: 'community-group',
  focusAreas: ['youth'],
  placeIds: [rarotonga],
  contacts: [{ name: 'Mata Tangaroa', email, phone: '+682 20 101', consentToContact: true }],
  mission: 'Sport and service for the young people of the island.',
  staffCount: 3,
});

beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  const ministry = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  agencyId = ministry.agencyId;
  coordinator = await memberWithRole(vaka, ministry.admin, 'mere@mia.test', 'partnership-coordinator');
  programmeOfficer = await memberWithRole(vaka, ministry.admin, 'tu@mia.test', 'programme-officer');
  const health = await agencyWithAdministrator(vaka, 'Ministry of Health', 'admin@moh.test');
  otherAgencyId = health.agencyId;
  otherAgency = health.admin;
  const taxonomies = (await coordinator.get('/api/v1/register/taxonomies')).body;
  rarotonga = taxonomies.places.find((p: { code: string }) => p.code === 'CK-RAR').id;
});
afterAll(() => vaka.close());

async function register(legalName: string, email: string): Promise<string> {
  const reply = await coordinator.post('/api/v1/register/organisations', {
    ...profile(legalName, email),
    acknowledgeDuplicates: true,
  });
  expect(reply.status).toBe(201);
  return reply.body.id;
}

describe('signing up as a CSO user', () => {
  let organisationId: string;
  let person: Client;

  beforeAll(async () => {
    organisationId = await register('Titikaveka Netball Club', 'club@titikaveka.test');
  });

  test('bad sign-ups are refused by field and send nothing', async () => {
    const stranger = client(vaka.app);
    const unknown = await stranger.post('/api/v1/portal/sign-up', {
      email: 'x@club.test',
      name: 'X',
      organisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('organisationId');
    const bot = await stranger.post('/api/v1/portal/sign-up', {
      email: 'bot@spam.test',
      name: 'Bot',
      organisationId,
      website: 'http://spam.test',
    });
    expect(bot.status).toBe(400);
    expect(bot.body.errors[0].field).toBe('website');
    expect(vaka.mail.received.some((m) => m.to.includes('bot@spam.test'))).toBe(false);
    const forged = await stranger.post('/api/v1/portal/links/accept', {
      token: 'not-a-real-token-at-all',
      name: 'X',
      password: TEST_PASSWORD,
    });
    expect(forged.status).toBe(404);
    expect(forged.body.code).toBe('invalid-link');
  });

  test('the e-mailed link proves the address; the person then waits for a coordinator', async () => {
    const stranger = client(vaka.app);
    const { result, mail } = await mailCausedBy(
      vaka.mail,
      'mata@titikaveka.test',
      /Confirm your e-mail/,
      () =>
        stranger.post('/api/v1/portal/sign-up', {
          email: 'mata@titikaveka.test',
          name: 'Mata Tangaroa',
          organisationId,
        }),
    );
    expect(result.status).toBe(202);
    const token = linkToken(mail);
    const preview = await stranger.get(`/api/v1/portal/links/${token}`);
    expect(preview.body).toMatchObject({
      kind: 'sign-up',
      organisationName: 'Titikaveka Netball Club',
      existingAccount: false,
    });
    const weak = await stranger.post('/api/v1/portal/links/accept', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('password');

    person = client(vaka.app);
    const accepted = await person.post('/api/v1/portal/links/accept', { token, password: TEST_PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('pending');
    expect((await person.get('/api/v1/me')).body.organisations).toEqual([]);
    expect((await person.get(`/api/v1/portal/organisations/${organisationId}`)).status).toBe(403);
    const replay = await client(vaka.app).post('/api/v1/portal/links/accept', {
      token,
      password: TEST_PASSWORD,
    });
    expect(replay.body.code).toBe('invalid-link');
  });

  test('a coordinator confirms the person with a role; only then may they act for it', async () => {
    const pending = await coordinator.get('/api/v1/register/cso-users');
    const request = pending.body.items.find((m: { email: string }) => m.email === 'mata@titikaveka.test');
    expect(request).toMatchObject({ organisationName: 'Titikaveka Netball Club', status: 'pending' });
    const byOfficer = await programmeOfficer.post(
      `/api/v1/register/organisations/${organisationId}/cso-users/${request.userId}/confirmation`,
      { role: 'cso-administrator' },
    );
    expect(byOfficer.status).toBe(403);
    const { result } = await mailCausedBy(vaka.mail, 'mata@titikaveka.test', /You can now act/, () =>
      coordinator.post(
        `/api/v1/register/organisations/${organisationId}/cso-users/${request.userId}/confirmation`,
        {
          role: 'cso-administrator',
        },
      ),
    );
    expect(result.status).toBe(204);
    expect((await person.get('/api/v1/me')).body.organisations).toEqual([
      { organisationId, role: 'cso-administrator' },
    ]);
    const mine = await person.get('/api/v1/portal/organisations');
    expect(mine.body.items).toEqual([
      {
        id: organisationId,
        legalName: 'Titikaveka Netball Club',
        role: 'cso-administrator',
        registerStatus: 'current',
      },
    ]);
    // From now on the organisation's own administrator decides who speaks for it (issue 18 item 2).
    const again = await coordinator.post(
      `/api/v1/register/organisations/${organisationId}/cso-users/${request.userId}/confirmation`,
      { role: 'cso-member' },
    );
    expect(again.status).toBe(403);
    expect(again.body.detail).toMatch(/own administrators/);
  });

  test("once it has an administrator, a refusal is the organisation's: it tells the person why and leaves no membership", async () => {
    const stranger = client(vaka.app);
    const { mail } = await mailCausedBy(vaka.mail, 'impostor@mail.test', /Confirm your e-mail/, () =>
      stranger.post('/api/v1/portal/sign-up', {
        email: 'impostor@mail.test',
        name: 'Not Them',
        organisationId,
      }),
    );
    await stranger.post('/api/v1/portal/links/accept', { token: linkToken(mail), password: TEST_PASSWORD });
    const queue = (await coordinator.get('/api/v1/register/cso-users')).body.items;
    expect(queue.some((m: { email: string }) => m.email === 'impostor@mail.test')).toBe(false);
    const members = `/api/v1/portal/organisations/${organisationId}/members`;
    const pending = (await person.get(`${members}?status=pending`)).body.items;
    const request = pending.find((m: { email: string }) => m.email === 'impostor@mail.test');
    expect(request).toMatchObject({ status: 'pending', role: 'cso-member' });
    const silent = await person.post(`${members}/${request.userId}/refusal`, { reason: '' });
    expect(silent.status).toBe(400);
    expect(silent.body.errors[0].field).toBe('reason');
    const { mail: refusal } = await mailCausedBy(vaka.mail, 'impostor@mail.test', /Your request/, () =>
      person.post(`${members}/${request.userId}/refusal`, {
        reason: 'The club secretary does not know you.',
      }),
    );
    expect(refusal.text).toContain('The club secretary does not know you.');
    const after = (await person.get(`${members}?status=pending`)).body.items;
    expect(after.some((m: { email: string }) => m.email === 'impostor@mail.test')).toBe(false);
  });

  test('a CSO administrator invites a colleague, who is confirmed on accepting', async () => {
    const { mail } = await mailCausedBy(vaka.mail, 'tere@titikaveka.test', /invited to act/, async () => {
      const reply = await person.post(`/api/v1/portal/organisations/${organisationId}/members/invitations`, {
        email: 'tere@titikaveka.test',
        role: 'cso-member',
      });
      expect(reply.status).toBe(202);
      return reply;
    });
    const colleague = client(vaka.app);
    const accepted = await colleague.post('/api/v1/portal/links/accept', {
      token: linkToken(mail),
      name: 'Tere',
      password: TEST_PASSWORD,
    });
    expect(accepted.body.status).toBe('confirmed');
    const members = await person.get(`/api/v1/portal/organisations/${organisationId}/members`);
    expect(members.body.items.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['mata@titikaveka.test', 'cso-administrator'],
      ['tere@titikaveka.test', 'cso-member'],
    ]);
    // a member reads and responds but does not edit the profile or manage users
    const edit = await colleague.patch(`/api/v1/portal/organisations/${organisationId}`, {
      ...profile('Titikaveka Netball', 'club@titikaveka.test'),
      version: 1,
    });
    expect(edit.status).toBe(403);
  });
});

describe("a CSO's edits and the review queue", () => {
  let organisationId: string;
  let cso: Client;

  beforeAll(async () => {
    organisationId = await register('Ngatangiia Women’s Group', 'women@ngatangiia.test');
    ({ cso } = await csoUserOf(vaka, organisationId, 'secretary@ngatangiia.test'));
  });

  async function current() {
    return (await cso.get(`/api/v1/portal/organisations/${organisationId}`)).body;
  }

  test('unverified fields change at once; verified ones wait for review', async () => {
    const verified = await coordinator.post(
      `/api/v1/register/organisations/${organisationId}/verifications`,
      {
        fields: ['legalName'],
      },
    );
    expect(verified.status).toBe(200);
    expect(verified.body.verifiedFields).toEqual(['legalName']);
    const badField = await coordinator.post(
      `/api/v1/register/organisations/${organisationId}/verifications`,
      {
        fields: ['colour'],
      },
    );
    expect(badField.status).toBe(400);

    const before = await current();
    const reply = await cso.patch(`/api/v1/portal/organisations/${organisationId}`, {
      ...profile('Ngatangiia Women’s Association', 'women@ngatangiia.test'),
      mission: 'Weaving, health and savings for the women of Ngatangiia.',
      version: before.version,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.organisation.legalName).toBe('Ngatangiia Women’s Group');
    expect(reply.body.organisation.mission).toBe('Weaving, health and savings for the women of Ngatangiia.');
    expect(reply.body.waitingForReview).toHaveLength(1);
    expect(reply.body.waitingForReview[0]).toMatchObject({
      field: 'legalName',
      currentValue: 'Ngatangiia Women’s Group',
      proposedValue: 'Ngatangiia Women’s Association',
      status: 'pending',
    });
  });

  test('a stale version is refused with 409 and nothing is queued', async () => {
    const queued = (await coordinator.get(`/api/v1/register/profile-changes?organisation=${organisationId}`))
      .body.items.length;
    const reply = await cso.patch(`/api/v1/portal/organisations/${organisationId}`, {
      ...profile('Another Name', 'women@ngatangiia.test'),
      version: 1,
    });
    expect(reply.status).toBe(409);
    const after = (await coordinator.get(`/api/v1/register/profile-changes?organisation=${organisationId}`))
      .body.items.length;
    expect(after).toBe(queued);
  });

  test('a rejection needs a reason, is e-mailed, and cannot be decided twice', async () => {
    const queue = (await coordinator.get('/api/v1/register/profile-changes')).body.items;
    const change = queue.find((c: { organisationId: string }) => c.organisationId === organisationId);
    const noReason = await coordinator.post(`/api/v1/register/profile-changes/${change.id}/decision`, {
      accept: false,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const { mail } = await mailCausedBy(vaka.mail, 'secretary@ngatangiia.test', /not accepted/, () =>
      coordinator.post(`/api/v1/register/profile-changes/${change.id}/decision`, {
        accept: false,
        reason: 'The certificate of incorporation still says Group.',
      }),
    );
    expect(mail.text).toContain('The certificate of incorporation still says Group.');
    const twice = await coordinator.post(`/api/v1/register/profile-changes/${change.id}/decision`, {
      accept: true,
    });
    expect(twice.status).toBe(409);
    expect((await current()).legalName).toBe('Ngatangiia Women’s Group');
  });

  test('an accepted change applies and stays verified by the accepting agency', async () => {
    const before = await current();
    await cso.patch(`/api/v1/portal/organisations/${organisationId}`, {
      ...profile('Ngatangiia Women’s Association Inc', 'women@ngatangiia.test'),
      mission: before.mission,
      version: before.version,
    });
    const own = await cso.get(`/api/v1/portal/organisations/${organisationId}/changes`);
    const change = own.body.items[0];
    expect(change.proposedValue).toBe('Ngatangiia Women’s Association Inc');
    const byViewer = await programmeOfficer.post(`/api/v1/register/profile-changes/${change.id}/decision`, {
      accept: true,
    });
    expect(byViewer.status).toBe(403);
    const accepted = await coordinator.post(`/api/v1/register/profile-changes/${change.id}/decision`, {
      accept: true,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const after = await current();
    expect(after.legalName).toBe('Ngatangiia Women’s Association Inc');
    expect(after.verifiedFields).toContain('legalName');
    // The organisation's history holds every agency's part and the CSO's own edits.
    const history = await coordinator.get(`/api/v1/register/organisations/${organisationId}/history`);
    const events = history.body.items.map((e: { action: string; agencyName: string | null }) => [
      e.action,
      e.agencyName,
    ]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['organisation.changed-by-organisation', null],
        ['profile-change.rejected', 'Ministry of Internal Affairs'],
        ['profile-change.accepted', 'Ministry of Internal Affairs'],
      ]),
    );
    const seenByHealth = await otherAgency.get(`/api/v1/register/organisations/${organisationId}/history`);
    expect(seenByHealth.body.items.map((e: { action: string }) => e.action)).toContain(
      'profile-change.accepted',
    );
  });

  test('the CSO confirms its own yearly renewal', async () => {
    const reply = await cso.post(`/api/v1/portal/organisations/${organisationId}/renewal`, {
      note: 'All correct.',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.renewals.map((r: { note: string }) => r.note)).toContain('All correct.');
  });
});

describe('private parts and who sees them', () => {
  let organisationId: string;
  let cso: Client;

  beforeAll(async () => {
    organisationId = await register('Avarua Disability Support Trust', 'trust@avarua.test');
    ({ cso } = await csoUserOf(vaka, organisationId, 'chair@avarua.test'));
    const own = (await cso.get(`/api/v1/portal/organisations/${organisationId}`)).body;
    const reply = await cso.patch(`/api/v1/portal/organisations/${organisationId}`, {
      ...profile('Avarua Disability Support Trust', 'trust@avarua.test'),
      visibility: { contacts: 'private', finances: 'private' },
      version: own.version,
    });
    expect(reply.status).toBe(200);
  });

  test('agencies the CSO did not choose see the private groups empty', async () => {
    const seen = (await otherAgency.get(`/api/v1/register/organisations/${organisationId}`)).body;
    expect(seen.hiddenGroups).toEqual(['contacts', 'finances']);
    expect(seen.contacts).toEqual([]);
    expect(seen.staffCount).toBeNull();
    expect(seen.mission).toBe('Sport and service for the young people of the island.');
  });

  test('the CSO lets one agency see them; the other still does not', async () => {
    const unknown = await cso.put(`/api/v1/portal/organisations/${organisationId}/private-access`, {
      agencyIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('agencyIds');
    const chosen = await cso.put(`/api/v1/portal/organisations/${organisationId}/private-access`, {
      agencyIds: [agencyId],
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.agencies.find((a: { id: string }) => a.id === agencyId).canSeePrivate).toBe(true);
    expect(chosen.body.agencies.find((a: { id: string }) => a.id === otherAgencyId).canSeePrivate).toBe(
      false,
    );
    const chosenAgency = (await coordinator.get(`/api/v1/register/organisations/${organisationId}`)).body;
    expect(chosenAgency.hiddenGroups).toEqual([]);
    expect(chosenAgency.contacts[0].email).toBe('trust@avarua.test');
    const other = (await otherAgency.get(`/api/v1/register/organisations/${organisationId}`)).body;
    expect(other.contacts).toEqual([]);
  });

  test('an agency that cannot see a private group cannot wipe it with an edit', async () => {
    const seen = (await otherAgency.get(`/api/v1/register/organisations/${organisationId}`)).body;
    const reply = await otherAgency.patch(`/api/v1/register/organisations/${organisationId}`, {
      legalName: seen.legalName,
      kind: seen.kind,
      focusAreas: seen.focusAreas,
      placeIds: [rarotonga],
      contacts: [],
      mission: 'Support for people with disabilities and their families.',
      version: seen.version,
    });
    expect(reply.status).toBe(200);
    const own = (await cso.get(`/api/v1/portal/organisations/${organisationId}`)).body;
    expect(own.contacts).toHaveLength(1);
    expect(own.staffCount).toBe(3);
    expect(own.mission).toBe('Support for people with disabilities and their families.');
  });

  test('a change to a private part waits in the queue without its values for agencies not chosen', async () => {
    await coordinator.post(`/api/v1/register/organisations/${organisationId}/verifications`, {
      fields: ['contacts'],
    });
    const own = (await cso.get(`/api/v1/portal/organisations/${organisationId}`)).body;
    const proposed = await cso.patch(`/api/v1/portal/organisations/${organisationId}`, {
      ...profile(own.legalName, 'new-chair@avarua.test'),
      mission: own.mission,
      visibility: own.visibility,
      version: own.version,
    });
    expect(proposed.body.waitingForReview.map((c: { field: string }) => c.field)).toContain('contacts');
    const queueOf = async (session: Client) =>
      (await session.get(`/api/v1/register/profile-changes?organisation=${organisationId}`)).body.items.find(
        (c: { field: string }) => c.field === 'contacts',
      );
    expect(JSON.stringify((await queueOf(coordinator)).proposedValue)).toContain('new-chair@avarua.test');
    const seenElsewhere = await queueOf(otherAgency);
    expect(seenElsewhere).toMatchObject({ currentValue: null, proposedValue: null });
  });

  test('a CSO user reaches only its own organisation, and no staff routes', async () => {
    const elsewhere = await register('Matavera Fishing Association', 'fish@matavera.test');
    expect((await cso.get(`/api/v1/portal/organisations/${elsewhere}`)).status).toBe(403);
    const takeOver = { ...profile('Mine now', 'fish@matavera.test'), version: 1 };
    expect((await cso.patch(`/api/v1/portal/organisations/${elsewhere}`, takeOver)).status).toBe(403);
    expect((await cso.get(`/api/v1/portal/organisations/${elsewhere}/private-access`)).status).toBe(403);
    expect((await cso.get('/api/v1/register/organisations')).status).toBe(403);
    expect((await cso.get('/api/v1/register/profile-changes')).status).toBe(403);
    expect((await cso.post(`/api/v1/register/organisations/${elsewhere}/renewal`, {})).status).toBe(403);
  });

  test('merging moves the CSO users to the surviving profile', async () => {
    const survivor = await register('Avarua Disability Support Trust Inc', 'office@avarua.test');
    const merged = await coordinator.post(`/api/v1/register/organisations/${survivor}/merge`, {
      duplicateId: organisationId,
    });
    expect(merged.status).toBe(200);
    const signedInAgain = await signedIn(vaka.app, 'chair@avarua.test', TEST_PASSWORD);
    expect((await signedInAgain.get('/api/v1/me')).body.organisations).toEqual([
      { organisationId: survivor, role: 'cso-administrator' },
    ]);
  });
});

describe('governance documents', () => {
  let organisationId: string;
  let cso: Client;
  const pdf = (text: string) => `%PDF-1.4\n% ${text}\n%%EOF\n`;

  beforeAll(async () => {
    organisationId = await register('Aitutaki Lagoon Conservation Trust', 'lagoon@aitutaki.test');
    ({ cso } = await csoUserOf(vaka, organisationId, 'trustee@lagoon.test'));
  });

  test('staff and the CSO add documents with an expiry; a past expiry shows as expired', async () => {
    const byStaff = await uploadTo(
      vaka.app,
      coordinator,
      `/api/v1/register/organisations/${organisationId}/documents?title=Trust%20deed&kind=constitution`,
      { name: 'deed.pdf', bytes: pdf('deed') },
    );
    expect(byStaff.status).toBe(201);
    const byCso = await uploadTo(
      vaka.app,
      cso,
      `/api/v1/portal/organisations/${organisationId}/documents?title=Audited%20accounts%202024&kind=audit-report&expiresOn=2025-06-30`,
      { name: 'accounts.pdf', bytes: pdf('accounts') },
    );
    expect(byCso.status).toBe(201);
    const seen = (await coordinator.get(`/api/v1/register/organisations/${organisationId}`)).body;
    expect(seen.documents.map((d: { title: string; expired: boolean }) => [d.title, d.expired])).toEqual([
      ['Audited accounts 2024', true],
      ['Trust deed', false],
    ]);
    const file = await coordinator.get(
      `/api/v1/register/organisations/${organisationId}/documents/${byCso.body.id}/file`,
    );
    expect(file.status).toBe(200);
    expect(String(file.body)).toContain('accounts');
  });

  test('bad uploads are refused by field or type and store nothing', async () => {
    const url = `/api/v1/portal/organisations/${organisationId}/documents`;
    const noTitle = await uploadTo(vaka.app, cso, `${url}?kind=policy`, { name: 'p.pdf', bytes: pdf('p') });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.errors[0].field).toBe('querystring.title');
    const badDate = await uploadTo(vaka.app, cso, `${url}?title=P&kind=policy&expiresOn=30/06/2025`, {
      name: 'p.pdf',
      bytes: pdf('p'),
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('querystring.expiresOn');
    const program = await uploadTo(vaka.app, cso, `${url}?title=P&kind=policy`, {
      name: 'p.pdf',
      // a program, whatever its name says
      bytes: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), Buffer.alloc(120)]),
    });
    expect(program.status).toBe(415);
    const elsewhere = await register('Some Other Society', 'other@society.test');
    const notTheirs = await uploadTo(
      vaka.app,
      cso,
      `/api/v1/portal/organisations/${elsewhere}/documents?title=P&kind=policy`,
      {
        name: 'p.pdf',
        bytes: pdf('p'),
      },
    );
    expect(notTheirs.status).toBe(403);
    const own = (await cso.get(`/api/v1/portal/organisations/${organisationId}`)).body;
    expect(own.documents).toHaveLength(2);
  });

  test('documents kept private are not listed nor downloadable for agencies the CSO did not choose', async () => {
    const own = (await cso.get(`/api/v1/portal/organisations/${organisationId}`)).body;
    await cso.patch(`/api/v1/portal/organisations/${organisationId}`, {
      ...profile(own.legalName, 'lagoon@aitutaki.test'),
      visibility: { documents: 'private' },
      version: own.version,
    });
    const seen = (await otherAgency.get(`/api/v1/register/organisations/${organisationId}`)).body;
    expect(seen.documents).toEqual([]);
    expect(seen.hiddenGroups).toEqual(['documents']);
    const history = (await otherAgency.get(`/api/v1/register/organisations/${organisationId}/history`)).body;
    const added = history.items.find((e: { action: string }) => e.action === 'organisation.document-added');
    expect(added).toMatchObject({ before: null, after: null });
    expect(added.changedFields).toContain('documentId');
    const download = await otherAgency.get(
      `/api/v1/register/organisations/${organisationId}/documents/${own.documents[0].id}/file`,
    );
    expect(download.status).toBe(403);
  });

  test('the CSO removes a document; it is gone from the profile and its link', async () => {
    const own = (await cso.get(`/api/v1/portal/organisations/${organisationId}`)).body;
    const target = own.documents[0].id;
    expect(
      (await cso.delete(`/api/v1/portal/organisations/${organisationId}/documents/${target}`)).status,
    ).toBe(204);
    const after = (await cso.get(`/api/v1/portal/organisations/${organisationId}`)).body;
    expect(after.documents.map((d: { id: string }) => d.id)).not.toContain(target);
    expect(
      (await cso.get(`/api/v1/portal/organisations/${organisationId}/documents/${target}/file`)).status,
    ).toBe(404);
  });
});
