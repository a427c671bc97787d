// npm run seed:large: fills the database Vaka is configured for (DATABASE_URL, else the embedded one
// in DATA_DIR) with the large scale of PRODUCT.md (issue 6 item 1). Options: --seed N (default 2026)
// and --scale F (default 1: 100,000 organisations ... 1,000,000 audit events). It refuses a database
// that already holds organisations, so it never mixes with real data.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { count } from 'drizzle-orm';
import { LARGE_VOLUME_PASSWORD, fillLargeVolume, type VolumeProgress } from '../bench/large-volume.ts';
import { modules } from '../src/modules.ts';
import { readConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { closePlatform, createPlatform } from '../src/platform/start.ts';
import { organisations } from '../src/modules/register/tables.ts';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '2026' }, scale: { type: 'string', default: '1' } },
});
const seed = Number(values.seed);
const scale = Number(values.scale);
if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a whole number, 0 or more');
if (!(scale > 0 && scale <= 10)) throw new Error('--scale must be more than 0 and at most 10');

const config = readConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
const platform = await createPlatform({ config });
// Building the app lets each module put in its reference data (places, taxonomies) first.
const app = await buildApp(platform, modules);
const [{ existing } = { existing: 0 }] = await platform.db.select({ existing: count() }).from(organisations);
if (existing > 0) {
  console.error(`This database already holds ${existing} organisations; seed:large fills an empty one.`);
  await app.close();
  await closePlatform(platform);
  process.exit(1);
}
console.log(
  `Filling ${platform.database.mode === 'server' ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`} (seed ${seed}, scale ${scale})`,
);
const bar = new cliProgress.SingleBar(
  // Outside a terminal (CI logs) the bar prints a line every few seconds instead of redrawing.
  {
    format: '{step} |{bar}| {value}/{total} · {duration}s',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  },
  cliProgress.Presets.shades_classic,
);
const progress: VolumeProgress = {
  start: (step, total) => bar.start(total, 0, { step: step.padEnd(26) }),
  advance: (done) => bar.update(done),
  finish: () => bar.stop(),
};
const started = performance.now();
const counts = await fillLargeVolume(platform, { seed, scale }, progress);
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s:`);
for (const [what, n] of Object.entries(counts)) console.log(`  ${what.padEnd(15)} ${n.toLocaleString('en')}`);
console.log(
  `Sign in as admin@agency-1.large.vaka.test (or staff-N@agency-K…), password ${LARGE_VOLUME_PASSWORD}.`,
);
await app.close();
await closePlatform(platform);
