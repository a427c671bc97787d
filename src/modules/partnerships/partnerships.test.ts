import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { agencyWithAdministrator, memberWithRole } from '../../platform/testing/agencies.ts';
import type { Client } from '../../platform/testing/api.ts';
import { csoUserOf } from '../../platform/testing/cso-users.ts';
import { upload, uploadTo } from '../../platform/testing/multipart.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from '../register/index.ts';
import { approveByCommittee } from './testing/committee-approval.ts';
import { partnershipsModule } from './index.ts';
import { registerOrganisation } from './testing/organisations.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
let places: Record<string, string>;
const org = { youth: '', women: '', disability: '' };

const register = (name: string) => registerOrganisation(coordinator, name);

beforeAll(async () => {
  vaka = await startVaka({ modules: [...registerModule, ...partnershipsModule] });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  viewer = await memberWithRole(vaka, admin, 'ana@mia.test', 'viewer');
  const other = await agencyWithAdministrator(vaka, 'Ministry of Health', 'admin@moh.test');
  otherAgency = other.admin;
  const taxonomies = (await coordinator.get('/api/v1/register/taxonomies')).body;
  places = Object.fromEntries(taxonomies.places.map((p: { code: string; id: string }) => [p.code, p.id]));
  org.youth = await register('Aitutaki Youth Council');
  org.women = await register("Takitumu Women's Association");
  org.disability = await register('Te Vaerua Community Rehabilitation');
});
afterAll(() => vaka.close());

const youthSport = () => ({
  title: 'Youth sport in the villages',
  purpose: 'Weekend sport for young people in Takitumu.',
  sharedVision: 'Every young person on Rarotonga plays a sport they love.',
  parties: [{ organisationId: org.youth, lead: false }],
  focusAreas: ['youth', 'sport-and-recreation'],
  placeIds: [places['CK-RAR-TAKI']],
  formality: 'formal',
  form: 'mou',
  agencyRoles: ['facilitator', 'capacity-builder'],
  startsOn: '2027-01-01',
  endsOn: '2028-12-31',
});

type Question = { id: string; kind: string; required: boolean };
const good = (q: Question) =>
  q.kind === 'yes-no' ? true : q.kind === 'scale' ? 5 : q.kind === 'text' ? 'Seen on a visit' : undefined;

/** Starts, answers every required question well, and completes an agency assessment of a party. */
async function assess(partnershipId: string, organisationId: string, templateId?: string) {
  const base = `/api/v1/partnerships/${partnershipId}/assessments`;
  const started = await coordinator.post(base, { organisationId, ...(templateId ? { templateId } : {}) });
  expect(started.status).toBe(201);
  const answers = Object.fromEntries(
    started.body.questions.filter((q: Question) => q.required).map((q: Question) => [q.id, good(q)]),
  );
  expect((await coordinator.patch(`${base}/${started.body.id}`, { answers })).status).toBe(200);
  return coordinator.post(`${base}/${started.body.id}/complete`);
}

/** The seeded template for the agency's side, as a body to create or change one from. */
async function agencyTemplate() {
  const templates = (await coordinator.get('/api/v1/partnerships/due-diligence/templates')).body.items;
  const {
    id: _id,
    active: _active,
    version: _version,
    ...body
  } = templates.find((t: { direction: string }) => t.direction === 'agency-assesses-organisation');
  return body;
}

const approve = (partnershipId: string) =>
  approveByCommittee(vaka, coordinator, 'mere@mia.test', partnershipId);

async function count() {
  return (await coordinator.get('/api/v1/partnerships?limit=200')).body.items.length as number;
}

describe('the partnership record', () => {
  let id: string;

  test('a coordinator starts a partnership: identified, at its level, with both first moves dated', async () => {
    const reply = await coordinator.post('/api/v1/partnerships', { ...youthSport(), level: 'coordinating' });
    expect(reply.status).toBe(201);
    id = reply.body.id;
    expect(reply.body).toMatchObject({
      title: 'Youth sport in the villages',
      state: 'identified',
      level: 'coordinating',
      strategic: null,
      parties: [{ organisationId: org.youth, legalName: 'Aitutaki Youth Council', lead: false }],
      allowedMoves: ['scoping', 'declined', 'withdrawn'],
      version: 1,
    });
    expect(reply.body.levelHistory).toEqual([expect.objectContaining({ from: null, to: 'coordinating' })]);
    expect(reply.body.stateHistory).toEqual([expect.objectContaining({ from: null, to: 'identified' })]);
    const trail = await coordinator.get(`/api/v1/audit/partnership/${id}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['partnership.created']);
  });

  test.each([
    [
      'a party not in the register',
      { parties: [{ organisationId: '00000000-0000-4000-8000-000000000000' }] },
      'parties.0.organisationId',
    ],
    ['a consortium without a lead', { form: 'consortium' }, 'parties'],
    ['an unknown focus area', { focusAreas: ['knitting'] }, 'focusAreas.0'],
    ['an unknown place', { placeIds: ['00000000-0000-4000-8000-000000000000'] }, 'placeIds.0'],
    ['an end before the start', { startsOn: '2027-06-01', endsOn: '2027-05-31' }, 'endsOn'],
    ['an unknown form', { form: 'friendship' }, 'form'],
    ['no party at all', { parties: [] }, 'parties'],
  ])('%s is refused by field, and nothing is saved', async (_, change, field) => {
    const before = await count();
    const reply = await coordinator.post('/api/v1/partnerships', { ...youthSport(), ...change });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  test('a consortium with exactly one lead is accepted', async () => {
    const reply = await coordinator.post('/api/v1/partnerships', {
      ...youthSport(),
      title: 'Disability inclusion consortium',
      form: 'consortium',
      parties: [
        { organisationId: org.disability, lead: true },
        { organisationId: org.women, lead: false },
      ],
      focusAreas: ['disability'],
      placeIds: [places['CK-AIT']],
    });
    expect(reply.status).toBe(201);
    expect(reply.body.parties[0]).toMatchObject({ organisationId: org.disability, lead: true });
  });

  test('an edit carries its version; a stale one gets 409 with the current record and changes nothing', async () => {
    const edited = await coordinator.patch(`/api/v1/partnerships/${id}`, {
      ...youthSport(),
      title: 'Youth sport in every village',
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Youth sport in every village', version: 2 });
    const stale = await coordinator.patch(`/api/v1/partnerships/${id}`, {
      ...youthSport(),
      title: 'Lost edit',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale-version');
    expect(stale.body.current.title).toBe('Youth sport in every village');
    expect((await coordinator.get(`/api/v1/partnerships/${id}`)).body.title).toBe(
      'Youth sport in every village',
    );
  });

  test('the list filters by state, level, focus area, place (and below) and organisation', async () => {
    const titles = async (query: string) =>
      (await viewer.get(`/api/v1/partnerships?${query}`)).body.items
        .map((p: { title: string }) => p.title)
        .sort();
    expect(await titles('level=coordinating')).toEqual(['Youth sport in every village']);
    expect(await titles('state=identified')).toHaveLength(2);
    expect(await titles('focusArea=disability')).toEqual(['Disability inclusion consortium']);
    // Takitumu is a district of Rarotonga: a filter on the island finds it.
    expect(await titles(`place=${places['CK-RAR']}`)).toEqual(['Youth sport in every village']);
    expect(await titles(`place=${places['CK-AIT']}`)).toEqual(['Disability inclusion consortium']);
    expect(await titles(`organisation=${org.women}`)).toEqual(['Disability inclusion consortium']);
    expect(await titles(`organisation=${org.youth}&state=closed`)).toEqual([]);
  });

  test('pages follow a cursor without repeats, and a made-up cursor is refused', async () => {
    const first = await viewer.get('/api/v1/partnerships?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await viewer.get(`/api/v1/partnerships?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.nextCursor).toBeNull();
    expect((await viewer.get('/api/v1/partnerships?cursor=nonsense')).status).toBe(400);
  });

  test('another agency sees none of it, and a viewer cannot change it', async () => {
    expect((await otherAgency.get('/api/v1/partnerships')).body.items).toEqual([]);
    expect((await otherAgency.get(`/api/v1/partnerships/${id}`)).status).toBe(404);
    expect((await viewer.post('/api/v1/partnerships', youthSport())).status).toBe(403);
    expect(
      (
        await viewer.post(`/api/v1/partnerships/${id}/level`, {
          level: 'networking',
          reason: 'x',
          version: 2,
        })
      ).status,
    ).toBe(403);
  });
});

describe('continuum and strategic test', () => {
  let id: string;
  beforeAll(async () => {
    id = (await coordinator.post('/api/v1/partnerships', { ...youthSport(), title: 'Elders' })).body.id;
  });

  test('a move along the continuum keeps a dated history with its reason, and shows in the pool chart', async () => {
    const before = (await viewer.get('/api/v1/partnerships/pool?months=3')).body.points;
    // Into next month (the test clock starts on 23 November); sessions last 30 idle days.
    vaka.clock.advance(days(20));
    const moved = await coordinator.post(`/api/v1/partnerships/${id}/level`, {
      level: 'cooperating',
      reason: 'Shared transport for the elders day programme',
      version: 1,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.level).toBe('cooperating');
    expect(moved.body.levelHistory.at(-1)).toMatchObject({
      from: 'networking',
      to: 'cooperating',
      reason: 'Shared transport for the elders day programme',
    });
    const same = await coordinator.post(`/api/v1/partnerships/${id}/level`, {
      level: 'cooperating',
      reason: 'again',
      version: 2,
    });
    expect(same.status).toBe(400);
    const noReason = await coordinator.post(`/api/v1/partnerships/${id}/level`, {
      level: 'networking',
      reason: ' ',
      version: 2,
    });
    expect(noReason.status).toBe(400);
    const after = (await viewer.get('/api/v1/partnerships/pool?months=3')).body.points;
    expect(after).toHaveLength(3);
    // The month before the move counts it as networking, this month as cooperating.
    expect(after.at(-2).networking).toBe(before.at(-1).networking);
    expect(after.at(-1).cooperating).toBe(before.at(-1).cooperating + 1);
    expect(after.at(-1).networking).toBe(before.at(-1).networking - 1);
  });

  test('four yes answers make it strategic, one no makes it not; an override needs a reason and is audited', async () => {
    const yes = { sharedVision: true, servesStrategy: true, beyondDeliverable: true, moreThanMoney: true };
    const answered = await coordinator.put(`/api/v1/partnerships/${id}/strategic-test`, {
      answers: yes,
      version: 2,
    });
    expect(answered.status).toBe(200);
    expect(answered.body.strategic).toBe(true);
    const partial = await coordinator.put(`/api/v1/partnerships/${id}/strategic-test`, {
      answers: { ...yes, moreThanMoney: null },
      version: 3,
    });
    expect(partial.body.strategic).toBeNull();
    const no = await coordinator.put(`/api/v1/partnerships/${id}/strategic-test`, {
      answers: { ...yes, moreThanMoney: false },
      version: 4,
    });
    expect(no.body.strategicTest.classification).toBe(false);
    expect(
      (
        await coordinator.put(`/api/v1/partnerships/${id}/strategic-override`, {
          strategic: true,
          version: 5,
        })
      ).status,
    ).toBe(400);
    const overridden = await coordinator.put(`/api/v1/partnerships/${id}/strategic-override`, {
      strategic: true,
      reason: 'The funding is a bridge to a joint advocacy plan',
      version: 5,
    });
    expect(overridden.body).toMatchObject({ strategic: true, strategicTest: { classification: false } });
    expect(overridden.body.strategicTest.override.reason).toBe(
      'The funding is a bridge to a joint advocacy plan',
    );
    const strategic = (await viewer.get('/api/v1/partnerships?strategic=yes')).body.items.map(
      (p: { id: string }) => p.id,
    );
    expect(strategic).toEqual([id]);
    const removed = await coordinator.put(`/api/v1/partnerships/${id}/strategic-override`, {
      strategic: null,
      reason: 'Back to the answers',
      version: 6,
    });
    expect(removed.body.strategic).toBe(false);
    const trail = (await coordinator.get(`/api/v1/audit/partnership/${id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(trail).toContain('partnership.strategic-overridden');
    expect(trail).toContain('partnership.strategic-override-removed');
  });
});

describe('lifecycle', () => {
  let id: string;
  let version = 1;
  const move = async (state: string, reason = `to ${state}`) => {
    const reply = await coordinator.post(`/api/v1/partnerships/${id}/state`, { state, reason, version });
    if (reply.status === 200) version = reply.body.version;
    return reply;
  };
  beforeAll(async () => {
    const created = await coordinator.post('/api/v1/partnerships', {
      ...youthSport(),
      title: 'Women in leadership',
      parties: [{ organisationId: org.women }, { organisationId: org.disability }],
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });

  test('a move the table forbids is a 409 naming from and to, and changes nothing', async () => {
    const reply = await move('active');
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'conflict', from: 'identified', to: 'active' });
    expect((await coordinator.get(`/api/v1/partnerships/${id}`)).body).toMatchObject({
      state: 'identified',
      version: 1,
    });
  });

  test('no decision request until every party has a complete, valid due diligence', async () => {
    expect((await move('scoping')).status).toBe(200);
    expect((await move('due-diligence')).status).toBe(200);
    const refused = await move('awaiting-decision');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/2 of 2 parties/);

    const outsider = await coordinator.post(`/api/v1/partnerships/${id}/assessments`, {
      organisationId: org.youth,
    });
    expect(outsider.status).toBe(400);
    expect((await assess(id, org.women)).status).toBe(200);
    expect((await move('awaiting-decision')).body.detail).toMatch(/1 of 2 parties/);
    expect((await assess(id, org.disability)).status).toBe(200);
    expect((await move('awaiting-decision')).status).toBe(200);
    expect((await move('agreed')).body.detail).toMatch(/committee has not decided/);
    await approve(id);
    expect((await move('agreed', 'Committee approved on 20 November')).status).toBe(200);
  });

  test('a formal partnership becomes active only with a signed agreement', async () => {
    expect((await move('active')).body.detail).toMatch(/signed agreement/);
    const agreement = await coordinator.post(`/api/v1/partnerships/${id}/agreements`, {
      kind: 'mou',
      title: 'Memorandum of understanding 2027',
    });
    expect(agreement.status).toBe(201);
    const a = agreement.body.id;
    const skip = await coordinator.post(`/api/v1/partnerships/${id}/agreements/${a}/state`, {
      state: 'active',
      reason: 'x',
      version: 1,
    });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ from: 'draft', to: 'active' });
    await coordinator.post(`/api/v1/partnerships/${id}/agreements/${a}/state`, {
      state: 'negotiating',
      reason: 'Sent',
      version: 1,
    });
    expect((await move('active')).status).toBe(409);
    const signed = await coordinator.post(`/api/v1/partnerships/${id}/agreements/${a}/state`, {
      state: 'signed',
      reason: 'Both signed',
      version: 2,
    });
    expect(signed.body).toMatchObject({
      state: 'signed',
      signedOn: vaka.clock.now().toISOString().slice(0, 10),
    });
    expect((await move('active')).status).toBe(200);
  });

  test('no phasing out without a phase-out plan; then it closes, and the timeline has every move', async () => {
    expect((await move('under-review')).status).toBe(200);
    const refused = await move('phasing-out');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/phase-out plan/);
    const planned = await coordinator.patch(`/api/v1/partnerships/${id}`, {
      ...youthSport(),
      title: 'Women in leadership',
      parties: [{ organisationId: org.women }, { organisationId: org.disability }],
      phaseOutPlan: 'Hand the mentoring programme to the association by June.',
      version,
    });
    expect(planned.status).toBe(200);
    version = planned.body.version;
    expect((await move('phasing-out')).status).toBe(200);
    const closed = await move('closed', 'Programme handed over');
    expect(closed.status).toBe(200);
    expect(closed.body.allowedMoves).toEqual([]);
    expect(closed.body.stateHistory.map((m: { to: string }) => m.to)).toEqual([
      'identified',
      'scoping',
      'due-diligence',
      'awaiting-decision',
      'agreed',
      'active',
      'under-review',
      'phasing-out',
      'closed',
    ]);
    expect(closed.body.stateHistory.at(-1).reason).toBe('Programme handed over');
    expect((await move('active')).status).toBe(409);
    const board = (await viewer.get('/api/v1/partnerships/board')).body.columns;
    expect(
      board.find((c: { state: string }) => c.state === 'closed').items.map((p: { id: string }) => p.id),
    ).toEqual([id]);
  });

  test('an informal partnership needs no agreement to become active', async () => {
    const informal = await coordinator.post('/api/v1/partnerships', {
      ...youthSport(),
      title: 'Youth forum',
      formality: 'informal',
      form: 'forum',
    });
    id = informal.body.id;
    version = 1;
    for (const state of ['scoping', 'due-diligence']) expect((await move(state)).status).toBe(200);
    // A result holds for the template's validity; one that has run out no longer counts.
    const shortLived = await coordinator.post('/api/v1/partnerships/due-diligence/templates', {
      ...(await agencyTemplate()),
      name: 'Quick check',
      validityMonths: 1,
    });
    expect(shortLived.status).toBe(201);
    const done = await assess(id, org.youth, shortLived.body.id);
    expect(done.body.validUntil).toBe('2027-01-13');
    vaka.clock.advance(days(20));
    await coordinator.get('/api/v1/partnerships'); // keeps the session alive (30 idle days)
    vaka.clock.advance(days(20));
    expect((await move('awaiting-decision')).status).toBe(409);
    vaka.clock.advance(-days(40));
    expect((await move('awaiting-decision')).status).toBe(200);
    await approve(id);
    for (const state of ['agreed', 'active']) expect((await move(state)).status).toBe(200);
  });
});

describe('due diligence', () => {
  let funded: string;
  let informal: string;
  beforeAll(async () => {
    funded = (
      await coordinator.post('/api/v1/partnerships', {
        ...youthSport(),
        title: 'Funded sport coaching',
        form: 'contract',
        involvesFunding: true,
      })
    ).body.id;
    informal = (
      await coordinator.post('/api/v1/partnerships', {
        ...youthSport(),
        title: 'Informal elders forum',
        formality: 'informal',
        form: 'forum',
        focusAreas: ['elderly'],
      })
    ).body.id;
  });
  const required = async (partnershipId: string) => {
    const started = await coordinator.post(`/api/v1/partnerships/${partnershipId}/assessments`, {
      organisationId: org.youth,
    });
    expect(started.status).toBe(201);
    return started.body.questions
      .filter((q: Question) => q.required)
      .map((q: Question) => q.id)
      .sort();
  };

  test('the seeded templates cover both directions', async () => {
    const templates = (await viewer.get('/api/v1/partnerships/due-diligence/templates')).body.items;
    expect(new Set(templates.map((t: { direction: string }) => t.direction))).toEqual(
      new Set(['agency-assesses-organisation', 'organisation-assesses-agency']),
    );
  });

  test('form, formality, purpose and funding make questions required (001 §15d)', async () => {
    expect(await required(funded)).toEqual([
      'audited-accounts',
      'conflict-of-interest',
      'financial-statement',
      'governance',
      'legal-status',
      'safeguarding-policy',
      'skills',
      'trusted',
    ]);
    expect(await required(informal)).toEqual(['governance', 'safeguarding-policy', 'skills', 'trusted']);
  });

  test('answers are checked by kind, required ones must be there, and a complete one is final', async () => {
    const base = `/api/v1/partnerships/${funded}/assessments`;
    const started = (await coordinator.post(base, { organisationId: org.youth })).body;
    const url = `${base}/${started.id}`;
    const wrong = await coordinator.patch(url, {
      answers: {
        skills: 7,
        governance: 'yes',
        'financial-statement': '00000000-0000-4000-8000-000000000000',
        nonsense: true,
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'answers.financial-statement',
      'answers.governance',
      'answers.nonsense',
      'answers.skills',
    ]);
    const incomplete = await coordinator.post(`${url}/complete`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors).toHaveLength(8);

    const statement = await upload(vaka.app, coordinator, {
      name: 'statement.pdf',
      bytes: Buffer.from('%PDF-1.4\n% financial statement 2025\n'),
    });
    expect(statement.status).toBe(201);
    const answers = {
      governance: false,
      skills: 1,
      trusted: false,
      'audited-accounts': false,
      'financial-statement': statement.body.id,
      'legal-status': false,
      'conflict-of-interest': false,
      'safeguarding-policy': false,
    };
    expect((await coordinator.patch(url, { answers })).status).toBe(200);
    const done = await coordinator.post(`${url}/complete`);
    expect(done.status).toBe(200);
    // Only the statement (weight 2 of the 20 answered) scores: 10 %, below every threshold.
    expect(done.body).toMatchObject({ state: 'complete', score: 10, riskRating: 'high' });
    expect((await coordinator.patch(url, { answers: { governance: true } })).status).toBe(409);
    expect((await coordinator.post(`${url}/complete`)).status).toBe(409);
    expect((await otherAgency.post(`${url}/complete`)).status).toBe(404);
  });

  test('thresholds are the agency’s to set, with a version; new assessments use them', async () => {
    const templates = (await coordinator.get('/api/v1/partnerships/due-diligence/templates')).body.items;
    const template = templates.find(
      (t: { name: string }) => t.name === 'Due diligence of a partner organisation',
    );
    const body = await agencyTemplate();
    const upside = await coordinator.put(`/api/v1/partnerships/due-diligence/templates/${template.id}`, {
      ...body,
      thresholds: { low: 10, moderate: 50, significant: 25 },
      version: template.version,
    });
    expect(upside.status).toBe(400);
    const changed = await coordinator.put(`/api/v1/partnerships/due-diligence/templates/${template.id}`, {
      ...body,
      thresholds: { low: 100, moderate: 90, significant: 80 },
      version: template.version,
    });
    expect(changed.status).toBe(200);
    const stale = await coordinator.put(`/api/v1/partnerships/due-diligence/templates/${template.id}`, {
      ...body,
      version: template.version,
    });
    expect(stale.status).toBe(409);
    // Every required answer at its best: 100 % is still low risk under the stricter thresholds.
    expect((await assess(informal, org.youth)).body).toMatchObject({ score: 100, riskRating: 'low' });
    expect(
      (await viewer.post(`/api/v1/partnerships/${informal}/assessments`, { organisationId: org.youth }))
        .status,
    ).toBe(403);
    const trail = (await coordinator.get(`/api/v1/audit/due-diligence-template/${template.id}`)).body.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['due-diligence-template.changed']);
  });
});

describe('the organisation assesses the agency in the portal', () => {
  let id: string;
  let youthUser: Client;
  let womenUser: Client;
  beforeAll(async () => {
    id = (await coordinator.post('/api/v1/partnerships', { ...youthSport(), title: 'Two-way trust' })).body
      .id;
    youthUser = (await csoUserOf(vaka, org.youth, 'teina@ayc.test', 'cso-member')).cso;
    womenUser = (await csoUserOf(vaka, org.women, 'vaine@twa.test')).cso;
  });

  test('a CSO user sees its partnerships, answers its side and completes it; others see nothing', async () => {
    const mine = (await youthUser.get(`/api/v1/partnerships/portal/${org.youth}`)).body.items;
    expect(mine.map((p: { title: string }) => p.title)).toContain('Two-way trust');
    expect(
      mine.every((p: { parties: { organisationId: string }[] }) =>
        p.parties.some((x) => x.organisationId === org.youth),
      ),
    ).toBe(true);
    expect((await womenUser.get(`/api/v1/partnerships/portal/${org.youth}`)).status).toBe(403);
    expect((await womenUser.get(`/api/v1/partnerships/portal/${org.women}/${id}`)).status).toBe(404);
    expect((await youthUser.get(`/api/v1/partnerships/${id}`)).status).toBe(403);

    const base = `/api/v1/partnerships/portal/${org.youth}/${id}/assessments`;
    const started = await youthUser.post(base);
    expect(started.status).toBe(201);
    expect(started.body.direction).toBe('organisation-assesses-agency');
    const required = started.body.questions.filter((q: Question) => q.required).map((q: Question) => q.id);
    expect(required.sort()).toEqual(['clarity', 'independence']);
    expect((await youthUser.post(`${base}/${started.body.id}/complete`)).status).toBe(400);
    expect(
      (await youthUser.patch(`${base}/${started.body.id}`, { answers: { independence: true, clarity: 3 } }))
        .status,
    ).toBe(200);
    expect(
      (
        await womenUser.post(
          `/api/v1/partnerships/portal/${org.women}/${id}/assessments/${started.body.id}/complete`,
        )
      ).status,
    ).toBe(404);
    const done = await youthUser.post(`${base}/${started.body.id}/complete`);
    expect(done.body).toMatchObject({ state: 'complete', score: 80, riskRating: 'low' });

    // The agency sees the organisation's view of it, and it does not stand in for its own due diligence.
    const seen = (await coordinator.get(`/api/v1/partnerships/${id}`)).body;
    expect(seen.assessments.map((a: { direction: string }) => a.direction)).toEqual([
      'organisation-assesses-agency',
    ]);
    let version = seen.version;
    for (const state of ['scoping', 'due-diligence']) {
      version = (await coordinator.post(`/api/v1/partnerships/${id}/state`, { state, reason: 'on', version }))
        .body.version;
    }
    const refused = await coordinator.post(`/api/v1/partnerships/${id}/state`, {
      state: 'awaiting-decision',
      reason: 'on',
      version,
    });
    expect(refused.status).toBe(409);
    const trail = (await coordinator.get(`/api/v1/audit/partnership/${id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(trail).toContain('partnership.agency-assessment-started');
  });

  test('the organisation attaches evidence through the portal; the agency reads it, nobody else stores any', async () => {
    const files = (o: string) => `/api/v1/partnerships/portal/${o}/${id}/files`;
    const stored = await uploadTo(vaka.app, youthUser, files(org.youth), {
      name: 'safeguarding-policy.pdf',
      bytes: '%PDF-1.4 our safeguarding policy',
    });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ name: 'safeguarding-policy.pdf', contentType: 'application/pdf' });
    // Stored with the partnership's agency: its staff download it like any file of theirs.
    const read = await coordinator.get(`/api/v1/files/${stored.body.id}`);
    expect(read.status).toBe(200);
    const trail = (await coordinator.get(`/api/v1/audit/partnership/${id}`)).body.items;
    expect(trail.map((e: { action: string }) => e.action)).toContain('file.uploaded');

    // Another organisation's user, a program named .pdf, and the agency's own /files for a CSO: refused.
    const before = (await coordinator.get(`/api/v1/audit/partnership/${id}`)).body.items.length;
    const stranger = await uploadTo(vaka.app, womenUser, files(org.youth), {
      name: 'x.pdf',
      bytes: '%PDF-1.4',
    });
    expect(stranger.status).toBe(403);
    const notTheirs = await uploadTo(vaka.app, womenUser, files(org.women), {
      name: 'x.pdf',
      bytes: '%PDF-1.4',
    });
    expect(notTheirs.status).toBe(404);
    const program = await uploadTo(vaka.app, youthUser, files(org.youth), {
      name: 'policy.pdf',
      bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
    });
    expect(program.status).toBe(415);
    expect((await upload(vaka.app, youthUser, { name: 'x.pdf', bytes: '%PDF-1.4' })).status).toBe(403);
    expect((await coordinator.get(`/api/v1/audit/partnership/${id}`)).body.items).toHaveLength(before);
  });
});
