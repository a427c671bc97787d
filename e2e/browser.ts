import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ModulePlugin } from '../src/platform/http/app.ts';
import { TEST_PASSWORD } from '../src/platform/testing/agencies.ts';
import { startVaka, type TestVaka } from '../src/platform/testing/start-vaka.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags Chromium needs here: run as root, no GPU, and no calls home on a closed network.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export type Journey = { vaka: TestVaka; url: string; browser: Browser; close(): Promise<void> };

/** A real Vaka listening on a free port, and a real Chromium to drive it. */
export async function startJourney(
  options: { env?: Record<string, string>; modules?: ModulePlugin[]; demonstration?: boolean } = {},
): Promise<Journey> {
  const vaka = await startVaka({ ...options });
  await vaka.app.listen({ port: 0, host: '127.0.0.1' });
  const address = vaka.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  // Links in e-mails must point at this server.
  vaka.platform.config.publicUrl = url;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
  return {
    vaka,
    url,
    browser,
    async close() {
      await browser.close();
      await vaka.close();
    },
  };
}

/**
 * A page that fails the test on any console error or uncaught exception (STYLE.md, from Epic Stack).
 * Expected failed requests (a 401 on /api/v1/me before sign-in) are logged by Chromium as errors
 * about resources, so those are told apart and allowed.
 */
export async function newPage(
  journey: Journey,
  options: { locale?: string; width?: number; height?: number } = {},
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await journey.browser.newContext({
    baseURL: journey.url,
    locale: options.locale ?? 'en-GB',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (
      /Failed to load resource: the server responded with a status of (401|404|409|429|400)/.test(
        message.text(),
      )
    )
      return;
    errors.push(`console error: ${message.text()}`);
  });
  return { page, context, errors };
}

/** axe-core on the page as it stands: no serious or critical violation allowed. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `accessibility violations on ${label}`).toEqual([]);
}

/** Signs in through the sign-in page as a person would, and waits for the home page's greeting. */
export async function signIn(page: Page, email = 'mere@mia.test') {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kia orana');
}
