import { afterAll, beforeAll, expect, test } from 'vitest';
import { partnershipsModule } from '../src/modules/partnerships/index.ts';
import { registerModule } from '../src/modules/register/index.ts';
import { agencyWithAdministrator, memberWithRole } from '../src/platform/testing/agencies.ts';
import { expectAccessible, newPage, startJourney, type Journey, signIn } from './browser.ts';

// Issue 4 items 8 and 9: a coordinator writes an agreement's details and budget, then the joint
// action plan with an action that is already overdue, and finds it on the overdue list.
let journey: Journey;
let partnershipId: string;
beforeAll(async () => {
  journey = await startJourney({ modules: [...registerModule, ...partnershipsModule] });
  const { admin } = await agencyWithAdministrator(
    journey.vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  const coordinator = await memberWithRole(journey.vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  const organisation = await coordinator.post('/api/v1/register/organisations', {
    legalName: "Takitumu Women's Association",
    kind: 'community-group',
  });
  const created = await coordinator.post('/api/v1/partnerships', {
    title: 'Safe referrals on Rarotonga',
    parties: [{ organisationId: organisation.body.id }],
    formality: 'formal',
    form: 'mou',
  });
  partnershipId = created.body.id;
  await coordinator.post(`/api/v1/partnerships/${partnershipId}/agreements`, {
    kind: 'mou',
    title: 'MoU 2027',
  });
});
afterAll(() => journey?.close());

test('an agreement gets its parties, dates and budget; a wrong end date is named beside the field', async () => {
  const { page, errors } = await newPage(journey);
  await signIn(page);
  await page.goto(`/partnerships/${partnershipId}?tab=agreements`);
  await page.getByRole('button', { name: 'Edit the details' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel("Takitumu Women's Association").check();
  await dialog.getByLabel("Responsibilities of Takitumu Women's Association").fill('Trains the volunteers.');
  await dialog.getByLabel('Starts on').fill('2027-06-01');
  await dialog.getByLabel('Ends on').fill('2027-05-01');
  await dialog.getByRole('button', { name: 'Add a budget line' }).click();
  await dialog.getByLabel('Category').fill('Training');
  await dialog.getByLabel('Amount').fill('12500.10');
  await dialog.getByLabel('Currency').selectOption('NZD');
  await dialog.getByRole('button', { name: 'Add a budget line' }).click();
  await dialog.getByLabel('Category').nth(1).fill('Transport');
  await dialog.getByLabel('Amount').nth(1).fill('0.20');
  // A row added by mistake is removed before saving; the milestone stays.
  await dialog.getByRole('button', { name: 'Add a budget line' }).click();
  await dialog.getByLabel('Category').nth(2).fill('Mistake');
  await dialog.getByRole('button', { name: 'Remove' }).nth(2).click();
  await expect.poll(() => dialog.getByLabel('Category').count()).toBe(2);
  await dialog.getByRole('button', { name: 'Add a milestone' }).click();
  await dialog.getByLabel('Milestone').fill('Volunteers trained');
  await dialog.getByLabel('Due on').fill('2027-09-30');
  await dialog.getByRole('button', { name: 'Save the agreement' }).click();
  await expect.poll(() => dialog.getByText('The end date is before the start date.').isVisible()).toBe(true);
  await dialog.getByLabel('Ends on').fill('2028-05-31');
  await expectAccessible(page, 'agreement form');
  await dialog.getByRole('button', { name: 'Save the agreement' }).click();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expect.poll(() => page.getByText('12500.30 NZD').isVisible()).toBe(true);
  await expect.poll(() => page.getByText('Volunteers trained', { exact: false }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('Trains the volunteers.', { exact: false }).isVisible()).toBe(true);
  await expectAccessible(page, 'agreements tab');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('the joint action plan: the issue, the vision, an overdue action on the plan and the overdue list', async () => {
  const { page, errors } = await newPage(journey);
  await signIn(page);
  await page.goto(`/partnerships/${partnershipId}?tab=plan`);
  await page
    .getByLabel('What practical problems give rise to the concern?')
    .fill('Women wait days for a referral.');
  await page.getByLabel('Vision for change').fill('Every woman is referred the same day.');
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await expect.poll(() => page.getByText('Every woman is referred the same day.').isVisible()).toBe(true);
  await page.getByLabel(/^Action/).fill('Agree an after-hours referral list');
  await page.getByLabel('Who acts').selectOption({ label: "Takitumu Women's Association" });
  await page.getByLabel('By when').fill('2026-11-01');
  await page.getByRole('button', { name: 'Add the action' }).click();
  await expect.poll(() => page.getByText('Overdue', { exact: true }).first().isVisible()).toBe(true);
  await page.getByLabel('Progress on Agree an after-hours referral list').fill('Met the sergeant.');
  await page.getByRole('button', { name: 'Add the note' }).click();
  await expect.poll(() => page.getByText('Met the sergeant.').isVisible()).toBe(true);
  await expectAccessible(page, 'plan tab');
  await page.getByRole('link', { name: 'Overdue actions' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Overdue actions' }).isVisible()).toBe(true);
  await expect
    .poll(() => page.getByRole('link', { name: 'Safe referrals on Rarotonga' }).isVisible())
    .toBe(true);
  await expectAccessible(page, 'overdue actions');
  expect(errors).toEqual([]);
  await page.context().close();
});
