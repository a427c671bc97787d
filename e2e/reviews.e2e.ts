import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dialogueModule } from '../src/modules/dialogue/index.ts';
import { partnershipsModule } from '../src/modules/partnerships/index.ts';
import { registerModule } from '../src/modules/register/index.ts';
import { agencyWithAdministrator, memberWithRole } from '../src/platform/testing/agencies.ts';
import { csoUserOf } from '../src/platform/testing/cso-users.ts';
import { expectAccessible, newPage, startJourney, type Journey, signIn } from './browser.ts';

// Issue 4 items 4, 10 and 11: the coordinator sets a review cadence and starts a review; the CSO
// writes its side and rates the principles in the portal; the coordinator completes the review
// and sees each principle's trend.
let journey: Journey;
let organisationId: string;
let partnershipId: string;
beforeAll(async () => {
  journey = await startJourney({ modules: [...registerModule, ...partnershipsModule, ...dialogueModule] });
  const { admin } = await agencyWithAdministrator(
    journey.vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  const coordinator = await memberWithRole(journey.vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  const created = await coordinator.post('/api/v1/register/organisations', {
    legalName: 'Aitutaki Youth Council',
    kind: 'community-group',
    focusAreas: ['youth'],
  });
  organisationId = created.body.id;
  const partnership = await coordinator.post('/api/v1/partnerships', {
    title: 'Youth voices network',
    parties: [{ organisationId }],
    formality: 'informal',
    form: 'network',
    startsOn: '2026-01-15',
  });
  expect(partnership.status).toBe(201);
  partnershipId = partnership.body.id;
  await csoUserOf(journey.vaka, organisationId, 'teina@ayc.test', 'cso-member');
  const options = (await coordinator.get('/api/v1/dialogue/options')).body;
  const policy = await coordinator.post('/api/v1/dialogue/policies', {
    title: 'National Youth Policy',
    kind: 'policy',
    contactUserId: options.staff.find((p: { email: string }) => p.email === 'mere@mia.test').id,
    implementationDate: '2024-07-01',
  });
  expect(policy.status).toBe(201);
});
afterAll(() => journey?.close());

async function rateEvery(page: Page, rating: string) {
  const selects = page.locator('select').filter({ has: page.locator('option', { hasText: '5 — fully' }) });
  const count = await selects.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) await selects.nth(i).selectOption(rating);
}

test('a review from cadence to trend, with the CSO rating the principles in the portal', async () => {
  const { page, errors } = await newPage(journey);
  await signIn(page, 'mere@mia.test');
  await page.goto(`/partnerships/${partnershipId}?tab=reviews`);
  await page.getByLabel('Review every').selectOption('6');
  await page.getByRole('button', { name: 'Save the cadence' }).click();
  await expect.poll(() => page.getByText('Overdue').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Start the review' }).click();
  await page.getByLabel('Added value').fill('The council reaches young people the ministry does not.');
  await rateEvery(page, '4');
  await page.getByLabel('Recommendation').selectOption('move-level');
  await page.getByLabel('Move to').selectOption('coordinating');
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect
    .poll(() => page.getByText('The organisation has not written its side yet.').isVisible())
    .toBe(true);
  await expectAccessible(page, 'reviews tab');

  // The CSO member writes its side on a phone.
  const { page: cso, errors: csoErrors } = await newPage(journey, { width: 360, height: 740 });
  await signIn(cso, 'teina@ayc.test');
  await cso.goto(`/portal/${organisationId}`);
  await cso.getByRole('link', { name: 'Partnerships' }).last().click();
  await cso.getByRole('link', { name: 'Youth voices network' }).click();
  await expect.poll(() => cso.getByRole('button', { name: 'Send your side' }).isVisible()).toBe(true);
  await cso.getByLabel('What to improve').fill('Decide faster.');
  await rateEvery(cso, '3');
  await expectAccessible(cso, 'portal partnership');
  await cso.getByRole('button', { name: 'Send your side' }).click();
  await expect.poll(() => cso.getByText('Sent.').isVisible()).toBe(true);

  // The coordinator sees it and completes the review; the trend shows both sides.
  await page.reload();
  await expect.poll(() => page.getByText('The side of Aitutaki Youth Council').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Complete the review' }).click();
  await expect.poll(() => page.getByText(/Review completed on/).isVisible()).toBe(true);
  await expect
    .poll(() => page.getByRole('img', { name: 'Ratings of Open and ongoing dialogue over time' }).isVisible())
    .toBe(true);
  await expect.poll(() => page.getByRole('cell', { name: '4 / 3' }).first().isVisible()).toBe(true);

  await page.goto('/partnerships/reviews');
  await expect
    .poll(() => page.getByRole('heading', { name: 'Principles across the pool, by half-year' }).isVisible())
    .toBe(true);
  await expectAccessible(page, 'reviews and principles');
  // A principle of the agency's own, added beside the seeded ones (the last form on the page).
  await page.getByRole('textbox', { name: 'Principle' }).last().fill('Shared credit for results');
  await page.getByRole('button', { name: 'Add a principle' }).click();
  await expect
    .poll(() => page.getByRole('textbox', { name: 'Principle' }).nth(-2).inputValue())
    .toBe('Shared credit for results');
  expect(errors).toEqual([]);
  expect(csoErrors).toEqual([]);
});

test('a partnership names the policy it serves, and the policy page lists it back', async () => {
  const { page, errors } = await newPage(journey);
  await signIn(page, 'mere@mia.test');
  await page.goto(`/partnerships/${partnershipId}/edit`);
  await page.getByRole('checkbox', { name: 'National Youth Policy' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.getByRole('link', { name: 'National Youth Policy' }).isVisible()).toBe(true);
  await page.getByRole('link', { name: 'National Youth Policy' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Partnerships serving this policy' }).isVisible())
    .toBe(true);
  await expect.poll(() => page.getByRole('link', { name: 'Youth voices network' }).isVisible()).toBe(true);
  await expectAccessible(page, 'policy page with partnerships');
  expect(errors).toEqual([]);
});
