import { afterAll, beforeAll, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { signedIn, type Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from '../register/index.ts';
import { sendDecisionReminders } from './decision-reminders.ts';
import { partnershipsModule } from './index.ts';
import { sendReviewDueReminders } from './review-reminders.ts';
import { awaitingDecision } from './testing/awaiting-decision.ts';

// Decision 0025 (issue 4 left these "shown, not e-mailed"): committee members who have not answered
// are reminded before a decision request's deadline, and a partnership's coordinator before its
// review falls due; each reminder once, whatever the number of runs.

let vaka: TestVaka;
let coordinator: Client;
const member: Client[] = [];
let organisationId: string;
const base = '/api/v1/partnerships';

beforeAll(async () => {
  vaka = await startVaka({ modules: [...registerModule, ...partnershipsModule] });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  for (const name of ['tuaine', 'nga', 'teina'])
    member.push(await memberWithRole(vaka, admin, `${name}@mia.test`, 'committee-member'));
  const staff = (await admin.get('/api/v1/users')).body.items as { id: string; email: string }[];
  const committee = await coordinator.put(`${base}/committee`, {
    name: 'Partnership committee',
    memberIds: ['tuaine', 'nga', 'teina'].map(
      (name) => staff.find((u) => u.email === `${name}@mia.test`)!.id,
    ),
    quorum: null,
    version: 0,
  });
  expect(committee.status).toBe(200);
  const organisation = await coordinator.post('/api/v1/register/organisations', {
    legalName: 'Aitutaki Youth Council',
    kind: 'community-group',
    acknowledgeDuplicates: true,
  });
  expect(organisation.status).toBe(201);
  organisationId = organisation.body.id;
});
afterAll(() => vaka.close());

const dayFromNow = (n: number) => new Date(vaka.clock.now().getTime() + days(n)).toISOString().slice(0, 10);
const mailsTo = (address: string, subject: RegExp) =>
  vaka.mail.received.filter((mail) => mail.to.includes(address) && subject.test(mail.subject));

/** Waits until the queued e-mails have all left, so a count at the sink is the whole count. */
async function mailSettled() {
  const waiting = async () => {
    const result = await vaka.platform.database.executeSql(
      "select count(*)::int as n from pgboss.job where name = 'mail.send' and state in ('created', 'retry', 'active')",
    );
    const rows = Array.isArray(result) ? result[0]!.rows : result.rows;
    return (rows[0] as { n: number }).n;
  };
  for (let tries = 0; (await waiting()) > 0 && tries < 150; tries++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await waiting()).toBe(0);
}

// First: the clock stands at 23 November 2026 here, and the decision test moves it on.
test('the coordinator is reminded 30 and 7 days before a review falls due, once each', async () => {
  const reviewedEverySixMonths = async (title: string) => {
    const created = await coordinator.post(base, {
      title,
      parties: [{ organisationId }],
      formality: 'informal',
      form: 'network',
      startsOn: '2026-07-01',
    });
    expect(created.status).toBe(201);
    const cadence = await coordinator.put(`${base}/${created.body.id}/review-cadence`, {
      months: 6,
      version: 1,
    });
    expect(cadence.status).toBe(200);
    return created.body.id as string;
  };
  const id = await reviewedEverySixMonths('Youth radio');
  // A withdrawn partnership with a review as near is not reviewed any more, so not reminded.
  const ended = await reviewedEverySixMonths('Village television');
  const withdrawn = await coordinator.post(`${base}/${ended}/state`, {
    state: 'withdrawn',
    reason: 'The station closed.',
    version: 2,
  });
  expect(withdrawn.status).toBe(200);

  // Due 1 January 2027: 39 days away.
  expect(await sendReviewDueReminders(vaka.platform)).toEqual({ reminded: 0 });
  vaka.clock.advance(days(9)); // 30 days left
  expect(await sendReviewDueReminders(vaka.platform)).toEqual({ reminded: 1 });
  expect(await sendReviewDueReminders(vaka.platform)).toEqual({ reminded: 0 });
  const mail = await vaka.mail.waitFor('mere@mia.test', /Youth radio: review due by 2027-01-01/);
  expect(mail.text).toContain('in 30 days');
  expect(mail.text).toContain(`/partnerships/${id}?tab=reviews`);
  vaka.clock.advance(days(20)); // 10 days left: nothing new
  expect(await sendReviewDueReminders(vaka.platform)).toEqual({ reminded: 0 });
  vaka.clock.advance(days(4)); // 6 days left: the 7-day reminder, a day late but once
  expect(await sendReviewDueReminders(vaka.platform)).toEqual({ reminded: 1 });
  expect(await sendReviewDueReminders(vaka.platform)).toEqual({ reminded: 0 });
  await vaka.mail.waitFor('mere@mia.test', /Youth radio: review due by 2027-01-01/);
  await mailSettled();
  const reminders = mailsTo('mere@mia.test', /review due by/);
  expect(reminders.map((m) => m.subject)).toEqual([
    'Youth radio: review due by 2027-01-01',
    'Youth radio: review due by 2027-01-01',
  ]);
  expect(reminders[1]!.text).toContain('in 6 days');
});

test('members who have not voted nor declared a conflict are reminded before the deadline, once per offset', async () => {
  // A month on: sessions have expired meanwhile, so everyone signs in again.
  const signInAgain = async () => {
    coordinator = await signedIn(vaka.app, 'mere@mia.test', TEST_PASSWORD);
    for (const [index, name] of ['tuaine', 'nga', 'teina'].entries())
      member[index] = await signedIn(vaka.app, `${name}@mia.test`, TEST_PASSWORD);
  };
  await signInAgain();
  const partnership = await awaitingDecision(coordinator, organisationId, 'Youth sport in the villages');
  const deadline = dayFromNow(10);
  const raised = await coordinator.post(`${base}/${partnership.id}/decisions`, {
    question: 'Shall we enter this partnership?',
    deadline,
  });
  expect(raised.status).toBe(201);
  const request = `${base}/${partnership.id}/decisions/${raised.body.id}`;
  expect((await member[0]!.post(`${request}/votes`, { vote: 'approve' })).status).toBe(200);
  expect(
    (await member[2]!.post(`${request}/conflicts`, { note: 'My cousin coaches the team.' })).status,
  ).toBe(200);

  // Another partnership asked with a deadline tomorrow: not reminded on the day of its invitation.
  const late = await awaitingDecision(coordinator, organisationId, 'Village netball league');
  const lateRaised = await coordinator.post(`${base}/${late.id}/decisions`, {
    question: 'Shall we?',
    deadline: dayFromNow(1),
  });
  expect(lateRaised.status).toBe(201);

  expect(await sendDecisionReminders(vaka.platform)).toEqual({ reminded: 0 });
  vaka.clock.advance(days(1)); // the late one is due today; the first has 9 days left
  expect(await sendDecisionReminders(vaka.platform)).toEqual({ reminded: 1 });
  const today = await vaka.mail.waitFor('nga@mia.test', /awaited by .*: Village netball league/);
  expect(today.text).toContain('today');
  vaka.clock.advance(days(6)); // 3 days left
  expect(await sendDecisionReminders(vaka.platform)).toEqual({ reminded: 1 });
  expect(await sendDecisionReminders(vaka.platform)).toEqual({ reminded: 0 });
  const reminder = await vaka.mail.waitFor(
    'nga@mia.test',
    new RegExp(`Your decision is awaited by ${deadline}: Youth sport in the villages`),
  );
  expect(reminder.text).toContain('in 3 days');
  expect(reminder.text).toContain('Shall we enter this partnership?');
  expect(reminder.text).toContain(`/partnerships/${partnership.id}?tab=decisions`);
  vaka.clock.advance(days(1)); // 2 days left: nothing new
  expect(await sendDecisionReminders(vaka.platform)).toEqual({ reminded: 0 });
  vaka.clock.advance(days(1)); // 1 day left
  expect(await sendDecisionReminders(vaka.platform)).toEqual({ reminded: 1 });
  expect(await sendDecisionReminders(vaka.platform)).toEqual({ reminded: 0 });
  await mailSettled();

  // Only the member who has not answered, once per offset; the one who voted and the conflicted one never.
  expect(
    mailsTo('nga@mia.test', /awaited by .*: Youth sport/).map((m) => m.text.match(/in \d+ days?/)?.[0]),
  ).toEqual(['in 3 days', 'in 1 day']);
  expect(mailsTo('tuaine@mia.test', /awaited by .*: Youth sport/)).toEqual([]);
  expect(mailsTo('teina@mia.test', /awaited by .*: Youth sport/)).toEqual([]);
  // The late request's one reminder went to all three, none of whom had answered.
  for (const name of ['tuaine', 'nga', 'teina'])
    expect(mailsTo(`${name}@mia.test`, /awaited by .*: Village netball league/)).toHaveLength(1);

  // Once everyone has answered the request closes, and nobody is reminded of it.
  await signInAgain();
  expect((await member[1]!.post(`${request}/votes`, { vote: 'approve' })).body.state).toBe('closed');
  vaka.clock.advance(days(1));
  expect(await sendDecisionReminders(vaka.platform)).toEqual({ reminded: 0 });
});
