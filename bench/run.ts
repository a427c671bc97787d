// npm run bench (issue 6 item 2): fills a fresh database with the large volume (bench/large-volume.ts)
// in each mode, then times the main read paths through the HTTP API (Fastify inject) and prints p50
// and p95 with the bare database round trip for the same rows through the same driver, and their
// ratio, so a figure means something on a noisy machine. Then a 10,000-row import (rows per second)
// and a load run: autocannon, in a second process, against a listening Vaka on four read endpoints.
//
// BENCH_MODES (default "server,embedded"), BENCH_SCALE (default 1; BENCH_EMBEDDED_SCALE for PGlite,
// default 0.2), BENCH_RUNS (default 40), BENCH_LOAD_SECONDS (default 10), BENCH_DATABASE_URL.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { eq, isNull, sql, type SQL } from 'drizzle-orm';
import { modules } from '../src/modules.ts';
import { organisations } from '../src/modules/register/tables.ts';
import { signedIn, type Client } from '../src/platform/testing/api.ts';
import { uploadTo } from '../src/platform/testing/multipart.ts';
import { startVaka, type TestVaka } from '../src/platform/testing/start-vaka.ts';
import { LARGE_VOLUME_PASSWORD, fillLargeVolume, uuidOf, type VolumeProgress } from './large-volume.ts';

const runs = Number(process.env.BENCH_RUNS ?? 40);
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const modes = (process.env.BENCH_MODES ?? 'server,embedded').split(',').map((mode) => mode.trim());
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seed = 2026;

type Row = { label: string; api: number[]; database: number[]; rows: number | string };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) => value.toFixed(1);

const quietProgress = (label: string): VolumeProgress => {
  let started = 0;
  let step = '';
  return {
    start: (name) => {
      step = name;
      started = performance.now();
    },
    advance: () => {},
    finish: () =>
      console.log(`  ${label}: ${step} in ${((performance.now() - started) / 1000).toFixed(1)} s`),
  };
};

/** `before` runs untimed ahead of each run: a change to the register, so counts are read afresh. */
async function timed(work: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm the caches and the query plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

async function apiRow(
  vaka: TestVaka,
  session: Client,
  label: string,
  url: string,
  bare: SQL,
  rowsOf: (body: any) => number | string, // eslint-disable-line @typescript-eslint/no-explicit-any -- reads any JSON reply
  before?: () => Promise<unknown>,
): Promise<Row> {
  const reply = await session.get(url);
  if (reply.status !== 200) throw new Error(`${label}: ${reply.status} ${JSON.stringify(reply.body)}`);
  const api = await timed(async () => {
    const again = await session.get(url);
    if (again.status !== 200) throw new Error(`${label}: ${again.status}`);
  }, before);
  const database = await timed(() => vaka.platform.db.execute(bare));
  return { label, api, database, rows: rowsOf(reply.body) };
}

function printTable(title: string, rows: Row[]) {
  console.log(`\n| ${title} | p50 ms | p95 ms | bare db p50 ms | ratio p50 | rows |`);
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const p50 = percentile(row.api, 50);
    const db = percentile(row.database, 50);
    console.log(
      `| ${row.label} | ${ms(p50)} | ${ms(percentile(row.api, 95))} | ${ms(db)} | ${(p50 / db).toFixed(1)} | ${row.rows} |`,
    );
  }
}

async function benchMode(mode: string) {
  const scale = Number(
    mode === 'server' ? (process.env.BENCH_SCALE ?? 1) : (process.env.BENCH_EMBEDDED_SCALE ?? 0.2),
  );
  if (mode === 'server') process.env.TEST_DATABASE_URL = serverUrl;
  else delete process.env.TEST_DATABASE_URL;
  const name = mode === 'server' ? 'PostgreSQL' : 'PGlite';
  // The load run measures Vaka, not the per-address request limit, so that limit is raised.
  const vaka = await startVaka({ modules, env: { REQUESTS_PER_MINUTE: '1000000' } });
  try {
    console.log(`\n## ${name}, scale ${scale}`);
    const started = performance.now();
    const counts = await fillLargeVolume(vaka.platform, { seed, scale }, quietProgress(name));
    console.log(
      `  filled in ${((performance.now() - started) / 1000).toFixed(0)} s: ${Object.entries(counts)
        .map(([what, n]) => `${n.toLocaleString('en')} ${what}`)
        .join(', ')}`,
    );
    const admin = await signedIn(vaka.app, 'admin@agency-1.large.vaka.test', LARGE_VOLUME_PASSWORD);
    await readPaths(vaka, admin, name, counts.organisations);
    await nearDuplicateCheck(vaka, admin);
    await importRate(vaka, admin);
    await loadRun(vaka, admin);
  } finally {
    await vaka.close();
  }
}

async function readPaths(vaka: TestVaka, admin: Client, name: string, organisationCount: number) {
  const busy = uuidOf(seed, 'org', 1);
  const agencyId: string = (await admin.get('/api/v1/me')).body.agency.id;
  const places = (await admin.get('/api/v1/register/taxonomies')).body.places as {
    code: string;
    id: string;
  }[];
  const rarotonga = places.find((p) => p.code === 'CK-RAR')!.id;
  const items = (body: { items: unknown[] }) => body.items.length;
  const total = (body: { total: number }) => body.total;
  // Someone looking for one organisation types two words of its name (a mid-register one, ~1 in 4 acronymed).
  const [named] = await vaka.platform.db
    .select({ legalName: organisations.legalName })
    .from(organisations)
    .where(eq(organisations.id, uuidOf(seed, 'org', Math.ceil(organisationCount / 2))));
  const twoWords = named!.legalName.toLowerCase().split(' ').slice(0, 2).join(' ');
  const [first, second] = twoWords.split(' ') as [string, string];
  // The same counts as search.ts, in one grouping (the API sends two reads together, decision 0024).
  const facetSql = (where: SQL) =>
    sql`select f.value, count(*) from organisations o cross join lateral
          unnest(array['kind:' || o.kind, 'status:' || case when o.last_confirmed_at <= now() - interval '13 months' then 'lapsed'
            when o.last_confirmed_at <= now() - interval '11 months' then 'due' else 'current' end] || o.term_codes) f(value)
        where o.merged_into_id is null and ${where} group by f.value`;
  const inRarotonga = sql`exists (select 1 from organisation_places op where op.organisation_id = o.id
      and op.place_id = any(array(select id from places where path like (select path from places where id = ${rarotonga}) || '%')))`;
  // Counts are kept and follow the register's changes (decisions 0032, 0033), so each counts row but
  // one changes a profile before every run: its kind, and whether its text holds "youth". The row
  // "changes forgotten" also forgets the changes, so its counts are read afresh, as after a restart.
  const changeOne = () =>
    vaka.platform.db.execute(sql`update organisations set
        kind = case when kind = 'trust' then 'media' else 'trust' end,
        search_text = case when search_text like '% benchyouth' then left(search_text, -11)
          else search_text || ' benchyouth' end
      where id = ${busy}`);
  const changeOneAndForget = async () => {
    await changeOne();
    await vaka.platform.db.execute(sql`update register_revision set changes_kept_after = revision`);
  };
  const rows: Row[] = [
    await apiRow(
      vaka,
      admin,
      'search: two words of a name',
      `/api/v1/register/organisations?q=${encodeURIComponent(twoWords)}`,
      // The first tier as search.ts reads it (decision 0027): names holding both words, sorted.
      sql`select id, legal_name from organisations where merged_into_id is null
            and name_text like '%' || ${first} || '%' and name_text like '%' || ${second} || '%'
          order by left(search_text, 40), id limit 26`,
      items,
    ),
    await apiRow(
      vaka,
      admin,
      'search: plain word, a third of the register',
      '/api/v1/register/organisations?q=youth',
      // The page as search.ts finds it (decision 0027): the order's index walked a little way.
      sql`select id, legal_name from (select * from organisations where merged_into_id is null
            order by left(search_text, 40), id limit 2000) o
          where name_text like '%youth%' order by left(search_text, 40), id limit 26`,
      items,
    ),
    await apiRow(
      vaka,
      admin,
      'search: typo',
      '/api/v1/register/organisations?q=dissability%20asociation',
      // Each word stands for the register's three words most like it, then a fragment search.
      sql`with alike as (select q.asked, s.word from unnest(array['dissability', 'asociation']) q(asked)
            cross join lateral (select word from search_words where word % q.asked
              order by similarity(word, q.asked) desc, word limit 3) s)
          select id, legal_name from organisations o where merged_into_id is null
            and search_text like any (array(select '%' || word || '%' from alike where asked = 'dissability'))
            and search_text like any (array(select '%' || word || '%' from alike where asked = 'asociation'))
          order by left(search_text, 40), id limit 26`,
      items,
    ),
    await apiRow(
      vaka,
      admin,
      'search: filtered',
      `/api/v1/register/organisations?q=council&focusArea=health&place=${rarotonga}`,
      sql`select o.id, o.legal_name from organisations o
          where o.merged_into_id is null and o.search_text like '%council%'
            and o.term_codes @> array['focus-area:health'] and ${inRarotonga}
          order by left(o.search_text, 40), o.id limit 26`,
      items,
    ),
    await apiRow(
      vaka,
      admin,
      'counts and facets: two words of a name',
      `/api/v1/register/organisations/counts?q=${encodeURIComponent(twoWords)}`,
      facetSql(sql`o.search_text like '%' || ${first} || '%' and o.search_text like '%' || ${second} || '%'`),
      total,
      changeOne,
    ),
    await apiRow(
      vaka,
      admin,
      'counts and facets: plain word, asked again',
      '/api/v1/register/organisations/counts?q=youth',
      facetSql(sql`o.search_text like '%youth%'`),
      total,
    ),
    await apiRow(
      vaka,
      admin,
      'counts and facets: plain word, after a change',
      '/api/v1/register/organisations/counts?q=youth',
      facetSql(sql`o.search_text like '%youth%'`),
      total,
      changeOne,
    ),
    await apiRow(
      vaka,
      admin,
      'counts and facets: plain word, changes forgotten',
      '/api/v1/register/organisations/counts?q=youth',
      facetSql(sql`o.search_text like '%youth%'`),
      total,
      changeOneAndForget,
    ),
    await apiRow(
      vaka,
      admin,
      'counts and facets: filtered',
      `/api/v1/register/organisations/counts?q=council&focusArea=health&place=${rarotonga}`,
      facetSql(
        sql`o.search_text like '%council%' and o.term_codes @> array['focus-area:health'] and ${inRarotonga}`,
      ),
      total,
      changeOne,
    ),
    await apiRow(
      vaka,
      admin,
      'counts and facets: whole register',
      '/api/v1/register/organisations/counts',
      facetSql(sql`true`),
      total,
      changeOne,
    ),
    await apiRow(
      vaka,
      admin,
      'organisation page (busiest record)',
      `/api/v1/register/organisations/${busy}`,
      sql`select o.*, (select json_agg(c) from contacts c where c.organisation_id = o.id) contacts,
            (select json_agg(p) from organisation_places p where p.organisation_id = o.id) places,
            (select json_agg(t) from organisation_terms t where t.organisation_id = o.id) terms
          from organisations o where o.id = ${busy}`,
      () => 1,
    ),
    await apiRow(
      vaka,
      admin,
      'audit history of the busiest record',
      `/api/v1/register/organisations/${busy}/history`,
      sql`select * from audit_events where entity = 'organisation' and entity_id = ${busy} order by id desc limit 50`,
      items,
    ),
    await apiRow(
      vaka,
      admin,
      'partnership list, filtered',
      '/api/v1/partnerships?state=active&focusArea=youth',
      sql`select * from partnerships where agency_id = ${agencyId} and state = 'active' and focus_areas @> array['youth']
          order by updated_at desc, id limit 26`,
      items,
    ),
    // The dashboard is kept and follows the changes too (decision 0035): asked again, after a change,
    // and read afresh. The bare query is its costliest part, the due and lapsed profiles by island.
    ...(await dashboardRows(vaka, admin, changeOne, changeOneAndForget)),
  ];
  printTable(`${name}: through the API`, rows);
}

async function dashboardRows(
  vaka: TestVaka,
  admin: Client,
  changeOne: () => Promise<unknown>,
  changeOneAndForget: () => Promise<unknown>,
): Promise<Row[]> {
  const byIsland = sql`with tops as (select p.id, top.name from places p
      join places top on (p.path = top.path or p.path like top.path || '.%') where top.level in ('island', 'province'))
    select tops.name, count(distinct o.id) filter (where o.last_confirmed_at > now() - interval '13 months') due,
      count(distinct o.id) filter (where o.last_confirmed_at <= now() - interval '13 months') lapsed
    from organisations o join organisation_places op on op.organisation_id = o.id join tops on tops.id = op.place_id
    where o.merged_into_id is null and o.last_confirmed_at <= now() - interval '11 months' group by tops.name`;
  const places = (body: { byPlace: unknown[] }) => body.byPlace.length;
  const url = '/api/v1/register/renewals';
  return [
    await apiRow(vaka, admin, 'renewal dashboard, asked again', url, byIsland, places),
    await apiRow(vaka, admin, 'renewal dashboard, after a change', url, byIsland, places, changeOne),
    await apiRow(
      vaka,
      admin,
      'renewal dashboard, changes forgotten',
      url,
      byIsland,
      places,
      changeOneAndForget,
    ),
  ];
}

/** A sheet uploaded and checked as a person would; the check is a job (decision 0019), timed from the request to its report. */
async function uploadAndCheck(vaka: TestVaka, admin: Client, csv: string) {
  const uploaded = await uploadTo(vaka.app, admin, '/api/v1/register/imports', {
    name: 'register.csv',
    bytes: csv,
  });
  if (uploaded.status !== 201) throw new Error(`import upload: ${JSON.stringify(uploaded.body)}`);
  if (process.env.BENCH_DEBUG) console.log('uploaded', uploaded.body.rowCount);
  const checkStarted = performance.now();
  const asked = await admin.post(`/api/v1/register/imports/${uploaded.body.id}/dry-run`);
  if (asked.status !== 202) throw new Error(`check: ${JSON.stringify(asked.body)}`);
  await waitForJob(admin, asked.body.jobId, 'check');
  const dry = await admin.get(`/api/v1/register/imports/${uploaded.body.id}/report`);
  const seconds = (performance.now() - checkStarted) / 1000;
  if (dry.status !== 200) throw new Error(`check report: ${JSON.stringify(dry.body)}`);
  if (dry.body.errorRows > 0)
    throw new Error(
      `the sheet has ${dry.body.errorRows} rows with errors: ${JSON.stringify(dry.body.rows.slice(0, 2))}`,
    );
  return { id: uploaded.body.id as string, seconds, report: dry.body };
}

async function waitForJob(admin: Client, jobId: string, what: string) {
  for (;;) {
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).body;
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify(job));
    if (job.state === 'failed') throw new Error(`${what} failed: ${JSON.stringify(job)}`);
    if (job.state === 'completed') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A 10,000-row sheet of new organisations, uploaded, checked and imported as a person would. */
async function importRate(vaka: TestVaka, admin: Client) {
  // The common word's counts, kept now (the rows before forgot the changes), for the figure after
  // the import to time them following its changes, not read afresh.
  await admin.get('/api/v1/register/organisations/counts?q=youth');
  const islands = ['Rarotonga', 'Aitutaki', 'Atiu', 'Mangaia', 'Pukapuka', 'Mitiaro'];
  const lines = ['Organisation,Type,Island,Focus areas,Email'];
  for (let n = 1; n <= 10_000; n++)
    lines.push(
      `Imported Youth Group ${n},Community group,${islands[n % islands.length]},Youth,group${n}@import.vaka.test`,
    );
  const checked = await uploadAndCheck(vaka, admin, lines.join('\n'));
  console.log(
    `\ncheck of 10,000 rows: ${checked.seconds.toFixed(1)} s, ${checked.report.duplicateRows} with likely duplicates`,
  );
  const runStarted = performance.now();
  const run = await admin.post(`/api/v1/register/imports/${checked.id}/run`);
  if (run.status !== 202) throw new Error(`import run: ${JSON.stringify(run.body)}`);
  await waitForJob(admin, run.body.jobId, 'import');
  const imported = performance.now() - runStarted;
  const { create } = checked.report.import.summary as { create: number };
  console.log(
    `\nimport of 10,000 rows: check ${(10_000 / checked.seconds).toFixed(0)} rows/s, import ${(create / (imported / 1000)).toFixed(0)} rows/s (${create} created in ${(imported / 1000).toFixed(1)} s)`,
  );
  // The kept counts of the common word follow the import's 10,000 new profiles (decision 0033).
  const countsStarted = performance.now();
  const after = await admin.get('/api/v1/register/organisations/counts?q=youth');
  if (after.status !== 200) throw new Error(`counts after the import: ${JSON.stringify(after.body)}`);
  console.log(
    `counts of "youth" right after the import: ${(performance.now() - countsStarted).toFixed(1)} ms (${after.body.total} matches)`,
  );
}

/**
 * The check's costly case: a sheet of 1,000 names already in the register, each with one letter
 * dropped (a typed copy of an old list), so every row is like tens to hundreds of profiles, each
 * rechecked. Checked only, not imported, and before the import, whose 10,000 names all alike would
 * make it a test of those.
 */
async function nearDuplicateCheck(vaka: TestVaka, admin: Client) {
  const names = (
    await vaka.platform.db
      .select({ legalName: organisations.legalName })
      .from(organisations)
      .where(isNull(organisations.mergedIntoId))
      .orderBy(organisations.id)
      .limit(1000)
  ).map((row) => row.legalName);
  const rows = names.map((name) => {
    const at = Math.floor(name.length / 2);
    return [name.slice(0, at) + name.slice(at + 1), 'Community group', 'Rarotonga'];
  });
  const checked = await uploadAndCheck(vaka, admin, stringify([['Organisation', 'Type', 'Island'], ...rows]));
  console.log(
    `\ncheck of 1,000 names like the register's: ${checked.seconds.toFixed(1)} s (${(names.length / checked.seconds).toFixed(0)} rows/s), ${checked.report.duplicateRows} with likely duplicates`,
  );
}

/** autocannon from a second process, so the load generator does not share Vaka's event loop. */
async function loadRun(vaka: TestVaka, admin: Client) {
  await vaka.app.listen({ port: 0, host: '127.0.0.1' });
  const address = vaka.app.server.address();
  if (!address || typeof address === 'string') throw new Error('Vaka did not listen');
  const base = `http://127.0.0.1:${address.port}`;
  const endpoints = [
    '/api/v1/register/organisations?q=youth',
    '/api/v1/register/organisations/counts?q=youth',
    `/api/v1/register/organisations/${uuidOf(seed, 'org', 2)}`,
    '/api/v1/partnerships?state=active',
  ];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bench/load.ts', base, admin.cookie() ?? '', String(loadSeconds), ...endpoints],
    { maxBuffer: 1 << 20 },
  );
  console.log(`\n| load, ${loadSeconds} s each, 10 connections | requests/s | p99 ms | errors |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const result of JSON.parse(stdout) as { path: string; rps: number; p99: number; errors: number }[])
    console.log(
      `| ${result.path.slice(0, 60)} | ${result.rps.toFixed(0)} | ${result.p99} | ${result.errors} |`,
    );
}

console.log(`Vaka benchmarks, ${new Date().toISOString().slice(0, 10)}, ${runs} runs per figure`);
for (const mode of modes) await benchMode(mode);
