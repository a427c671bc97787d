import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerModule } from '../src/modules/register/index.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../src/platform/testing/agencies.ts';
import { expectAccessible, newPage, startJourney, type Journey } from './browser.ts';

// Issue 3 journeys: create with a duplicate warning, and the public directory search.
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
    legalName: 'Aitutaki Youth Council',
    otherNames: [{ name: 'Te Mapu o Aitutaki', language: 'rar' }],
    kind: 'community-group',
    focusAreas: ['youth'],
    mission: 'Young people of Aitutaki leading sport and service.',
    contacts: [{ name: 'Teina Marsters', email: 'teina@ayc.test', consentToContact: true }],
  });
  expect(created.status).toBe(201);
});
afterAll(() => journey?.close());

test('a coordinator registering a look-alike is shown the likely duplicate, and can still register a different one', async () => {
  const { page, errors } = await newPage(journey, { width: 360, height: 740 });
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('mere@mia.test');
  await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');

  await page.goto('/register/new');
  await expect
    .poll(() => page.getByRole('heading', { name: 'Register an organisation' }).isVisible())
    .toBe(true);
  await expectAccessible(page, 'register an organisation');
  await page.getByRole('textbox', { name: 'Legal name' }).fill('Aitutaki Youth Counsil');
  await page.getByLabel('Kind of organisation').selectOption('community-group');
  await expect
    .poll(() => page.getByText('This organisation may already be registered').isVisible())
    .toBe(true);
  await expect.poll(() => page.getByRole('link', { name: 'Aitutaki Youth Council' }).isVisible()).toBe(true);

  await page.getByRole('button', { name: 'Register the organisation' }).click();
  await page.getByLabel('This is a different organisation').check();
  await page.getByRole('button', { name: 'Register the organisation' }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent())
    .toContain('Aitutaki Youth Counsil');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('anyone finds an organisation in the public directory without signing in, and sees no contacts', async () => {
  const { page, errors } = await newPage(journey, { width: 360, height: 740 });
  await page.goto('/directory');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
  await expectAccessible(page, 'public directory');
  await page.getByLabel('Search by name, acronym or mission').fill('te mapu');
  await expect.poll(() => page.getByRole('link', { name: 'Aitutaki Youth Council' }).isVisible()).toBe(true);
  // The count is its own request beside the list (decision 0024), and it agrees with the list.
  await expect.poll(() => page.getByText('1 organisation', { exact: true }).isVisible()).toBe(true);
  await page.getByRole('link', { name: 'Aitutaki Youth Council' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Aitutaki Youth Council' }).isVisible())
    .toBe(true);
  await expectAccessible(page, 'public organisation page');
  expect(await page.content()).not.toContain('teina@ayc.test');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('an import with errors names them by row and column; the corrected file then imports', async () => {
  const { page, errors } = await newPage(journey);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('mere@mia.test');
  await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');

  const header = 'Organisation,Type,Island';
  const uploadAndCheck = async (csv: string) => {
    await page.goto('/register/import');
    await page
      .getByLabel('Spreadsheet file')
      .setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload the file' }).click();
    await page.getByRole('button', { name: 'Check the file' }).click();
  };
  await uploadAndCheck(
    `${header}\nAtiu Growers Association,Incorporated society,Atiu\nPukapuka Fishers,Fishing guild,Pukapuka\n`,
  );
  // The check is a job with a progress bar (decision 0019); the report follows when it is done.
  await expect.poll(() => page.getByText('Rows with errors').isVisible(), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => page.getByText('Unknown kind "Fishing guild".').isVisible()).toBe(true);
  await expectAccessible(page, 'import report');

  await uploadAndCheck(
    `${header}\nAtiu Growers Association,Incorporated society,Atiu\nPukapuka Fishers Trust,Trust,Pukapuka\n`,
  );
  await expect
    .poll(() => page.getByRole('button', { name: /Import 2/ }).isEnabled(), { timeout: 30_000 })
    .toBe(true);
  await page.getByRole('button', { name: /Import 2/ }).click();
  await expect.poll(() => page.getByText('Imported.').isVisible(), { timeout: 30_000 }).toBe(true);
  await page.goto('/register?q=pukapuka');
  await expect.poll(() => page.getByRole('link', { name: 'Pukapuka Fishers Trust' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByText('1 organisation', { exact: true }).isVisible()).toBe(true);
  // The kind filter shows its count from the counts request.
  await expect
    .poll(() => page.getByLabel('Kind of organisation').locator('option', { hasText: 'Trust (1)' }).count())
    .toBe(1);
  // A chosen order is the list's business: the counts are the same, not refused.
  await page.goto('/register?q=pukapuka&sort=name');
  await expect.poll(() => page.getByText('1 organisation', { exact: true }).isVisible()).toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
});
