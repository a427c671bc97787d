// npm run bench: register search on a national-size register (issue 3 §4, issue 6).
// Fills a fresh database with N organisations by SQL (deterministic: setseed), then times the
// search API through HTTP (Fastify inject) and prints p50/p95 per query, with the bare database
// round trip for the same query as a yardstick.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { registerModule } from '../src/modules/register/index.ts';
import { createTestClock } from '../src/platform/clock.ts';
import { readConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { closePlatform, createPlatform } from '../src/platform/start.ts';
import { agencyWithAdministrator } from '../src/platform/testing/agencies.ts';
import { createServerDatabase } from '../src/platform/testing/start-vaka.ts';

const size = Number(process.env.BENCH_ORGANISATIONS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 40);
if (process.env.BENCH_ONLY_FILL) console.log('filling only');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const mode = process.env.BENCH_MODE ?? 'server';

const dataDir = await mkdtemp(path.join(tmpdir(), 'vaka-bench-'));
const server = mode === 'server' ? await createServerDatabase(serverUrl, 'vaka_bench') : undefined;
const config = readConfig({ DATA_DIR: dataDir, ...(server ? { DATABASE_URL: server.url } : {}) });
const clock = createTestClock(new Date('2026-11-23T09:00:00Z'));
const platform = await createPlatform({
  config,
  clock,
  logger: pino({ level: 'silent' }),
  inMemoryDatabase: true,
});
const app = await buildApp(platform, registerModule);
const vaka = { app, platform, clock, mail: undefined as never, close: async () => {} };
const { admin } = await agencyWithAdministrator(vaka, 'Bench Ministry', 'bench@vaka.test');

console.log(
  `Filling ${mode === 'server' ? 'PostgreSQL' : 'PGlite'} with ${size.toLocaleString('en')} organisations ...`,
);
const fillStarted = performance.now();
await platform.db.execute(sql`select setseed(0.2026)`);
await platform.db.execute(sql`
  insert into organisations (legal_name, acronym, kind, mission, last_confirmed_at)
  select (array['Aitutaki','Rarotonga','Atiu','Mangaia','Lahore','Karachi','Quetta','Peshawar','Manihiki','Mitiaro','Avarua','Multan'])[1 + (random()*11)::int]
      || ' ' || (array['Youth','Women''s','Disability','Elders','Family','Sports','Health','Growers','Culture','Climate','Fishers','Teachers'])[1 + (random()*11)::int]
      || ' ' || (array['Council','Association','Trust','Network','Club','Society','Foundation','Committee','Forum','Union'])[1 + (random()*9)::int]
      || ' ' || g,
    case when random() < 0.3 then upper(substr(md5(g::text), 1, 4)) end,
    (array['community-group','incorporated-society','trust','national-ngo','faith-based','network-or-umbrella'])[1 + (random()*5)::int],
    'Serving the community since ' || (1960 + (random()*60)::int),
    timestamptz '2026-11-23' - (random() * 700 || ' days')::interval
  from generate_series(1, ${size}) g`);
await platform.db.execute(sql`
  insert into organisation_terms (organisation_id, taxonomy, code)
  select id, 'focus-area', (array['youth','gender-equality','disability','elderly','health','education','sport-and-recreation','welfare'])[1 + (abs(hashtext(id::text)) % 8)]
  from organisations`);
await platform.db.execute(sql`
  insert into organisation_places (organisation_id, place_id)
  select o.id, p.id from organisations o
  join lateral (select id from places where level in ('island','province','district') order by md5(o.id::text || code) limit 1) p on true`);
await platform.db.execute(sql`insert into organisation_identifiers (organisation_id, scheme, value)
  select id, 'CK-COA', 'IS-' || row_number() over (order by id) from organisations where random() < 0.4`);
await platform.db
  .execute(sql`update organisations o set search_text = lower(unaccent(concat_ws(' ', o.legal_name, o.acronym, o.mission,
  (select string_agg(i.value, ' ') from organisation_identifiers i where i.organisation_id = o.id))))`);
await platform.db.execute(sql`analyze`);
console.log(`  filled in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s\n`);

const places = (await admin.get('/api/v1/register/taxonomies')).body.places as { code: string; id: string }[];
const rarotonga = places.find((p) => p.code === 'CK-RAR')!.id;
const queries: [string, string][] = [
  ['plain word', 'q=youth'],
  ['typo', 'q=dissability%20asociation'],
  ['identifier', 'q=IS-4242'],
  ['filtered with facets', `q=council&focusArea=health&place=${rarotonga}&status=due`],
  ['browse by name', 'sort=name'],
  ['place and below', `place=${rarotonga}`],
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

console.log('| register search | p50 ms | p95 ms | rows | total matched |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [label, query] of queries) {
  const times: number[] = [];
  let reply = await admin.get(`/api/v1/register/organisations?${query}`);
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    reply = await admin.get(`/api/v1/register/organisations?${query}`);
    times.push(performance.now() - started);
  }
  if (reply.status !== 200) throw new Error(`${label}: ${reply.status} ${JSON.stringify(reply.body)}`);
  console.log(
    `| ${label} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${reply.body.items.length} | ${reply.body.total} |`,
  );
}
const roundTrip: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  await platform.db.execute(
    sql`select id, legal_name from organisations where search_text like '%youth%' order by legal_name limit 26`,
  );
  roundTrip.push(performance.now() - started);
}
console.log(
  `| bare database round trip (25 rows) | ${percentile(roundTrip, 50).toFixed(1)} | ${percentile(roundTrip, 95).toFixed(1)} | 25 | |`,
);

await app.close();
await closePlatform(platform);
if (process.env.BENCH_KEEP) console.log(`kept ${server?.url}`);
else await server?.drop();
await rm(dataDir, { recursive: true, force: true });
