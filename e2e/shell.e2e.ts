import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { prepareFirstRun } from '../src/platform/setup/first-run.ts';
import { agencyWithAdministrator, TEST_PASSWORD } from '../src/platform/testing/agencies.ts';
import { expectAccessible, newPage, startJourney, type Journey } from './browser.ts';

// The platform's journeys in a real Chromium against a real Vaka (issue 2 item 12).
let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
});
afterAll(() => journey?.close());

const password = (page: import('playwright-core').Page) => page.getByRole('textbox', { name: 'Password' });

describe('first run', () => {
  test('the one-time setup link creates the agency and its administrator, who lands signed in', async () => {
    const firstRun = await prepareFirstRun(journey.vaka.platform);
    if (firstRun.kind !== 'setup-link') throw new Error('expected a setup link on an empty database');
    const { page, errors } = await newPage(journey);
    await page.goto(firstRun.url.replace(/^http:\/\/localhost:\d+/, journey.url));
    await expect.poll(() => page.getByRole('heading', { name: 'Set up Vaka' }).isVisible()).toBe(true);
    await expectAccessible(page, 'setup');
    await page.getByLabel('Agency name').fill('Ministry of Internal Affairs');
    await page.getByLabel('Your name').fill('Tere Williams');
    await page.getByLabel('Email').fill('tere@mia.test');
    await password(page).fill(TEST_PASSWORD);
    await page.getByLabel(/Load demonstration data/).uncheck();
    await page.getByRole('button', { name: 'Create the agency' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Kia orana, Tere Williams' }).isVisible())
      .toBe(true);
    await expectAccessible(page, 'home');
    // Set up without demonstration data, this is a Vaka for real work: the menu never offers it.
    const menu = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => menu.getByRole('link', { name: 'People and roles' }).isVisible()).toBe(true);
    expect(await menu.getByRole('link', { name: 'Demonstration data' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('signing in and out', () => {
  test('a wrong password is explained; the right one signs in; signing out returns to the sign-in page', async () => {
    await agencyWithAdministrator(journey.vaka, 'Ministry of Health', 'nurse@moh.test');
    const { page, errors } = await newPage(journey, { width: 360, height: 740 });
    // Nobody has signed in in this browser: the sign-in page opens without asking /me (decision 0038).
    const askedMe: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/me') askedMe.push(request.method());
    });
    await page.goto('/');
    await expect.poll(() => page.url()).toContain('/sign-in');
    await expectAccessible(page, 'sign-in');
    expect(askedMe).toEqual([]);
    await page.getByLabel('Email').fill('nurse@moh.test');
    await password(page).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong');
    await password(page).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');
    // Signed in, a reload asks /me and stays signed in.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');
    expect(askedMe).toContain('GET');
    // Usable at 360 px: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.url()).toContain('/sign-in');
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
    expect((await page.context().cookies()).map((cookie) => cookie.name)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the menu', () => {
  test('on a phone the burger opens it; a link or Escape closes it; in Urdu it sits on the right', async () => {
    await agencyWithAdministrator(journey.vaka, 'Ministry of Transport', 'driver@mot.test');
    const { page, errors } = await newPage(journey, { width: 360, height: 740 });
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('driver@mot.test');
    await password(page).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');
    const burger = page.getByRole('button', { name: 'Menu' });
    const menu = page.getByRole('navigation', { name: 'Main' });
    // Slid out of sight (the drawer's transition takes 200 ms), or in full view. Closed, it is
    // hidden too: Tab goes from the burger past it, and it is not in the accessibility tree.
    const drawer = page.locator('#vaka-navbar');
    const menuLeft = () => drawer.evaluate((nav) => Math.round(nav.getBoundingClientRect().left));
    await expect.poll(menuLeft).toBe(-360);
    await expect.poll(() => drawer.isVisible()).toBe(false);
    await burger.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#vaka-navbar')))).toBe(false);
    await burger.click();
    await expect.poll(() => burger.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(menuLeft).toBe(0);
    await menu.getByRole('link', { name: 'People and roles' }).click();
    await expect.poll(() => page.url()).toContain('/admin/users');
    await expect.poll(() => burger.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(menuLeft).toBe(-360);
    await burger.click();
    await expect.poll(menuLeft).toBe(0);
    await menu.getByRole('link', { name: 'Home' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => burger.getAttribute('aria-expanded')).toBe('false');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-controls')))
      .toBe('vaka-navbar');
    await expect.poll(menuLeft).toBe(-360);
    await expect.poll(() => drawer.isVisible()).toBe(false);
    // On a wide screen the menu stands beside the page: on its left, and on its right in Urdu.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect
      .poll(() => menu.evaluate((nav) => nav.getBoundingClientRect().toJSON()))
      .toMatchObject({
        left: 0,
        width: 240,
      });
    await page.getByLabel('Language').selectOption('ur');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect
      .poll(() => drawer.evaluate((nav) => nav.getBoundingClientRect().toJSON()))
      .toMatchObject({ left: 1040, width: 240 });
    // The page's padding moves over with a 200 ms transition, so the heading is measured until it has.
    const headingRight = () =>
      page.getByRole('heading', { level: 1 }).evaluate((h) => h.getBoundingClientRect().right);
    await expect.poll(headingRight).toBeLessThanOrEqual(1040);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the account menu', () => {
  test('on a wide screen it opens from the keyboard, leads to the profile and signs out', async () => {
    await agencyWithAdministrator(journey.vaka, 'Ministry of Finance', 'clerk@mof.test');
    const { page, errors } = await newPage(journey);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('clerk@mof.test');
    await password(page).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');
    // The button shows at once; the menu's code comes after the page has painted, and the button
    // keeps its name and its place in the tab order.
    const account = page.getByRole('button', { name: /^Account: / });
    await account.focus();
    await expect.poll(() => account.getAttribute('aria-haspopup')).toBe('dialog');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toMatch(/^Account: /);
    await page.keyboard.press('Enter');
    const menu = page.getByRole('dialog');
    await expect.poll(() => menu.textContent()).toContain('clerk@mof.test');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    await account.click();
    await menu.getByRole('link', { name: 'Profile' }).click();
    await expect.poll(() => page.url()).toContain('/profile');
    await account.click();
    await menu.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.url()).toContain('/sign-in');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('password reset', () => {
  test('the e-mailed link sets a new password that then signs in', async () => {
    await agencyWithAdministrator(journey.vaka, 'Ministry of Education', 'teacher@moe.test');
    const { page, errors } = await newPage(journey);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Reset your password' }).isVisible())
      .toBe(true);
    await expectAccessible(page, 'forgot password');
    await page.getByLabel('Email').fill('teacher@moe.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('link is on its way');

    const mail = await journey.vaka.mail.waitFor('teacher@moe.test', /Reset your Vaka password/);
    const link = /http:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    await page.goto(link!);
    await expectAccessible(page, 'reset password');
    await page.getByRole('textbox', { name: 'New password' }).fill('A-brand-new-password-42');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.url()).toContain('/sign-in?reset=done');
    await page.getByLabel('Email').fill('teacher@moe.test');
    await password(page).fill('A-brand-new-password-42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');

    // The same link a second time does nothing.
    await page.goto(link!);
    await page.getByRole('textbox', { name: 'New password' }).fill('Yet-another-password-43');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('expired or was already used');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('languages', () => {
  test('a browser set to Urdu gets a right-to-left page on the first visit', async () => {
    const { page, errors } = await newPage(journey, { locale: 'ur-PK' });
    await page.goto('/sign-in');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ur');
    await expect.poll(() => page.getByRole('button', { name: 'سائن ان' }).isVisible()).toBe(true);
    await expectAccessible(page, 'sign-in in Urdu');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('switching to Urdu flips the layout at once, and Māori falls back to English where it has no word', async () => {
    const { page, errors } = await newPage(journey);
    await page.goto('/sign-in');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await page.getByLabel('Language').selectOption('ur');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByLabel('زبان').selectOption('rar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await expect.poll(() => page.getByRole('button', { name: 'Tomo' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('shell pages', () => {
  test('profile, administration, audit and not-found pages have no serious accessibility problem', async () => {
    await agencyWithAdministrator(journey.vaka, 'Ministry of Justice', 'clerk@moj.test');
    const { page, errors } = await newPage(journey);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('clerk@moj.test');
    await password(page).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');
    for (const [path, heading] of [
      ['/profile', 'My profile'],
      ['/admin/users', 'People and roles'],
      ['/admin/agency', 'Agency settings'],
      ['/admin/audit', 'Audit trail'],
      ['/no-such-page', 'This page does not exist'],
    ] as const) {
      await page.goto(path);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: heading }).isVisible()).toBe(true);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, path);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a demonstration Vaka', () => {
  // A deployment of its own: the journey above was set up for real work, which never takes the data.
  let demonstration: Journey;
  beforeAll(async () => {
    demonstration = await startJourney({ demonstration: true });
    await agencyWithAdministrator(demonstration.vaka, 'Ministry of Justice', 'clerk@moj.test');
  });
  afterAll(() => demonstration?.close());

  test('loading demonstration data shows a progress bar that reaches done', async () => {
    const { page } = await newPage(demonstration);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('clerk@moj.test');
    await password(page).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Demonstration data' })
      .click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Demonstration data' }).isVisible())
      .toBe(true);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, '/admin/demonstration-data');
    await page.getByRole('button', { name: 'Load demonstration data' }).click();
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(1);
    await expect.poll(() => page.getByText('Done.').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await page.context().close();
  });
});
