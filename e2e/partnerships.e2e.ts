import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { partnershipsModule } from '../src/modules/partnerships/index.ts';
import { registerModule } from '../src/modules/register/index.ts';
import { agencyWithAdministrator, memberWithRole } from '../src/platform/testing/agencies.ts';
import { csoUserOf } from '../src/platform/testing/cso-users.ts';
import { expectAccessible, newPage, startJourney, type Journey, signIn } from './browser.ts';

// Issue 4 "Done when": a coordinator, a committee member and a CSO user take a partnership from
// identified to closed in the browser, meeting each guard of the lifecycle on the way (due
// diligence, a committee decision, a signed agreement, a phase-out plan). The CSO user of the
// party organisation does its side in the portal on a phone: due diligence of the agency (001
// §15d, both ways), the code of conduct (002), its action on the joint plan and its side of the
// review (001 §16d).
let journey: Journey;
let organisationId: string;
beforeAll(async () => {
  journey = await startJourney({ modules: [...registerModule, ...partnershipsModule] });
  const { admin } = await agencyWithAdministrator(
    journey.vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  const coordinator = await memberWithRole(journey.vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  // Issue 4 item 7: a committee of one member, who approves in her own browser below.
  await memberWithRole(journey.vaka, admin, 'tuaine@mia.test', 'committee-member');
  const staff = (await coordinator.get('/api/v1/users')).body.items as { id: string; email: string }[];
  const committee = await coordinator.put('/api/v1/partnerships/committee', {
    name: 'Partnership committee',
    memberIds: [staff.find((person) => person.email === 'tuaine@mia.test')!.id],
    quorum: null,
    version: 0,
  });
  expect(committee.status).toBe(200);
  const created = await coordinator.post('/api/v1/register/organisations', {
    legalName: 'Aitutaki Youth Council',
    kind: 'community-group',
    focusAreas: ['youth'],
  });
  expect(created.status).toBe(201);
  organisationId = created.body.id;
  await csoUserOf(journey.vaka, organisationId, 'teina@ayc.test', 'cso-member');
});
afterAll(() => journey?.close());

/** Picks a rating for every principle on the page (the review's ratings from one side). */
async function rateEvery(page: Page, rating: string) {
  const selects = page.locator('select').filter({ has: page.locator('option', { hasText: '5 — fully' }) });
  const count = await selects.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) await selects.nth(i).selectOption(rating);
}

const fitsThePhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function move(page: Page, to: string, reason: string) {
  await page.getByRole('button', { name: to, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
}

async function refused(page: Page, to: string, because: RegExp) {
  await move(page, to, 'Trying');
  await expect.poll(() => page.getByRole('dialog').getByText(because).isVisible()).toBe(true);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
}

async function moved(page: Page, to: string, reason: string, next: string) {
  await move(page, to, reason);
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expect.poll(() => page.getByRole('button', { name: next, exact: true }).isVisible()).toBe(true);
}

test('a coordinator, a committee member and a CSO user take a partnership from identified to closed', async () => {
  const { page, errors } = await newPage(journey);
  await signIn(page);

  await page.getByRole('link', { name: 'Partnerships' }).first().click();
  await page.getByRole('link', { name: 'Start a partnership' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Start a partnership' }).isVisible()).toBe(true);
  await page.getByRole('textbox', { name: 'Title' }).fill('Youth sport in the villages');
  await page.getByLabel('Add an organisation').fill('aitutaki');
  await page.getByRole('button', { name: 'Add Aitutaki Youth Council' }).click();
  await page.getByLabel('Formal or informal').selectOption('formal');
  await page.getByLabel('Form', { exact: true }).selectOption('mou');
  // The level is chosen beside the policy's own definitions (000 §1).
  await expect
    .poll(() =>
      page.getByText('Coordinating involves exchanging information and altering activities').isVisible(),
    )
    .toBe(true);
  await page.getByRole('radio', { name: 'Coordinating' }).check();
  await expectAccessible(page, 'new partnership');
  await page.getByRole('button', { name: 'Start the partnership' }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent())
    .toContain('Youth sport in the villages');
  await expectAccessible(page, 'partnership page');

  await moved(page, 'Scoping', 'Met the council on Aitutaki', 'Due diligence');
  await moved(page, 'Due diligence', 'Scope agreed', 'Awaiting decision');
  await refused(page, 'Awaiting decision', /Due diligence is not complete/);

  await page.getByRole('tab', { name: 'Due diligence' }).click();
  await page.getByRole('button', { name: 'Start an assessment of Aitutaki Youth Council' }).click();
  // Completing with a required question unanswered names it beside the question.
  await page.getByLabel(/functioning board or committee/).selectOption('true');
  await page.getByRole('button', { name: 'Complete the assessment' }).click();
  await expect.poll(() => page.getByText('Required for this partnership.').first().isVisible()).toBe(true);
  await page.getByLabel(/skills and expertise/).selectOption('4');
  await page.getByLabel(/trust of the people/).selectOption('true');
  await page.getByLabel(/legal entity that can sign/).selectOption('true');
  await page.getByLabel(/declared any conflict of interest/).selectOption('false');
  await page.getByRole('button', { name: 'Complete the assessment' }).click();
  await expect.poll(() => page.getByText(/Complete: score \d+ %, Low risk/).isVisible()).toBe(true);
  await expectAccessible(page, 'due diligence tab');

  // The CSO user opens the partnership in the portal, on a phone, and assesses the agency.
  const cso = await newPage(journey, { width: 360, height: 740 });
  await signIn(cso.page, 'teina@ayc.test');
  await cso.page.goto(`/portal/${organisationId}`);
  await cso.page.getByRole('link', { name: 'Partnerships' }).last().click();
  await cso.page.getByRole('link', { name: 'Youth sport in the villages' }).click();
  await expect
    .poll(() => cso.page.getByRole('heading', { name: 'Your due diligence of the agency' }).isVisible())
    .toBe(true);
  await expectAccessible(cso.page, 'portal partnership');
  await cso.page.getByRole('button', { name: 'Start the questionnaire' }).click();
  await cso.page.getByLabel(/respect your independence/).selectOption('true');
  await cso.page.getByRole('button', { name: 'Complete the questionnaire' }).click();
  // The required question left unanswered is named beside it; nothing is completed.
  await expect
    .poll(() => cso.page.getByText('Required for this partnership.').first().isVisible())
    .toBe(true);
  await cso.page.getByLabel(/How clear are the agency/).selectOption('4');
  await cso.page.getByLabel(/What should the agency do differently/).fill('Answer e-mails within a week.');
  await cso.page.getByRole('button', { name: 'Complete the questionnaire' }).click();
  await expect.poll(() => cso.page.getByText(/Score \d+% · Low risk/).isVisible()).toBe(true);
  await expectAccessible(cso.page, 'portal due diligence complete');
  expect(await fitsThePhone(cso.page)).toBeLessThanOrEqual(360);
  // The coordinator reads the council's view of the agency beside the agency's own assessment.
  await page.reload();
  await expect
    .poll(() =>
      page.getByText(/The organisation's assessment of the agency: score \d+ %, Low risk/).isVisible(),
    )
    .toBe(true);

  await moved(page, 'Awaiting decision', 'Papers to the committee', 'Agreed');
  await refused(page, 'Agreed', /committee has not decided/);

  // The coordinator asks the committee, with a paper; the member votes from "My decisions".
  await page.getByRole('tab', { name: 'Decisions' }).click();
  await page.getByLabel('Question').fill('Shall we partner with the council for youth sport?');
  await page.getByLabel('Deadline').fill('2026-12-15');
  await page.getByRole('button', { name: 'Ask the committee' }).click();
  await expect.poll(() => page.getByText('Open', { exact: true }).isVisible()).toBe(true);
  await page.locator('input[type=file]').setInputFiles({
    name: 'due-diligence.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Low risk; audited accounts for three years.'),
  });
  await page.getByRole('button', { name: 'Add the paper' }).click();
  await expect.poll(() => page.getByRole('link', { name: /due-diligence.txt/ }).isVisible()).toBe(true);
  await expectAccessible(page, 'decisions tab');

  const member = await newPage(journey, { width: 360, height: 740 });
  await signIn(member.page, 'tuaine@mia.test');
  await member.page.goto('/partnerships/my-decisions');
  await expect
    .poll(() => member.page.getByRole('link', { name: 'Youth sport in the villages' }).isVisible())
    .toBe(true);
  await expectAccessible(member.page, 'my decisions');
  await member.page.getByRole('radio', { name: 'Approve' }).check();
  await member.page.getByLabel('Comment').fill('The council has earned our trust.');
  await member.page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect.poll(() => member.page.getByText('Nothing waits for your vote.').isVisible()).toBe(true);
  expect(await member.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(member.errors).toEqual([]);
  await member.context.close();

  await page.goto('/partnerships/committee');
  await expect.poll(() => page.getByRole('checkbox', { name: /tuaine@mia.test/ }).isChecked()).toBe(true);
  await expectAccessible(page, 'committee page');
  await page.goBack();
  await expect.poll(() => page.getByText('Approved', { exact: true }).isVisible()).toBe(true);
  await moved(page, 'Agreed', 'Committee approved', 'Active');
  await refused(page, 'Active', /signed agreement/);

  // The agreement names the council as its party and carries a code of conduct (002: all partners
  // agree to it); it cannot be signed until the council acknowledges it in the portal.
  await page.getByRole('tab', { name: 'Agreements' }).click();
  await page.getByLabel('Agreement title').fill('MoU 2027');
  await page.getByRole('button', { name: 'Add the agreement' }).click();
  await page.getByRole('button', { name: 'Edit the details' }).click();
  const details = page.getByRole('dialog');
  await details.getByLabel('Aitutaki Youth Council').check();
  await details.getByLabel('Responsibilities of Aitutaki Youth Council').fill('Runs the village league.');
  await details
    .getByLabel('Code of conduct', { exact: true })
    .fill('Every coach holds a child-safety check. No alcohol at games.');
  await details.getByRole('button', { name: 'Save the agreement' }).click();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expect
    .poll(() => page.getByText('Aitutaki Youth Council: not yet acknowledged').isVisible())
    .toBe(true);
  await page.getByRole('button', { name: 'MoU 2027: Negotiating' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('Draft sent to the council');
  await page.getByRole('dialog').getByRole('button', { name: 'Move', exact: true }).click();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await refused(page, 'MoU 2027: Signed', /1 party has not acknowledged the code of conduct/);

  await cso.page.reload();
  await expect
    .poll(() => cso.page.getByText('No alcohol at games.', { exact: false }).isVisible())
    .toBe(true);
  await cso.page.getByRole('button', { name: 'We acknowledge the code of conduct' }).click();
  await expect
    .poll(() => cso.page.getByText(/Aitutaki Youth Council: acknowledged by teina/).isVisible())
    .toBe(true);
  await expectAccessible(cso.page, 'portal agreement acknowledged');

  await page.reload();
  await expect
    .poll(() => page.getByText(/Aitutaki Youth Council: acknowledged by teina/).isVisible())
    .toBe(true);
  await page.getByRole('button', { name: 'MoU 2027: Signed' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('Signed by both at the fono');
  await page.getByRole('dialog').getByRole('button', { name: 'Move', exact: true }).click();
  await expect.poll(() => page.getByRole('button', { name: 'MoU 2027: Active' }).isVisible()).toBe(true);

  await moved(page, 'Active', 'Signed on both sides', 'Under review');

  // The joint action plan (002): the coordinator writes the vision and gives the council an action;
  // the CSO user records progress on it in the portal, and the coordinator reads it.
  await page.getByRole('tab', { name: 'Plan' }).click();
  await page.getByLabel('Vision for change').fill('Every village fields a youth team.');
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await expect.poll(() => page.getByText('Every village fields a youth team.').isVisible()).toBe(true);
  await page.getByLabel(/^Action/).fill('Train a coach in each village');
  await page.getByLabel('Who acts').selectOption({ label: 'Aitutaki Youth Council' });
  await page.getByLabel('By when').fill('2027-03-31');
  await page.getByRole('button', { name: 'Add the action' }).click();
  await expect.poll(() => page.getByText('Train a coach in each village').isVisible()).toBe(true);

  await cso.page.reload();
  await cso.page.getByLabel('Progress on Train a coach in each village').fill('Four coaches trained so far.');
  await cso.page.getByLabel('Status').selectOption({ label: 'In progress' });
  await cso.page.getByRole('button', { name: 'Add the note' }).click();
  await expect.poll(() => cso.page.getByText('Four coaches trained so far.').isVisible()).toBe(true);
  await expectAccessible(cso.page, 'portal plan with progress');
  expect(await fitsThePhone(cso.page)).toBeLessThanOrEqual(360);

  await page.reload();
  await expect.poll(() => page.getByText('Four coaches trained so far.').isVisible()).toBe(true);

  // Under review (001 §16d): the coordinator starts the review, the CSO user writes its side and
  // rates the principles, then the coordinator completes the review with both sides in it.
  await moved(page, 'Under review', 'Annual review', 'Phasing out');
  await page.getByRole('tab', { name: 'Reviews' }).click();
  await page.getByRole('button', { name: 'Start the review' }).click();
  await page.getByLabel('Progress towards the objectives').fill('Six villages of eight have a team.');
  await rateEvery(page, '4');
  await page.getByLabel('Recommendation').selectOption('phase-out');
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect
    .poll(() => page.getByText('The organisation has not written its side yet.').isVisible())
    .toBe(true);

  await cso.page.reload();
  await expect.poll(() => cso.page.getByRole('button', { name: 'Send your side' }).isVisible()).toBe(true);
  await cso.page.getByLabel('Added value').fill('Coaches and kit we could not afford alone.');
  await rateEvery(cso.page, '5');
  await cso.page.getByRole('button', { name: 'Send your side' }).click();
  await expect.poll(() => cso.page.getByText(/^Sent\./).isVisible()).toBe(true);
  await expectAccessible(cso.page, 'portal review side');
  expect(await fitsThePhone(cso.page)).toBeLessThanOrEqual(360);

  await page.reload();
  await expect.poll(() => page.getByText('The side of Aitutaki Youth Council').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Complete the review' }).click();
  await expect.poll(() => page.getByText(/Review completed on/).isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('cell', { name: '4 / 5' }).first().isVisible()).toBe(true);
  await expectAccessible(page, 'reviews tab');
  await refused(page, 'Phasing out', /phase-out plan/);

  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Phase-out plan').fill('The council runs the league alone from July.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => page.getByRole('button', { name: 'Phasing out', exact: true }).isVisible())
    .toBe(true);
  await moved(page, 'Phasing out', 'Handing over', 'Closed');
  await move(page, 'Closed', 'Handed over');
  await expect.poll(() => page.getByRole('button', { name: 'Phasing out', exact: true }).count()).toBe(0);
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect.poll(() => page.getByText('Handed over').isVisible()).toBe(true);

  await page.getByRole('tab', { name: 'History' }).click();
  await expect.poll(() => page.getByText('Agreement state changed').first().isVisible()).toBe(true);

  // The council sees the closed partnership and the completed review with its own ratings.
  await cso.page.reload();
  await expect.poll(() => cso.page.getByText('Closed', { exact: true }).first().isVisible()).toBe(true);
  await expect.poll(() => cso.page.getByText(/Review completed on/).isVisible()).toBe(true);
  await expectAccessible(cso.page, 'portal closed partnership');
  expect(await fitsThePhone(cso.page)).toBeLessThanOrEqual(360);
  expect(cso.errors).toEqual([]);
  await cso.context.close();
  expect(errors).toEqual([]);
  await page.context().close();
}, 240_000);

test('on a phone the board shows the closed partnership and the page stays 360 px wide', async () => {
  const { page, errors } = await newPage(journey, { width: 360, height: 740 });
  await signIn(page);
  await page.goto('/partnerships/board');
  const closed = page.getByRole('region', { name: /Closed/ });
  await expect.poll(() => closed.getByRole('link', { name: 'Youth sport in the villages' }).count()).toBe(1);
  await expectAccessible(page, 'board');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.goto('/partnerships/pool');
  await expect.poll(() => page.getByRole('img', { name: /continuum level/ }).isVisible()).toBe(true);
  await expectAccessible(page, 'pool chart');
  await page.goto('/partnerships?state=closed');
  await expect
    .poll(() => page.getByRole('link', { name: 'Youth sport in the villages' }).isVisible())
    .toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('in Urdu the board reads right to left, in Urdu words, and stays on the screen', async () => {
  const { page, errors } = await newPage(journey);
  await signIn(page);
  await page.getByLabel('Language').selectOption('ur');
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/partnerships/board');
  await expect.poll(() => page.getByRole('heading', { name: 'حالت کے لحاظ سے بورڈ' }).isVisible()).toBe(true);
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await expect.poll(() => page.getByRole('region', { name: /بند/ }).isVisible()).toBe(true);
  await expectAccessible(page, 'board in Urdu');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
  await page.context().close();
});
