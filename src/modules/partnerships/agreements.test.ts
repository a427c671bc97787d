import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { signedIn, type Client } from '../../platform/testing/api.ts';
import { csoUserOf } from '../../platform/testing/cso-users.ts';
import { uploadTo } from '../../platform/testing/multipart.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from '../register/index.ts';
import { sendAgreementReminders } from './agreement-reminders.ts';
import { fromMinorUnits, toMinorUnits } from './currencies.ts';
import { partnershipsModule } from './index.ts';
import { isShort } from './lifecycle.ts';
import { approveByCommittee } from './testing/committee-approval.ts';
import { registerOrganisation } from './testing/organisations.ts';
import { allMailSent } from '../../platform/testing/mail-links.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
const org = { youth: '', women: '', outsider: '' };
let partnershipId: string;
let youthAdmin: Client;
let youthMember: Client;
let womenAdmin: Client;
let outsiderAdmin: Client;

const register = (name: string) => registerOrganisation(coordinator, name);

beforeAll(async () => {
  vaka = await startVaka({ modules: [...registerModule, ...partnershipsModule] });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  viewer = await memberWithRole(vaka, admin, 'ana@mia.test', 'viewer');
  otherAgency = (await agencyWithAdministrator(vaka, 'Ministry of Health', 'admin@moh.test')).admin;
  org.youth = await register('Aitutaki Youth Council');
  org.women = await register("Takitumu Women's Association");
  org.outsider = await register('Mangaia Fishers');
  const created = await coordinator.post('/api/v1/partnerships', {
    title: 'Safe homes in Takitumu',
    parties: [{ organisationId: org.youth, lead: true }, { organisationId: org.women }],
    formality: 'formal',
    form: 'mou',
    startsOn: '2027-01-01',
    endsOn: '2029-12-31',
  });
  expect(created.status).toBe(201);
  partnershipId = created.body.id;
  youthAdmin = (await csoUserOf(vaka, org.youth, 'tere@ayc.test')).cso;
  youthMember = (await csoUserOf(vaka, org.youth, 'teina@ayc.test', 'cso-member')).cso;
  womenAdmin = (await csoUserOf(vaka, org.women, 'vaine@twa.test')).cso;
  outsiderAdmin = (await csoUserOf(vaka, org.outsider, 'tangi@mf.test')).cso;
});
afterAll(() => vaka.close());

const base = () => `/api/v1/partnerships/${partnershipId}/agreements`;

async function newAgreement(title: string) {
  const reply = await coordinator.post(base(), { kind: 'mou', title });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

const details = () => ({
  kind: 'mou',
  title: 'Memorandum of understanding: safe homes',
  startsOn: '2027-01-01',
  endsOn: '2028-12-31',
  conditions: 'Survivors are referred only with their consent.',
  conductTerms: 'Do no harm; keep survivors’ information confidential; zero tolerance of abuse.',
  parties: [
    { organisationId: org.youth, responsibilities: 'Runs the safe house roster.' },
    { organisationId: org.women, responsibilities: 'Trains volunteers in referral.' },
  ],
  milestones: [
    { title: 'Volunteers trained', dueOn: '2027-03-31' },
    { title: 'Safe house open', dueOn: '2027-06-30', done: false },
  ],
  budgetLines: [
    { category: 'Training', amount: '12500.10', currency: 'NZD', funder: 'Ministry of Internal Affairs' },
    { category: 'Transport', amount: '0.20', currency: 'NZD' },
    { category: 'Materials', amount: '150000', currency: 'JPY', funder: 'JICA' },
  ],
});

async function moveAgreement(id: string, state: string, version: number) {
  return coordinator.post(`${base()}/${id}/state`, { state, reason: `To ${state}`, version });
}

describe('agreement details', () => {
  let id: string;

  test('parties with responsibilities, milestones and budget lines are kept; totals are exact per currency', async () => {
    id = await newAgreement('MoU');
    const reply = await coordinator.put(`${base()}/${id}`, { ...details(), version: 1 });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      title: 'Memorandum of understanding: safe homes',
      state: 'draft',
      startsOn: '2027-01-01',
      endsOn: '2028-12-31',
      parties: [
        { organisationId: org.youth, legalName: 'Aitutaki Youth Council', acknowledgement: null },
        { organisationId: org.women, responsibilities: 'Trains volunteers in referral.' },
      ],
      milestones: [
        { title: 'Volunteers trained', dueOn: '2027-03-31', done: false },
        { title: 'Safe house open', dueOn: '2027-06-30', done: false },
      ],
      budgetLines: [
        { category: 'Training', amount: '12500.10', amountMinor: 1250010, currency: 'NZD' },
        { category: 'Transport', amount: '0.20', amountMinor: 20, currency: 'NZD', funder: null },
        { category: 'Materials', amount: '150000', amountMinor: 150000, currency: 'JPY', funder: 'JICA' },
      ],
      // 12500.10 + 0.20 in floats is 12500.300000000001; in minor units it is exact.
      budgetTotals: [
        { currency: 'JPY', amount: '150000' },
        { currency: 'NZD', amount: '12500.30' },
      ],
      amendments: [],
      version: 2,
    });
    const listed = await viewer.get(base());
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await otherAgency.get(base())).status).toBe(404);
    expect((await otherAgency.get(`${base()}/${id}`)).status).toBe(404);
  });

  test.each([
    [
      'an unknown currency',
      { budgetLines: [{ category: 'Fuel', amount: '10', currency: 'XYZ' }] },
      'budgetLines.0.currency',
    ],
    [
      'gold, which has no minor unit',
      { budgetLines: [{ category: 'Fuel', amount: '10', currency: 'XAU' }] },
      'budgetLines.0.currency',
    ],
    [
      'the testing code',
      { budgetLines: [{ category: 'Fuel', amount: '10', currency: 'XTS' }] },
      'budgetLines.0.currency',
    ],
    [
      'four decimals in Kuwaiti dinars',
      { budgetLines: [{ category: 'Fuel', amount: '1.0005', currency: 'KWD' }] },
      'budgetLines.0.amount',
    ],
    [
      'a currency in lower case',
      { budgetLines: [{ category: 'Fuel', amount: '10', currency: 'nzd' }] },
      'budgetLines.0.currency',
    ],
    [
      'a float amount',
      { budgetLines: [{ category: 'Fuel', amount: 10.5, currency: 'NZD' }] },
      'budgetLines.0.amount',
    ],
    [
      'cents in yen',
      { budgetLines: [{ category: 'Fuel', amount: '10.50', currency: 'JPY' }] },
      'budgetLines.0.amount',
    ],
    [
      'a negative amount',
      { budgetLines: [{ category: 'Fuel', amount: '-5', currency: 'NZD' }] },
      'budgetLines.0.amount',
    ],
    ['an end before the start', { startsOn: '2027-06-01', endsOn: '2027-05-31' }, 'endsOn'],
    ['a party outside the partnership', { parties: [{ organisationId: '' }] }, 'parties.0.organisationId'],
    ['a milestone without a date', { milestones: [{ title: 'Launch' }] }, 'milestones.0.dueOn'],
  ])('%s gets a 400 naming the field and changes nothing', async (_name, change, field) => {
    const body = { ...details(), ...change, version: 2 };
    if (field === 'parties.0.organisationId')
      body.parties = [{ organisationId: org.outsider, responsibilities: 'x' }];
    const reply = await coordinator.put(`${base()}/${id}`, body);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body.errors)).toContain(field);
    // A hundred days on, the session has lapsed: sign in again.
    coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
    const after = await coordinator.get(`${base()}/${id}`);
    expect(after.body.version).toBe(2);
    expect(after.body.budgetLines).toHaveLength(3);
  });

  test('a stale version gets 409 with the current agreement; a viewer may not change it', async () => {
    const stale = await coordinator.put(`${base()}/${id}`, { ...details(), title: 'Old', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(2);
    expect((await viewer.put(`${base()}/${id}`, { ...details(), version: 2 })).status).toBe(403);
  });

  test('the currency list is ISO 4217 with each currency’s decimals', async () => {
    const list = (await viewer.get('/api/v1/partnerships/currencies')).body.items;
    expect(list).toContainEqual({ code: 'NZD', minorUnits: 2 });
    expect(list).toContainEqual({ code: 'PKR', minorUnits: 2 });
    expect(list).toContainEqual({ code: 'KWD', minorUnits: 3 });
    expect(list).toContainEqual({ code: 'JPY', minorUnits: 0 });
    expect(list).toContainEqual({ code: 'XPF', minorUnits: 0 });
    expect(list).toContainEqual({ code: 'XCG', minorUnits: 2 });
    const codes = list.map((c: { code: string }) => c.code);
    for (const notMoney of ['HRK', 'XAU', 'XDR', 'XTS', 'XXX']) expect(codes).not.toContain(notMoney);
    expect(toMinorUnits('1.005', 'KWD')).toBe(1005);
    expect(toMinorUnits('1.0005', 'KWD')).toBeNull();
    expect(toMinorUnits('0.1', 'NZD')).toBe(10);
    expect(toMinorUnits('0.125', 'NZD')).toBeNull();
    expect(toMinorUnits('150000', 'JPY')).toBe(150000);
    expect(toMinorUnits('1.5', 'JPY')).toBeNull();
    expect(fromMinorUnits(1005, 'KWD')).toBe('1.005');
    expect(fromMinorUnits(150000, 'JPY')).toBe('150000');
  });
});

describe('states, the code of conduct and amendments', () => {
  let id: string;
  let version: number;

  test('forbidden moves are refused; signing waits for every party to acknowledge the code of conduct', async () => {
    id = await newAgreement('Conduct first');
    version = (await coordinator.put(`${base()}/${id}`, { ...details(), version: 1 })).body.version;
    const skip = await moveAgreement(id, 'active', version);
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ from: 'draft', to: 'active' });
    const expire = await moveAgreement(id, 'expired', version);
    expect(expire.status).toBe(409);
    version = (await moveAgreement(id, 'negotiating', version)).body.version;
    const early = await moveAgreement(id, 'signed', version);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/2 parties have not acknowledged the code of conduct/);
  });

  test('a party’s people see negotiated agreements (not drafts) and acknowledge for their organisation', async () => {
    const draft = await newAgreement('Still a draft');
    const seen = await youthMember.get(
      `/api/v1/partnerships/portal/${org.youth}/${partnershipId}/agreements`,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(seen.body.items.map((a: { id: string }) => a.id)).not.toContain(draft);

    const url = (o: string, a = id) =>
      `/api/v1/partnerships/portal/${o}/${partnershipId}/agreements/${a}/acknowledgement`;
    vaka.clock.advance(days(1));
    const acknowledged = await youthMember.post(url(org.youth));
    expect(acknowledged.status).toBe(200);
    const party = acknowledged.body.parties.find(
      (p: { organisationId: string }) => p.organisationId === org.youth,
    );
    expect(party.acknowledgement).toEqual({ at: vaka.clock.now().toISOString(), by: 'teina' });
    // Again: nothing changes, the first acknowledgement stands.
    vaka.clock.advance(days(1));
    const again = await youthAdmin.post(url(org.youth));
    expect(again.body.parties[0].acknowledgement.by).toBe('teina');

    // Not a party of the partnership: 404; acting for another organisation: 403; a draft: 404.
    expect((await outsiderAdmin.post(url(org.outsider))).status).toBe(404);
    expect(
      (await outsiderAdmin.get(`/api/v1/partnerships/portal/${org.outsider}/${partnershipId}/agreements`))
        .status,
    ).toBe(404);
    expect((await womenAdmin.post(url(org.youth))).status).toBe(403);
    expect((await youthAdmin.post(url(org.youth, draft))).status).toBe(404);
    const trail = await coordinator.get(`/api/v1/audit/partnership/${partnershipId}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toContain(
      'partnership.conduct-acknowledged',
    );
  });

  test('a party of the partnership but not of the agreement may not acknowledge it', async () => {
    const narrow = await newAgreement('Youth only');
    const v = (
      await coordinator.put(`${base()}/${narrow}`, {
        ...details(),
        parties: [{ organisationId: org.youth }],
        version: 1,
      })
    ).body.version;
    expect((await moveAgreement(narrow, 'negotiating', v)).status).toBe(200);
    const refused = await womenAdmin.post(
      `/api/v1/partnerships/portal/${org.women}/${partnershipId}/agreements/${narrow}/acknowledgement`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/not a party to this agreement/);
  });

  test('a code of conduct with no party named to acknowledge it cannot be signed', async () => {
    const unnamed = await newAgreement('Nobody named');
    const v = (await coordinator.put(`${base()}/${unnamed}`, { ...details(), parties: [], version: 1 })).body
      .version;
    const negotiating = await moveAgreement(unnamed, 'negotiating', v);
    expect(negotiating.status).toBe(200);
    const refused = await moveAgreement(unnamed, 'signed', negotiating.body.version);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/names no party to acknowledge it/);
    const after = await coordinator.get(base());
    expect(after.body.items.find((a: { id: string }) => a.id === unnamed).state).toBe('negotiating');
  });

  test('once both parties acknowledge, it is signed; a change is then an amendment with its reason and what changed', async () => {
    await womenAdmin.post(
      `/api/v1/partnerships/portal/${org.women}/${partnershipId}/agreements/${id}/acknowledgement`,
    );
    const signed = await moveAgreement(id, 'signed', version);
    expect(signed.status).toBe(200);
    version = signed.body.version;

    const changed = { ...details(), endsOn: '2029-06-30', version };
    const noReason = await coordinator.put(`${base()}/${id}`, changed);
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('amendmentReason');

    const amended = await coordinator.put(`${base()}/${id}`, {
      ...changed,
      amendmentReason: 'The donor extended the grant by six months.',
    });
    expect(amended.status).toBe(200);
    expect(amended.body.amendments).toEqual([
      expect.objectContaining({
        version: version + 1,
        reason: 'The donor extended the grant by six months.',
        changes: [{ field: 'endsOn', before: '2028-12-31', after: '2029-06-30' }],
        by: 'mere',
      }),
    ]);
    // The acknowledgements stand while the code of conduct is unchanged.
    expect(amended.body.parties.every((p: { acknowledgement: unknown }) => p.acknowledgement)).toBe(true);
    version = amended.body.version;

    const newCode = await coordinator.put(`${base()}/${id}`, {
      ...changed,
      conductTerms: 'Do no harm, and report any concern within 24 hours.',
      budgetLines: [{ category: 'Training', amount: '13000', currency: 'NZD' }],
      amendmentReason: 'Reporting rule added after the review.',
      version,
    });
    expect(newCode.status).toBe(200);
    expect(newCode.body.amendments).toHaveLength(2);
    expect(newCode.body.amendments[1].changes.map((c: { field: string }) => c.field)).toEqual([
      'conductTerms',
      'budgetLines',
    ]);
    expect(newCode.body.parties.every((p: { acknowledgement: unknown }) => p.acknowledgement === null)).toBe(
      true,
    );
    version = newCode.body.version;
  });

  test('signed copies are versioned; every version stays downloadable', async () => {
    const url = `${base()}/${id}/files`;
    const first = await uploadTo(vaka.app, coordinator, url, {
      name: 'mou-signed.pdf',
      bytes: '%PDF-1.4 first',
    });
    expect(first.status).toBe(201);
    expect(first.body.version).toBe(1);
    const second = await uploadTo(vaka.app, coordinator, url, {
      name: 'mou-amended.pdf',
      bytes: '%PDF-1.4 second',
    });
    expect(second.body.version).toBe(2);
    const refused = await uploadTo(vaka.app, viewer, url, { name: 'x.pdf', bytes: '%PDF-1.4' });
    expect(refused.status).toBe(403);
    const view = (await viewer.get(`${base()}/${id}`)).body;
    expect(view.files.map((f: { version: number; name: string }) => [f.version, f.name])).toEqual([
      [1, 'mou-signed.pdf'],
      [2, 'mou-amended.pdf'],
    ]);
    const old = await viewer.get(`${url}/1`);
    expect(old.status).toBe(200);
    expect(old.body).toBe('%PDF-1.4 first');
    expect((await viewer.get(`${url}/3`)).status).toBe(404);
    // A party's people download it in the portal; another organisation may not.
    const portal = `/api/v1/partnerships/portal/${org.women}/${partnershipId}/agreements/${id}/files`;
    const mine = await womenAdmin.get(`${portal}/2`);
    expect(mine.status).toBe(200);
    expect(mine.body).toBe('%PDF-1.4 second');
    expect((await outsiderAdmin.get(`${portal}/2`)).status).toBe(403);
    const other = `/api/v1/partnerships/portal/${org.outsider}/${partnershipId}/agreements/${id}/files/2`;
    expect((await outsiderAdmin.get(other)).status).toBe(404);
    expect((await otherAgency.get(`${url}/1`)).status).toBe(404);
  });

  test('terminated agreements cannot change', async () => {
    const terminated = await moveAgreement(id, 'terminated', version);
    expect(terminated.status).toBe(200);
    const refused = await coordinator.put(`${base()}/${id}`, {
      ...details(),
      amendmentReason: 'Too late',
      version: terminated.body.version,
    });
    expect(refused.status).toBe(409);
  });
});

describe('expiry reminders and expiry', () => {
  test('coordinator and the parties’ CSO administrators are reminded at 90, 30 and 7 days, once each; then it expires', async () => {
    // Today is 2026-11-23 (plus the two days above); the agreement ends 100 days from now.
    const endsOn = new Date(vaka.clock.now().getTime() + days(100)).toISOString().slice(0, 10);
    const id = await newAgreement('Ending soon');
    let version = (
      await coordinator.put(`${base()}/${id}`, {
        ...details(),
        title: 'Ending soon',
        conductTerms: null,
        startsOn: '2026-01-01',
        endsOn,
        version: 1,
      })
    ).body.version;
    for (const state of ['negotiating', 'signed', 'active'])
      version = (await moveAgreement(id, state, version)).body.version;
    await sendAgreementReminders(vaka.platform); // earlier agreements are far from their end
    vaka.mail.received.length = 0;

    expect((await sendAgreementReminders(vaka.platform)).reminded).toBe(0);
    vaka.clock.advance(days(11)); // 89 days left
    expect(await sendAgreementReminders(vaka.platform)).toEqual({ reminded: 1, expired: 0 });
    const toCoordinator = await vaka.mail.waitFor(
      'mere@mia.test',
      /Ending soon: the agreement ends on .* in 89 days/,
    );
    expect(toCoordinator.text).toContain('Agree together whether to renew it');
    await vaka.mail.waitFor('tere@ayc.test', /Ending soon/);
    await vaka.mail.waitFor('vaine@twa.test', /Ending soon/);
    expect(await sendAgreementReminders(vaka.platform)).toEqual({ reminded: 0, expired: 0 });

    vaka.clock.advance(days(59)); // 30 days left
    expect((await sendAgreementReminders(vaka.platform)).reminded).toBe(1);
    vaka.clock.advance(days(10)); // 20 days left: nothing new
    expect((await sendAgreementReminders(vaka.platform)).reminded).toBe(0);
    vaka.clock.advance(days(15)); // 5 days left: the 7-day reminder, late but once
    expect((await sendAgreementReminders(vaka.platform)).reminded).toBe(1);
    expect((await sendAgreementReminders(vaka.platform)).reminded).toBe(0);
    await vaka.mail.waitFor('mere@mia.test', /Ending soon: .* in 30 days/);
    await vaka.mail.waitFor('mere@mia.test', /Ending soon: .* in 5 days/);
    await allMailSent(vaka.platform);
    const mine = vaka.mail.received.filter(
      (m) => m.to.includes('mere@mia.test') && /Ending soon/.test(m.subject),
    );
    expect(mine).toHaveLength(3);
    // A CSO member (not an administrator) hears nothing.
    expect(vaka.mail.received.filter((m) => m.to.includes('teina@ayc.test'))).toEqual([]);

    vaka.clock.advance(days(5)); // the end date itself: still active
    expect((await sendAgreementReminders(vaka.platform)).expired).toBe(0);
    vaka.clock.advance(days(1));
    expect((await sendAgreementReminders(vaka.platform)).expired).toBe(1);
    // A hundred days on, the session has lapsed: sign in again.
    coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
    const after = await coordinator.get(`${base()}/${id}`);
    expect(after.body).toMatchObject({ state: 'expired', allowedMoves: [] });
    const trail = await coordinator.get(`/api/v1/audit/partnership/${partnershipId}`);
    expect(JSON.stringify(trail.body.items)).toContain(`system:partnerships.agreement-reminders`);
  });
});

type Question = { id: string; kind: string; required: boolean };
const good = (q: Question) =>
  q.kind === 'yes-no' ? true : q.kind === 'scale' ? 5 : q.kind === 'text' ? 'Seen on a visit' : undefined;

describe('phase-out plan for short partnerships', () => {
  test('a partnership of twelve months or less is agreed only with its phase-out plan (001 §15e)', async () => {
    coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
    const short = {
      title: 'Cyclone recovery kits',
      parties: [{ organisationId: org.women }],
      formality: 'informal',
      form: 'network',
      startsOn: '2027-01-01',
      endsOn: '2027-09-30',
    };
    const created = await coordinator.post('/api/v1/partnerships', short);
    const id = created.body.id as string;
    let version = 1;
    const move = async (state: string) => {
      const reply = await coordinator.post(`/api/v1/partnerships/${id}/state`, {
        state,
        reason: 'Next',
        version,
      });
      if (reply.status === 200) version = reply.body.version;
      return reply;
    };
    for (const state of ['scoping', 'due-diligence']) expect((await move(state)).status).toBe(200);
    const started = await coordinator.post(`/api/v1/partnerships/${id}/assessments`, {
      organisationId: org.women,
    });
    const answers = Object.fromEntries(
      started.body.questions.filter((q: Question) => q.required).map((q: Question) => [q.id, good(q)]),
    );
    await coordinator.patch(`/api/v1/partnerships/${id}/assessments/${started.body.id}`, { answers });
    expect(
      (await coordinator.post(`/api/v1/partnerships/${id}/assessments/${started.body.id}/complete`)).status,
    ).toBe(200);
    expect((await move('awaiting-decision')).status).toBe(200);
    const refused = await move('agreed');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/twelve months or less needs its phase-out plan/);
    const planned = await coordinator.patch(`/api/v1/partnerships/${id}`, {
      ...short,
      phaseOutPlan: 'Kits and the volunteer list go to the association in September.',
      version,
    });
    expect(planned.status).toBe(200);
    version = planned.body.version;
    await approveByCommittee(vaka, coordinator, 'mere@mia.test', id);
    expect((await move('agreed')).status).toBe(200);
  });

  test('twelve months or less counts as short', () => {
    expect(isShort({ startsOn: '2027-01-01', endsOn: '2028-01-01' })).toBe(true);
    expect(isShort({ startsOn: '2027-01-01', endsOn: '2028-01-02' })).toBe(false);
    expect(isShort({ startsOn: '2027-01-01', endsOn: null })).toBe(false);
  });
});
