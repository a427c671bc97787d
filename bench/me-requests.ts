// node bench/me-requests.ts: what every request pays to know who is calling. Signs in once (a
// session cookie) and makes one API token, then sends GET /api/v1/me a few thousand times with
// each and prints the mean and p50 per request and the database queries per request, in each mode.
//
// BENCH_MODES (default "server,embedded"), BENCH_REQUESTS (default 2000), BENCH_DATABASE_URL.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { agencyWithAdministrator } from '../src/platform/testing/agencies.ts';
import { client } from '../src/platform/testing/api.ts';
import { startVaka } from '../src/platform/testing/start-vaka.ts';

const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const modes = (process.env.BENCH_MODES ?? 'server,embedded').split(',').map((mode) => mode.trim());
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// Counts the statements sent, whichever driver sends them (pg-boss's polling adds a few).
let queries = 0;
for (const prototype of [pg.Client.prototype, PGlite.prototype] as { query: unknown }[]) {
  const original = prototype.query as (...args: unknown[]) => unknown;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    queries += 1;
    return original.apply(this, args);
  };
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

async function measure(label: string, send: () => Promise<{ status: number }>) {
  for (let i = 0; i < 100; i++) await send(); // warm the query plans
  const times: number[] = [];
  const before = queries;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const reply = await send();
    times.push(performance.now() - started);
    if (reply.status !== 200) throw new Error(`${label}: ${reply.status}`);
  }
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  console.log(
    `  ${label.padEnd(8)} mean ${mean.toFixed(3)} ms  p50 ${percentile(times, 50).toFixed(3)} ms  ` +
      `p95 ${percentile(times, 95).toFixed(3)} ms  queries/request ${((queries - before) / requests).toFixed(2)}`,
  );
}

for (const mode of modes) {
  if (mode === 'server') process.env.TEST_DATABASE_URL = serverUrl;
  else delete process.env.TEST_DATABASE_URL;
  const vaka = await startVaka({ env: { REQUESTS_PER_MINUTE: String(requests * 10) } });
  try {
    const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Benches', 'admin@bench.test');
    const { token } = (await admin.post('/api/v1/me/tokens', { name: 'bench' })).body as { token: string };
    const bearer = client(vaka.app, { token });
    console.log(`${mode}: GET /api/v1/me x ${requests}`);
    await measure('cookie', () => admin.get('/api/v1/me'));
    await measure('token', () => bearer.get('/api/v1/me'));
  } finally {
    await vaka.close();
  }
}
