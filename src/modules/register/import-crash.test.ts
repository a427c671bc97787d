import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TEST_PASSWORD } from '../../platform/testing/agencies.ts';
import { createServerDatabase } from '../../platform/testing/start-vaka.ts';
import { processClient, startVakaProcess, type VakaProcess } from '../../platform/testing/vaka-process.ts';

// Issue 6 item 4: Vaka killed in the middle of an import (no graceful shutdown) leaves nothing of
// it in the register, starts again on the same data, and the same file then imports whole.
const ROWS = 2000;
const admin = { email: 'admin@mia.test', password: TEST_PASSWORD, agency: 'Ministry of Internal Affairs' };
const csv = [
  'Organisation,Type,Island',
  ...Array.from(
    { length: ROWS },
    (_, i) => `Village Society ${String(i).padStart(5, '0')},Community group,Atiu`,
  ),
].join('\n');

let dataDir: string;
let server: { url: string; drop(): Promise<void> } | undefined;
let vaka: VakaProcess | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vaka-crash-'));
  const adminUrl = process.env.TEST_DATABASE_URL;
  server = adminUrl ? await createServerDatabase(adminUrl, 'vaka_crash') : undefined;
});
afterAll(async () => {
  await vaka?.kill();
  await server?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function signedIn(url: string) {
  const api = processClient(url);
  const reply = await api.post('/api/v1/session', { email: admin.email, password: admin.password });
  expect(reply.status).toBe(200);
  return api;
}

async function startImport(api: ReturnType<typeof processClient>) {
  const uploaded = await api.upload('/api/v1/register/imports', 'villages.csv', csv);
  expect(uploaded.status).toBe(201);
  const asked = await api.post(`/api/v1/register/imports/${uploaded.body.id}/dry-run`);
  expect(asked.status).toBe(202);
  // The check is a job (decision 0019): wait for it, then read its report.
  for (
    let i = 0;
    i < 600 && (await api.get(`/api/v1/jobs/${asked.body.jobId}`)).body.state !== 'completed';
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 200));
  const report = await api.get(`/api/v1/register/imports/${uploaded.body.id}/report`);
  expect(report.body.import.summary).toEqual({ create: ROWS, skip: 0, error: 0 });
  const run = await api.post(`/api/v1/register/imports/${uploaded.body.id}/run`);
  expect(run.status).toBe(202);
  return run.body.jobId as string;
}

const total = async (api: ReturnType<typeof processClient>) =>
  (await api.get('/api/v1/register/organisations/counts')).body.total as number;

test('killed while writing an import, Vaka keeps nothing of it, restarts, and the file imports whole', async () => {
  const options = { dataDir, databaseUrl: server?.url, admin };
  vaka = await startVakaProcess(options);
  let api = await signedIn(vaka.url);
  await startImport(api);
  // The moment the job opens its one transaction to write the register, kill the process.
  await vaka.printed('register import: writing the register');
  await vaka.kill();

  vaka = await startVakaProcess(options);
  api = await signedIn(vaka.url);
  expect(await total(api)).toBe(0);

  const again = await startImport(api);
  let job = (await api.get(`/api/v1/jobs/${again}`)).body;
  const deadline = Date.now() + 240_000;
  while (job.state !== 'completed' && job.state !== 'failed' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = (await api.get(`/api/v1/jobs/${again}`)).body;
  }
  expect(job.state).toBe('completed');
  expect(await total(api)).toBe(ROWS);
}, 480_000);
