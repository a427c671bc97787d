import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { signedIn, type Client } from '../../platform/testing/api.ts';
import { csoUserOf } from '../../platform/testing/cso-users.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from '../register/index.ts';
import { sendOverdueNotices } from './action-plans.ts';
import { partnershipsModule } from './index.ts';
import { registerOrganisation } from './testing/organisations.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
let otherAgency: Client;
let coordinatorId: string;
let otherAdminId: string;
const org = { youth: '', women: '', outsider: '' };
let partnershipId: string;
let youthAdmin: Client;
let womenAdmin: Client;
let outsiderAdmin: Client;

const register = (name: string) => registerOrganisation(coordinator, name);

beforeAll(async () => {
  vaka = await startVaka({ modules: [...registerModule, ...partnershipsModule] });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  coordinatorId = (await coordinator.get('/api/v1/me')).body.user.id;
  viewer = await memberWithRole(vaka, admin, 'ana@mia.test', 'viewer');
  const other = await agencyWithAdministrator(vaka, 'Ministry of Health', 'admin@moh.test');
  otherAgency = other.admin;
  otherAdminId = other.userId;
  org.youth = await register('Aitutaki Youth Council');
  org.women = await register("Takitumu Women's Association");
  org.outsider = await register('Mangaia Fishers');
  const created = await coordinator.post('/api/v1/partnerships', {
    title: 'Safe referrals on Rarotonga',
    parties: [{ organisationId: org.youth }, { organisationId: org.women }],
    formality: 'informal',
    form: 'network',
  });
  partnershipId = created.body.id;
  youthAdmin = (await csoUserOf(vaka, org.youth, 'tere@ayc.test')).cso;
  womenAdmin = (await csoUserOf(vaka, org.women, 'vaine@twa.test')).cso;
  outsiderAdmin = (await csoUserOf(vaka, org.outsider, 'tangi@mf.test')).cso;
});
afterAll(() => vaka.close());

const plan = () => `/api/v1/partnerships/${partnershipId}/plan`;
const portalPlan = (o: string) => `/api/v1/partnerships/portal/${o}/${partnershipId}/plan`;

describe('the joint action plan (002)', () => {
  let actionId: string;
  let youthActionId: string;

  test('a partnership without a plan shows an empty one; actions wait for the plan', async () => {
    const empty = await viewer.get(plan());
    expect(empty.body).toMatchObject({ id: null, version: 0, actions: [], vision: null });
    expect(Object.keys(empty.body.issue)).toEqual([
      'practicalProblems',
      'individualOrSystemic',
      'trainingNeed',
      'attitudeOrBelief',
      'referrals',
      'levelOfAuthority',
    ]);
    const early = await coordinator.post(`${plan()}/actions`, {
      title: 'x',
      owner: { userId: coordinatorId },
      dueOn: '2026-12-01',
    });
    expect(early.status).toBe(409);
  });

  test('staff write the issue, the vision for change and the signs of success; versions guard edits', async () => {
    const written = await coordinator.put(plan(), {
      issue: {
        practicalProblems: 'Women who report violence wait days for a referral.',
        individualOrSystemic: 'Systemic: the same delay in most cases this year.',
        referrals: 'Police do not know which service to call after hours.',
      },
      vision: 'Every woman who reports violence is referred the same day to a service she chooses.',
      signsOfSuccess: 'Referral within 24 hours in nine cases out of ten.',
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({
      version: 1,
      issue: { trainingNeed: null, referrals: 'Police do not know which service to call after hours.' },
    });
    expect((await coordinator.put(plan(), { vision: 'Again', version: undefined })).status).toBe(409);
    const changed = await coordinator.put(plan(), { ...written.body, id: undefined, version: 1 });
    expect(changed.status).toBe(400); // unknown keys (id, actions) are refused
    const ok = await coordinator.put(plan(), {
      issue: { practicalProblems: 'Women wait days for a referral.' },
      vision: written.body.vision,
      signsOfSuccess: written.body.signsOfSuccess,
      version: 1,
    });
    expect(ok.body.version).toBe(2);
    const stale = await coordinator.put(plan(), { vision: 'Late', version: 1 });
    expect(stale.status).toBe(409);
    expect((await viewer.put(plan(), { vision: 'No', version: 2 })).status).toBe(403);
    expect((await otherAgency.get(plan())).status).toBe(404);
  });

  test('actions have an owner on either side, a due date and a status', async () => {
    const staff = await coordinator.post(`${plan()}/actions`, {
      title: 'Agree an after-hours referral list with the police',
      owner: { userId: coordinatorId },
      dueOn: '2026-12-10',
    });
    expect(staff.status).toBe(201);
    expect(staff.body).toMatchObject({
      owner: { userId: coordinatorId, organisationId: null, name: 'mere' },
      status: 'planned',
      overdue: false,
      version: 1,
    });
    actionId = staff.body.id;
    const youth = await coordinator.post(`${plan()}/actions`, {
      title: 'Train twenty volunteers in safe referral',
      owner: { organisationId: org.youth },
      dueOn: '2026-12-20',
    });
    expect(youth.body.owner).toEqual({
      userId: null,
      organisationId: org.youth,
      name: 'Aitutaki Youth Council',
    });
    youthActionId = youth.body.id;
  });

  test.each([
    ['an owner outside the partnership', { owner: { organisationId: '' } }, 'owner.organisationId'],
    ['a staff owner of another agency', { owner: { userId: '' } }, 'owner.userId'],
    ['no due date', { dueOn: undefined }, 'dueOn'],
    ['an unknown status', { status: 'stalled' }, 'status'],
    ['both kinds of owner at once', { owner: { userId: '', organisationId: '' } }, 'owner'],
  ])('%s gets a 400 naming the field', async (_name, change, field) => {
    const body: Record<string, unknown> = {
      title: 'Something',
      owner: { userId: coordinatorId },
      dueOn: '2027-01-10',
      ...change,
    };
    if (field === 'owner.organisationId') body.owner = { organisationId: org.outsider };
    if (field === 'owner.userId') body.owner = { userId: otherAdminId };
    if (field === 'owner') body.owner = { userId: coordinatorId, organisationId: org.youth };
    const reply = await coordinator.post(`${plan()}/actions`, body);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body.errors)).toContain(`"${field}`);
    expect((await viewer.get(plan())).body.actions).toHaveLength(2);
  });

  test('staff change an action with its version and write dated progress notes', async () => {
    const changed = await coordinator.put(`${plan()}/actions/${actionId}`, {
      title: 'Agree an after-hours referral list with the police',
      owner: { organisationId: org.women },
      dueOn: '2026-12-12',
      status: 'in-progress',
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ owner: { organisationId: org.women }, version: 2 });
    const stale = await coordinator.put(`${plan()}/actions/${actionId}`, { ...changed.body, version: 1 });
    expect(stale.status).toBe(400); // the view's extra keys are refused before the version is looked at
    const noted = await coordinator.post(`${plan()}/actions/${actionId}/notes`, {
      note: 'Met the station sergeant; list drafted.',
    });
    expect(noted.status).toBe(201);
    expect(noted.body.notes).toEqual([
      {
        note: 'Met the station sergeant; list drafted.',
        status: null,
        at: vaka.clock.now().toISOString(),
        by: 'mere',
      },
    ]);
    expect((await coordinator.post(`${plan()}/actions/${actionId}/notes`, { note: '' })).status).toBe(400);
  });

  test('a CSO sees the plan and reports progress only on actions its organisation owns', async () => {
    const seen = await youthAdmin.get(portalPlan(org.youth));
    expect(seen.status).toBe(200);
    expect(seen.body.actions).toHaveLength(2);
    expect((await outsiderAdmin.get(portalPlan(org.outsider))).status).toBe(404);
    expect((await womenAdmin.get(portalPlan(org.youth))).status).toBe(403);

    const own = await youthAdmin.post(`${portalPlan(org.youth)}/actions/${youthActionId}/notes`, {
      note: 'Twelve volunteers trained so far.',
      status: 'in-progress',
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ status: 'in-progress', notes: [{ by: 'tere', status: 'in-progress' }] });

    const notOwn = await youthAdmin.post(`${portalPlan(org.youth)}/actions/${actionId}/notes`, {
      note: 'Done it for them',
      status: 'done',
    });
    expect(notOwn.status).toBe(403);
    const untouched = (await viewer.get(plan())).body.actions.find((a: { id: string }) => a.id === actionId);
    expect(untouched.status).toBe('in-progress');
    expect(untouched.notes).toHaveLength(1);
    const badStatus = await youthAdmin.post(`${portalPlan(org.youth)}/actions/${youthActionId}/notes`, {
      note: 'x',
      status: 'finished',
    });
    expect(badStatus.status).toBe(400);
  });

  test('overdue actions: listed for the agency, and each owner is told once', async () => {
    expect((await viewer.get('/api/v1/partnerships/overdue-actions')).body.items).toEqual([]);
    expect(await sendOverdueNotices(vaka.platform)).toEqual({ notified: 0 });

    vaka.clock.advance(days(20)); // 2026-12-13: the women's action (due 12 December) is overdue
    const listed = (await viewer.get('/api/v1/partnerships/overdue-actions')).body.items;
    expect(listed).toEqual([
      expect.objectContaining({
        id: actionId,
        partnershipTitle: 'Safe referrals on Rarotonga',
        owner: expect.objectContaining({ name: "Takitumu Women's Association" }),
        daysOverdue: 1,
        overdue: true,
      }),
    ]);
    expect((await otherAgency.get('/api/v1/partnerships/overdue-actions')).body.items).toEqual([]);
    expect(await sendOverdueNotices(vaka.platform)).toEqual({ notified: 1 });
    const mail = await vaka.mail.waitFor('vaine@twa.test', /Overdue: Agree an after-hours referral list/);
    expect(mail.text).toContain('was due on 2026-12-12');
    expect(await sendOverdueNotices(vaka.platform)).toEqual({ notified: 0 });

    // A staff-owned action that falls overdue: its owner is e-mailed.
    await coordinator.post(`${plan()}/actions`, {
      title: 'Report to the steering group',
      owner: { userId: coordinatorId },
      dueOn: '2026-12-14',
    });
    vaka.clock.advance(days(10)); // 2026-12-23: the youth action (20 December) too
    expect(await sendOverdueNotices(vaka.platform)).toEqual({ notified: 2 });
    await vaka.mail.waitFor('mere@mia.test', /Overdue: Report to the steering group/);
    await vaka.mail.waitFor('tere@ayc.test', /Overdue: Train twenty volunteers/);
    expect(await sendOverdueNotices(vaka.platform)).toEqual({ notified: 0 });

    // Done actions drop off the list (thirty days on, the CSO signs in again).
    youthAdmin = await signedIn(vaka.app, 'tere@ayc.test', TEST_PASSWORD);
    const done = await youthAdmin.post(`${portalPlan(org.youth)}/actions/${youthActionId}/notes`, {
      note: 'All twenty trained.',
      status: 'done',
    });
    expect(done.status).toBe(201);
    viewer = await signedIn(vaka.app, 'ana@mia.test', TEST_PASSWORD);
    const left = (await viewer.get('/api/v1/partnerships/overdue-actions')).body.items;
    expect(left.map((a: { title: string }) => a.title)).toEqual([
      'Agree an after-hours referral list with the police',
      'Report to the steering group',
    ]);
  });
});
