import { afterAll, beforeAll, expect, test } from 'vitest';
import { dialogueModule } from '../src/modules/dialogue/index.ts';
import { registerModule } from '../src/modules/register/index.ts';
import { agencyWithAdministrator, memberWithRole } from '../src/platform/testing/agencies.ts';
import type { Client } from '../src/platform/testing/api.ts';
import { csoUserOf } from '../src/platform/testing/cso-users.ts';
import { expectAccessible, newPage, startJourney, type Journey, signIn } from './browser.ts';

// Issue 5 items 2, 7 and 8: the public open door page; an announcement written, counted and sent;
// a CSO user reading it in the portal and answering a meeting invitation there.
let journey: Journey;
let coordinator: Client;
let agencyId: string;
let organisationId: string;

beforeAll(async () => {
  journey = await startJourney({ modules: [...registerModule, ...dialogueModule] });
  const { admin, agencyId: id } = await agencyWithAdministrator(
    journey.vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  agencyId = id;
  coordinator = await memberWithRole(journey.vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  const options = (await coordinator.get('/api/v1/dialogue/options')).body;
  const policy = await coordinator.post('/api/v1/dialogue/policies', {
    title: 'National Youth Policy',
    kind: 'policy',
    contactUserId: options.staff.find((s: { email: string }) => s.email === 'mere@mia.test').id,
    implementationDate: '2025-03-01',
    focusAreas: ['youth'],
  });
  await coordinator.put('/api/v1/dialogue/published-contacts', {
    policyId: policy.body.id,
    name: 'Youth policy officer',
    email: 'youth@mia.gov.ck',
  });
  organisationId = (
    await coordinator.post('/api/v1/register/organisations', {
      legalName: 'Aitutaki Youth Council',
      kind: 'community-group',
      focusAreas: ['youth'],
      contacts: [{ name: 'Office', email: 'office@ayc.test', consentToContact: true }],
    })
  ).body.id;
  await csoUserOf(journey.vaka, organisationId, 'teina@ayc.test');
  const meeting = await coordinator.post('/api/v1/dialogue/meetings', {
    title: 'Youth forum',
    startsAt: '2026-12-08T10:00:00-10:00',
    endsAt: '2026-12-08T12:00:00-10:00',
    timeZone: 'Pacific/Rarotonga',
    place: 'Aitutaki hall',
  });
  await coordinator.post(`/api/v1/dialogue/meetings/${meeting.body.id}/invitations`, {
    people: [{ organisationId }],
  });
});
afterAll(() => journey?.close());

test('anyone reads whom to contact about a policy, without signing in', async () => {
  const { page, errors } = await newPage(journey, { width: 360, height: 740 });
  await page.goto('/open-door');
  await expect
    .poll(() =>
      page.getByRole('heading', { name: 'Ministry of Internal Affairs: whom to contact' }).isVisible(),
    )
    .toBe(true);
  await expect.poll(() => page.getByText('Youth policy officer').isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('link', { name: 'youth@mia.gov.ck' }).isVisible()).toBe(true);
  expect(await page.getByText('mere@mia.test').count()).toBe(0);
  await expectAccessible(page, 'open door');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.goto(`/open-door/${agencyId}`);
  await expect.poll(() => page.getByText('Youth policy officer').isVisible()).toBe(true);
  expect(errors).toEqual([]);
});

test('a coordinator counts the recipients and sends; the CSO user reads it and replies in the portal', async () => {
  const staff = await newPage(journey, { width: 1024, height: 800 });
  await signIn(staff.page, 'mere@mia.test');
  await staff.page.goto('/dialogue/announcements');
  await staff.page.getByRole('button', { name: 'Write an announcement' }).click();
  await staff.page.getByRole('textbox', { name: 'Subject' }).fill('Youth grants round opens');
  await staff.page.getByRole('textbox', { name: 'Text' }).fill('Applications close 31 January.');
  await staff.page.getByRole('checkbox', { name: 'Every organisation of the register' }).check();
  await staff.page.getByRole('button', { name: 'Count the recipients' }).click();
  await expect.poll(() => staff.page.getByText('1 organisations, 1 e-mail addresses').isVisible()).toBe(true);
  await expectAccessible(staff.page, 'announcement form');
  await staff.page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => staff.page.getByText('Done.').isVisible()).toBe(true);
  await journey.vaka.mail.waitFor('office@ayc.test', /Youth grants round opens/);
  await staff.page.goto('/dialogue/disclosures');
  await expect
    .poll(() => staff.page.getByRole('cell', { name: 'Youth grants round opens' }).isVisible())
    .toBe(true);
  await expectAccessible(staff.page, 'disclosure log');
  expect(staff.errors).toEqual([]);

  const cso = await newPage(journey, { width: 360, height: 740 });
  await signIn(cso.page, 'teina@ayc.test');
  await cso.page.goto('/portal');
  await cso.page.getByRole('link', { name: 'Meetings, consultations and announcements' }).click();
  await expect
    .poll(() => cso.page.getByRole('heading', { name: 'Youth grants round opens' }).isVisible())
    .toBe(true);
  await expect.poll(() => cso.page.getByText('Youth forum').isVisible()).toBe(true);
  await cso.page.getByRole('button', { name: 'Attending', exact: true }).click();
  await expect.poll(() => cso.page.getByText('Your reply: Attending').isVisible()).toBe(true);
  await expectAccessible(cso.page, 'portal dialogue');
  expect(await cso.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(cso.errors).toEqual([]);
  const meeting = (await coordinator.get('/api/v1/dialogue/meetings')).body.items[0];
  const view = (await coordinator.get(`/api/v1/dialogue/meetings/${meeting.id}`)).body;
  expect(view.invitations[0].reply).toBe('attending');
});
