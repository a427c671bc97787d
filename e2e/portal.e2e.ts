import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerModule } from '../src/modules/register/index.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../src/platform/testing/agencies.ts';
import { client } from '../src/platform/testing/api.ts';
import { linkToken } from '../src/platform/testing/mail-links.ts';
import { expectAccessible, newPage, startJourney, type Journey, signIn } from './browser.ts';

// Issue 3 journey: a CSO user signs up, is confirmed, edits a verified field, and a coordinator
// reviews it.
let journey: Journey;
let organisationId: string;
beforeAll(async () => {
  journey = await startJourney({ modules: registerModule });
  const { admin } = await agencyWithAdministrator(
    journey.vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  const coordinator = await memberWithRole(journey.vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  const created = await coordinator.post('/api/v1/register/organisations', {
    legalName: 'Mangaia Growers Association',
    kind: 'community-group',
    focusAreas: ['economic-empowerment'],
    mission: 'Taro and pineapple growers of Mangaia.',
  });
  expect(created.status).toBe(201);
  organisationId = created.body.id;
});
afterAll(() => journey?.close());

test('a CSO user signs up, is confirmed, and a change to a checked field is reviewed by a coordinator', async () => {
  // A grower asks to act for the association, from a phone, and confirms the e-mail link.
  const { page: grower, errors: growerErrors } = await newPage(journey, { width: 360, height: 740 });
  await grower.goto('/sign-in');
  await grower.getByRole('link', { name: 'Act for an organisation' }).click();
  await grower.getByLabel('Name of your organisation').fill('mangaia growers');
  await grower.getByLabel('Mangaia Growers Association').check();
  await grower.getByRole('textbox', { name: 'Name', exact: true }).fill('Ngatokorua Tangatapoto');
  await grower.getByRole('textbox', { name: 'Email' }).fill('ngatokorua@growers.test');
  await expectAccessible(grower, 'CSO sign-up');
  await grower.getByRole('button', { name: 'Send the link' }).click();
  await expect.poll(() => grower.getByRole('heading', { name: 'Check your e-mail' }).isVisible()).toBe(true);
  const mail = await journey.vaka.mail.waitFor('ngatokorua@growers.test', /Confirm your e-mail/);
  await grower.goto(`/portal/join?token=${linkToken(mail)}`);
  await grower.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
  await grower.getByRole('button', { name: 'Confirm and continue' }).click();
  await expect.poll(() => grower.getByText('A coordinator will now check').isVisible()).toBe(true);

  // The coordinator confirms them and marks the legal name as checked.
  const { page: coordinator, errors: coordinatorErrors } = await newPage(journey);
  await signIn(coordinator, 'mere@mia.test');
  await coordinator.goto('/register/reviews');
  await expect
    .poll(() => coordinator.getByText('Ngatokorua Tangatapoto asks to act for').isVisible())
    .toBe(true);
  await expectAccessible(coordinator, 'reviews');
  await coordinator.getByRole('button', { name: 'Confirm' }).click();
  await expect.poll(() => coordinator.getByText('Nobody is waiting.').isVisible()).toBe(true);
  await journey.vaka.mail.waitFor('ngatokorua@growers.test', /You can now act/);
  await coordinator.goto(`/register/${organisationId}?tab=verification`);
  await coordinator.getByRole('checkbox', { name: 'Legal name' }).check();
  await coordinator.getByRole('button', { name: 'Mark as checked' }).click();
  await expect.poll(() => coordinator.getByRole('checkbox', { name: 'Legal name' }).isDisabled()).toBe(true);

  // The grower, now an administrator of the association, renames it and rewrites its mission.
  await grower.reload();
  await grower.goto('/portal');
  await grower.getByRole('link', { name: 'Mangaia Growers Association' }).click();
  await expectAccessible(grower, 'portal organisation');
  await grower.getByRole('link', { name: 'Edit our profile' }).click();
  await expect.poll(() => grower.getByText('Some fields were checked by an agency').isVisible()).toBe(true);
  await grower.getByRole('textbox', { name: 'Legal name' }).fill('Mangaia Growers Cooperative');
  await grower.getByRole('textbox', { name: 'Mission' }).fill('Taro, pineapple and noni growers of Mangaia.');
  await grower.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => grower.getByText('One change is to a field an agency has checked').isVisible())
    .toBe(true);
  await expect.poll(() => grower.getByText('Waiting for review').isVisible()).toBe(true);
  expect(await grower.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The coordinator accepts the new name; the register shows it.
  await coordinator.goto('/register/reviews');
  await expect.poll(() => coordinator.getByText('Mangaia Growers Cooperative').isVisible()).toBe(true);
  await coordinator.getByRole('button', { name: 'Accept' }).click();
  await expect.poll(() => coordinator.getByText('No changes are waiting.').isVisible()).toBe(true);
  await coordinator.goto(`/register/${organisationId}`);
  await expect
    .poll(() => coordinator.getByRole('heading', { level: 1 }).textContent())
    .toContain('Mangaia Growers Cooperative');
  await expect.poll(() => coordinator.getByText('Taro, pineapple and noni growers').isVisible()).toBe(true);
  await journey.vaka.mail.waitFor('ngatokorua@growers.test', /was accepted/);
  // The organisation page shows who acts for it, and its documents.
  await coordinator.getByRole('tab', { name: 'People' }).click();
  await expect.poll(() => coordinator.getByText('ngatokorua@growers.test').isVisible()).toBe(true);
  await coordinator.getByRole('tab', { name: 'Documents' }).click();
  await expect.poll(() => coordinator.getByText('No documents yet.').isVisible()).toBe(true);
  await expectAccessible(coordinator, 'organisation documents');

  expect(growerErrors).toEqual([]);
  expect(coordinatorErrors).toEqual([]);
});

test("the association's administrator confirms the next person asking to join, from the portal (issue 18)", async () => {
  const stranger = client(journey.vaka.app);
  await stranger.post('/api/v1/portal/sign-up', {
    email: 'tuaine@growers.test',
    name: 'Tuaine Mataio',
    organisationId,
  });
  const mail = await journey.vaka.mail.waitFor('tuaine@growers.test', /Confirm your e-mail/);
  await stranger.post('/api/v1/portal/links/accept', { token: linkToken(mail), password: TEST_PASSWORD });

  const { page, errors } = await newPage(journey, { width: 360, height: 740 });
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('ngatokorua@growers.test');
  await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.url()).not.toContain('/sign-in');
  await page.goto(`/portal/${organisationId}`);
  await expect.poll(() => page.getByText('One person asks to join').isVisible()).toBe(true);
  await expect.poll(() => page.getByText('Tuaine Mataio asks to act for').isVisible()).toBe(true);
  await expectAccessible(page, 'portal join requests');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect.poll(() => page.getByText('One person asks to join').isVisible()).toBe(false);
  await expect.poll(() => page.getByText(/tuaine@growers\.test/).isVisible()).toBe(true);
  await journey.vaka.mail.waitFor('tuaine@growers.test', /You can now act/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
});
