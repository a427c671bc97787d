import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { createTestClock, type TestClock } from '../clock.ts';
import { readConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import type { Platform } from '../context.ts';
import { recordDeployment } from '../deployment/deployment.ts';
import { buildApp, type ModulePlugin, type VakaApp } from '../http/app.ts';
import type { DemonstrationStep } from '../setup/demonstration.ts';
import { closePlatform, createPlatform } from '../start.ts';
import { startMailSink, type MailSink } from './mail-sink.ts';

export type TestVaka = {
  app: VakaApp;
  platform: Platform;
  clock: TestClock;
  mail: MailSink;
  close(): Promise<void>;
};

/**
 * A whole Vaka on a fresh database: PGlite in memory by default, or a new database on the server
 * named by TEST_DATABASE_URL, so the same tests run in both modes. E-mail goes to a real SMTP sink.
 */
export async function startVaka(
  options: {
    modules?: ModulePlugin[];
    demonstrationSteps?: DemonstrationStep[];
    env?: Record<string, string>;
    /** Start on data that is already there (a restored backup) instead of a fresh database; the caller cleans up. */
    existing?: { dataDir: string; databaseUrl?: string };
    /** A demonstration deployment, as `npm run demo` makes, which takes demonstration data. */
    demonstration?: boolean;
    /** Where Vaka's log goes, for a test that reads it; silent by default (TEST_LOG_LEVEL changes that). */
    logger?: pino.Logger;
  } = {},
): Promise<TestVaka> {
  const { existing } = options;
  const dataDir = existing?.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'vaka-test-')));
  const mail = await startMailSink();
  const server =
    process.env.TEST_DATABASE_URL && !existing
      ? await createServerDatabase(process.env.TEST_DATABASE_URL)
      : undefined;
  const databaseUrl = existing ? existing.databaseUrl : server?.url;
  const config = readConfig({
    DATA_DIR: dataDir,
    SMTP_URL: mail.url,
    PORT: '3000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const clock = createTestClock(new Date('2026-11-23T09:00:00Z'));
  const platform = await createPlatform({
    config,
    inMemoryDatabase: !existing,
    clock,
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    demonstrationSteps: options.demonstrationSteps ?? [],
  });
  if (options.demonstration) await recordDeployment(platform.db, clock.now(), { demonstration: true });
  const app = await buildApp(platform, options.modules ?? []);
  await platform.jobs.start();
  return {
    app,
    platform,
    clock,
    mail,
    async close() {
      await app.close();
      await closePlatform(platform);
      await mail.close();
      await server?.drop();
      if (!existing) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the server, and a way to drop it (tests and benchmarks). */
export async function createServerDatabase(adminUrl: string, prefix = 'vaka_test') {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * A bare database in the mode the tests run in, with no migrations: the embedded one in memory, or
 * a fresh one on the server TEST_DATABASE_URL names. `close` also drops the server's.
 */
export async function startBareDatabase(): Promise<{ database: Database; close(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  const server = url ? await createServerDatabase(url) : undefined;
  const database = await openDatabase({ databaseUrl: server?.url });
  return {
    database,
    async close() {
      await database.close();
      await server?.drop();
    },
  };
}
