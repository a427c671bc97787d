import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerModule } from '../src/modules/register/index.ts';
import { sendRenewalReminders } from '../src/modules/register/reminders.ts';
import { days } from '../src/platform/clock.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../src/platform/testing/agencies.ts';
import { csoUserOf } from '../src/platform/testing/cso-users.ts';
import { expectAccessible, newPage, startJourney, type Journey } from './browser.ts';

// Issue 3 journey: a renewal reminder reaches the SMTP sink once the clock has moved, and the CSO
// confirms its details from the link in it.
let journey: Journey;
beforeAll(async () => {
  journey = await startJourney({ modules: registerModule });
  const { admin } = await agencyWithAdministrator(
    journey.vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  const coordinator = await memberWithRole(journey.vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  const created = await coordinator.post('/api/v1/register/organisations', {
    legalName: 'Atiu Tourism Society',
    kind: 'incorporated-society',
    contacts: [{ name: 'Mama Tangi', email: 'tangi@atiu.test', consentToContact: true }],
  });
  expect(created.status).toBe(201);
  await csoUserOf(journey.vaka, created.body.id, 'tangi@atiu.test');
});
afterAll(() => journey?.close());

test('eleven months on, the contact is reminded by e-mail and confirms the details from its link', async () => {
  journey.vaka.clock.advance(days(310));
  expect((await sendRenewalReminders(journey.vaka.platform)).reminded).toBe(1);
  const reminder = await journey.vaka.mail.waitFor('tangi@atiu.test', /Please confirm Atiu Tourism Society/);
  const link = /http\S+\/portal\/[\w-]+/.exec(reminder.text)?.[0];
  expect(link).toBeDefined();

  const { page, errors } = await newPage(journey, { width: 360, height: 740 });
  await page.goto(link!);
  await page.getByLabel('Email').fill('tangi@atiu.test');
  await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Atiu Tourism Society' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('Renewal due').isVisible()).toBe(true);
  await expectAccessible(page, 'portal renewal');
  await page.getByRole('button', { name: 'Our details are still right' }).click();
  await expect.poll(() => page.getByText('Current').first().isVisible()).toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
});
