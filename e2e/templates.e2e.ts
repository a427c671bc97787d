import { afterAll, beforeAll, expect, test } from 'vitest';
import { partnershipsModule } from '../src/modules/partnerships/index.ts';
import { registerModule } from '../src/modules/register/index.ts';
import { agencyWithAdministrator, memberWithRole } from '../src/platform/testing/agencies.ts';
import type { Client } from '../src/platform/testing/api.ts';
import { expectAccessible, newPage, startJourney, type Journey, signIn } from './browser.ts';

// Issue 4 item 6 (001 §15d): a coordinator changes a due diligence template in the browser: a
// weighted question required only when the partnership is an MoU or involves funding.
let journey: Journey;
let coordinator: Client;
beforeAll(async () => {
  journey = await startJourney({ modules: [...registerModule, ...partnershipsModule] });
  const { admin } = await agencyWithAdministrator(
    journey.vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  coordinator = await memberWithRole(journey.vaka, admin, 'mere@mia.test', 'partnership-coordinator');
});
afterAll(() => journey?.close());

const template = 'Due diligence of a partner organisation';
const asked = 'Does it keep a register of the assets it holds?';

test('a coordinator adds a weighted question with a condition; a bad weight is named beside it', async () => {
  const { page, errors } = await newPage(journey);
  await signIn(page);
  await page.getByRole('link', { name: 'Partnerships' }).first().click();
  await page.getByRole('link', { name: 'Due diligence templates' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Due diligence templates' }).isVisible())
    .toBe(true);
  await page.getByRole('button', { name: `Open ${template}` }).click();
  await page.getByRole('button', { name: 'Add a question to section 1' }).click();
  const question = page.getByRole('group', { name: /^Question 1\.\d+$/ }).last();
  await question.getByRole('textbox', { name: 'Question' }).fill(asked);
  await question.getByRole('spinbutton', { name: 'Weight' }).fill('12');
  await page.getByRole('button', { name: 'Save the template' }).click();
  await expect.poll(() => question.getByText(/<=10/).isVisible()).toBe(true);
  expect(await question.getByRole('spinbutton', { name: 'Weight' }).getAttribute('aria-invalid')).toBe(
    'true',
  );

  await question.getByRole('spinbutton', { name: 'Weight' }).fill('4');
  await question.getByLabel('Required', { exact: true }).selectOption('when');
  await question.getByRole('checkbox', { name: 'Memorandum of understanding' }).check();
  await question.getByLabel('Funding', { exact: true }).selectOption('yes');
  await expectAccessible(page, 'template editor');
  await page.getByRole('button', { name: 'Save the template' }).click();
  await expect.poll(() => page.getByRole('status').getByText('Saved.').isVisible()).toBe(true);

  // What was saved is what the server holds: a fresh visit shows it.
  await page.reload();
  await page.getByRole('button', { name: `Open ${template}` }).click();
  const saved = page.getByRole('group', { name: /^Question 1\.\d+$/ }).last();
  await expect.poll(() => saved.getByRole('textbox', { name: 'Question' }).inputValue()).toBe(asked);
  expect(await saved.getByRole('spinbutton', { name: 'Weight' }).inputValue()).toBe('4');
  expect(await saved.getByLabel('Required', { exact: true }).inputValue()).toBe('when');
  expect(await saved.getByRole('checkbox', { name: 'Memorandum of understanding' }).isChecked()).toBe(true);
  expect(await saved.getByLabel('Funding', { exact: true }).inputValue()).toBe('yes');

  // Someone else saves meanwhile: the stale save shows the problem and the form reloads theirs.
  const url = '/api/v1/partnerships/due-diligence/templates';
  const current = (await coordinator.get(url)).body.items.find((t: { name: string }) => t.name === template);
  const { id, active: _active, ...rest } = current;
  expect((await coordinator.put(`${url}/${id}`, { ...rest, validityMonths: 18 })).status).toBe(200);
  await page.getByLabel('Valid for (months)').fill('36');
  await page.getByRole('button', { name: 'Save the template' }).click();
  await expect
    .poll(() =>
      page
        .getByRole('status')
        .getByText(/changed this record after you opened it/)
        .isVisible(),
    )
    .toBe(true);
  await expect.poll(() => page.getByLabel('Valid for (months)').inputValue()).toBe('18');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('in Urdu at 360 px the template editor reads right to left and stays on the screen', async () => {
  const { page, errors } = await newPage(journey);
  await signIn(page);
  await page.getByLabel('Language').selectOption('ur');
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/partnerships/due-diligence-templates');
  await expect.poll(() => page.getByRole('heading', { name: 'جانچ پڑتال کے سانچے' }).isVisible()).toBe(true);
  await page.getByRole('button', { name: `${template} کھولیں` }).click();
  await expect.poll(() => page.getByRole('button', { name: 'سانچہ محفوظ کریں' }).isVisible()).toBe(true);
  await expectAccessible(page, 'template editor in Urdu');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
  await page.context().close();
});
