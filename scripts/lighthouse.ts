// npm run lighthouse: Lighthouse's mobile profile, with simulated throttling (a slow 4G phone), on the
// sign-in page, the register list (signed in) and the public directory of the demonstration Vaka,
// in Debian's Chromium. A measurement, not a test: it prints scores and timings (issue 6 item 3).
// CHROME_PATH names another Chromium; LIGHTHOUSE_REPORTS=<folder> also writes each full JSON report.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { DEMONSTRATION_PASSWORD } from '../src/platform/setup/demonstration.ts';
import { startDemonstrationVaka } from './demonstration-vaka.ts';

const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const reports = process.env.LIGHTHOUSE_REPORTS;
const categories = ['performance', 'accessibility', 'best-practices'] as const;

const vaka = await startDemonstrationVaka({ port: 0, quiet: true, removeData: true });
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

try {
  // A coordinator's session, put in the browser's own cookie jar for the signed-in page (as a
  // person's browser holds it), and taken out again for the others. Lighthouse keeps cookies
  // between its runs; a Cookie header of its own would be replaced by the jar's once the page sets
  // one (the signed-in hint, decision 0038).
  const signIn = await fetch(`${vaka.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'coordinator@demo.vaka.test', password: DEMONSTRATION_PASSWORD }),
  });
  const domain = new URL(vaka.url).hostname;
  const cookies = signIn.headers.getSetCookie().map((value) => {
    const [name = '', ...rest] = value.split(';')[0]!.split('=');
    return { name, value: rest.join('='), domain, path: '/', httpOnly: name === 'vaka_session' };
  });
  if (!signIn.ok || cookies.length === 0)
    throw new Error(`signing in failed: ${signIn.status} ${await signIn.text()}`);
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });

  const pages: { name: string; path: string; signedIn: boolean }[] = [
    { name: 'sign-in', path: '/', signedIn: false },
    { name: 'register list', path: '/register', signedIn: true },
    { name: 'public directory', path: '/directory', signedIn: false },
  ];
  const rows: Record<string, string>[] = [];
  for (const page of pages) {
    await browser.deleteCookie(...(await browser.cookies()));
    if (page.signedIn) await browser.setCookie(...cookies);
    const result = await lighthouse(
      `${vaka.url}${page.path}`,
      { port: chrome.port, output: 'json', logLevel: 'error' },
      {
        extends: 'lighthouse:default',
        settings: {
          formFactor: 'mobile',
          throttlingMethod: 'simulate',
          onlyCategories: [...categories],
        },
      },
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${page.name}`);
    const { lhr } = result;
    if (reports) {
      await mkdir(reports, { recursive: true });
      await writeFile(path.join(reports, `${page.name.replace(/\W+/g, '-')}.json`), JSON.stringify(lhr));
    }
    // A run Lighthouse could not complete (seen once here: no first paint on a busy machine) says
    // why, and shows as a dash rather than a score of 0.
    if (lhr.runtimeError)
      console.log(`${page.name}: Lighthouse could not measure it: ${lhr.runtimeError.message}`);
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const scoreOf = (id: string) => lhr.categories[id]?.score;
    const score = (id: string) => Math.round((scoreOf(id) ?? 0) * 100);
    const shown = (id: string) => (typeof scoreOf(id) === 'number' ? String(score(id)) : '–');
    rows.push({
      page: page.name,
      performance: shown('performance'),
      accessibility: shown('accessibility'),
      'best practices': shown('best-practices'),
      'FCP s': (audit('first-contentful-paint') / 1000).toFixed(1),
      'LCP s': (audit('largest-contentful-paint') / 1000).toFixed(1),
      'TBT ms': audit('total-blocking-time').toFixed(0),
      'transferred KB': (audit('total-byte-weight') / 1024).toFixed(0),
    });
    // What cost points, so a score under 90 says where to look.
    for (const id of categories) {
      const failed = (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
        .map((ref) => `${ref.id} (${lhr.audits[ref.id]?.displayValue ?? lhr.audits[ref.id]?.score})`);
      if (failed.length && score(id) < 100) console.log(`${page.name}, ${id}: ${failed.join(', ')}`);
    }
  }
  console.log('\nLighthouse, mobile profile, simulated throttling (slow 4G, 4x CPU slowdown)\n');
  const columns = Object.keys(rows[0]!);
  const width = (column: string) => Math.max(column.length, ...rows.map((row) => row[column]!.length));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, index) => (index === 0 ? cell.padEnd(width(columns[0]!)) : cell.padStart(width(columns[index]!)))).join(' | ')} |`;
  console.log(line(columns));
  console.log(`| ${columns.map((column) => '-'.repeat(width(column))).join(' | ')} |`);
  for (const row of rows) console.log(line(columns.map((column) => row[column]!)));
  await browser.disconnect();
} finally {
  chrome.kill();
  await vaka.stop();
}
