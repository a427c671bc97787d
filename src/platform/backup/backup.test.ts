import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// A platform test may use the register (test files are outside the layout rules) to have real data.
import { registerDemonstration, registerModule } from '../../modules/register/index.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { DEMONSTRATION_PASSWORD } from '../setup/demonstration.ts';
import { agencyWithAdministrator, TEST_PASSWORD } from '../testing/agencies.ts';
import { signedIn, type Client } from '../testing/api.ts';
import { upload } from '../testing/multipart.ts';
import { createServerDatabase, startVaka, type TestVaka } from '../testing/start-vaka.ts';
import { backupName, writeBackup } from './backup.ts';
import { ident, publicTables, selectRows } from './manifest.ts';
import { restoreBackup, RestoreRefused } from './restore.ts';
import { extractTarGz, writeTarGz } from './tar.ts';

let source: TestVaka;
let admin: Client;
let work: string;
let archive: string;
let exported: string;
let fileId: string;
const fileBytes = Buffer.from('%PDF-1.4\n% the constitution of Te Vaka Society\n%%EOF\n');

async function loadDemonstration() {
  const { jobId } = (await admin.post('/api/v1/demonstration-data')).body;
  for (let i = 0; i < 300; i++) {
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).body;
    if (job.state === 'completed') return;
    if (job.state === 'failed') throw new Error(`the demonstration job failed: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the demonstration job did not finish');
}

const exportCsv = async (client: Client) => {
  const reply = await client.get('/api/v1/register/organisations/export?format=csv');
  expect(reply.status).toBe(200);
  return reply.body as string;
};

async function rowCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await publicTables(database.db)) {
    const [row] = await selectRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${ident(table)}`,
    );
    counts[table] = row!.n;
  }
  return counts;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'vaka-backup-test-'));
  source = await startVaka({
    modules: registerModule,
    demonstrationSteps: registerDemonstration,
    demonstration: true,
  });
  ({ admin } = await agencyWithAdministrator(source, 'Ministry of Internal Affairs', 'admin@mia.test'));
  await loadDemonstration();
  const uploaded = await upload(source.app, admin, { name: 'constitution.pdf', bytes: fileBytes });
  expect(uploaded.status).toBe(201);
  fileId = uploaded.body.id;
  exported = await exportCsv(admin);
  archive = path.join(work, backupName(source.clock.now()));
  await writeBackup({
    database: source.platform.database,
    dataDir: source.platform.config.dataDir,
    out: archive,
    now: source.clock.now(),
  });
});
afterAll(async () => {
  await source.close();
  await rm(work, { recursive: true, force: true });
});

/** Restores the archive into a new, empty target, starts Vaka on it and compares it with the source. */
async function roundTrip(target: { dataDir: string; databaseUrl?: string }) {
  const lines: string[] = [];
  const database = await openDatabase(target);
  try {
    const summary = await restoreBackup({
      database,
      dataDir: target.dataDir,
      archive,
      report: (line) => lines.push(line),
    });
    expect(summary.files).toBe(1);
    expect(lines.some((line) => /table audit_events: \d+ rows/.test(line))).toBe(true);
  } finally {
    await database.close();
  }

  const restored = await startVaka({ modules: registerModule, existing: target });
  try {
    expect(await rowCounts(restored.platform.database)).toEqual(await rowCounts(source.platform.database));
    const report = await verifyAuditChain(restored.platform.db);
    expect(report.firstBroken).toBeNull();
    expect(report.rows).toBe((await verifyAuditChain(source.platform.db)).rows);
    expect(report.rows).toBeGreaterThan(3);

    const again = await signedIn(restored.app, 'admin@mia.test', TEST_PASSWORD);
    expect(await exportCsv(again)).toBe(exported);
    const download = await restored.app.inject({
      url: `/api/v1/files/${fileId}`,
      headers: { cookie: again.cookie() ?? '' },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(fileBytes)).toBe(true);
    await signedIn(restored.app, 'coordinator@demo.vaka.test', DEMONSTRATION_PASSWORD);
    await signedIn(restored.app, 'cso@demo.vaka.test', DEMONSTRATION_PASSWORD);

    // Sequences went on from the restored rows: a new change gets a fresh audit id, and the chain holds.
    const edited = await again.post('/api/v1/invitations', {
      email: 'new@mia.test',
      role: 'programme-officer',
    });
    expect(edited.status).toBe(201);
    expect((await verifyAuditChain(restored.platform.db)).firstBroken).toBeNull();
  } finally {
    await restored.close();
  }
}

describe('backup and restore', () => {
  test('the archive is a tar.gz with a manifest, one JSON-lines file per table and the stored file', async () => {
    const into = path.join(work, 'listing');
    const names = await extractTarGz(archive, into);
    expect(names[0]).toBe('manifest.json');
    expect(names).toContain('tables/organisations.jsonl');
    expect(names).toContain('tables/audit_events.jsonl');
    expect(names.some((name) => name.startsWith('tables/pgboss') || name.includes('drizzle'))).toBe(false);
    const manifest = JSON.parse(await readFile(path.join(into, 'manifest.json'), 'utf8'));
    expect(manifest.mode).toBe(source.platform.database.mode);
    expect(manifest.migrations.count).toBeGreaterThan(0);
    expect(manifest.tables.find((t: { name: string }) => t.name === 'organisations').rows).toBe(300);
    expect(manifest.files).toHaveLength(1);
    const stored = names.find((name) => name.startsWith('files/'))!;
    expect((await readFile(path.join(into, stored))).equals(fileBytes)).toBe(true);
  });

  // Embedded always; a PostgreSQL server too when the suite runs against one (TEST_DATABASE_URL).
  test('a restore into a new database of either mode gives the same register, files, sign-ins and audit chain', async () => {
    await roundTrip({ dataDir: await mkdtemp(path.join(work, 'embedded-')) });
    if (!process.env.TEST_DATABASE_URL) return;
    const server = await createServerDatabase(process.env.TEST_DATABASE_URL, 'vaka_restore');
    try {
      await roundTrip({ dataDir: await mkdtemp(path.join(work, 'server-')), databaseUrl: server.url });
    } finally {
      await server.drop();
    }
  });

  test('a restore into a database that already holds data is refused and changes nothing', async () => {
    const before = await rowCounts(source.platform.database);
    const refused = restoreBackup({
      database: source.platform.database,
      dataDir: await mkdtemp(path.join(work, 'busy-')),
      archive,
    });
    await expect(refused).rejects.toThrow(RestoreRefused);
    await expect(refused).rejects.toThrow(/not empty/);
    expect(await rowCounts(source.platform.database)).toEqual(before);
  });

  test('a truncated or corrupt archive is refused and the target stays empty', async () => {
    const whole = await readFile(archive);
    const truncated = path.join(work, 'truncated.tar.gz');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const corrupt = path.join(work, 'corrupt.tar.gz');
    const flipped = Buffer.from(whole);
    for (let i = 200; i < 260; i++) flipped[i] = flipped[i]! ^ 0xff;
    await writeFile(corrupt, flipped);
    const notGzip = path.join(work, 'not-a-backup.tar.gz');
    await writeFile(notGzip, 'name,email\nTe Vaka,info@vaka.test\n');

    const dataDir = await mkdtemp(path.join(work, 'bad-'));
    const database = await openDatabase({});
    try {
      for (const bad of [truncated, corrupt, notGzip]) {
        const attempt = restoreBackup({ database, dataDir, archive: bad });
        await expect(attempt).rejects.toThrow(RestoreRefused);
        await expect(attempt).rejects.toThrow(/cannot be read/);
        expect(await publicTables(database.db)).toEqual([]);
        await expect(stat(path.join(dataDir, 'files'))).rejects.toThrow();
      }
    } finally {
      await database.close();
    }
  });

  test('an archive from a newer Vaka (more migrations than this one has) is refused', async () => {
    const into = path.join(work, 'newer');
    const names = await extractTarGz(archive, into);
    const manifestFile = path.join(into, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    manifest.migrations = { count: manifest.migrations.count + 1, lastTag: '9999_from_the_future' };
    await writeFile(manifestFile, JSON.stringify(manifest));
    const newer = path.join(work, 'newer.tar.gz');
    await writeTarGz(
      newer,
      names.map((name) => ({ name, source: path.join(into, name) })),
    );
    const database = await openDatabase({});
    try {
      const attempt = restoreBackup({
        database,
        dataDir: await mkdtemp(path.join(work, 'newer-')),
        archive: newer,
      });
      await expect(attempt).rejects.toThrow(/newer Vaka/);
      expect(await publicTables(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
