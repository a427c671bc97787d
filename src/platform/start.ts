import path from 'node:path';
import pino, { type Logger } from 'pino';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Platform } from './context.ts';
import { openDatabase } from './db/client.ts';
import { applyMigrations } from './db/migrate.ts';
import { createLocalFileStore } from './files/store.ts';
import { createJobs } from './jobs/index.ts';
import { createMailer, MAIL_JOB, type Mail } from './mail/index.ts';
import type { DemonstrationStep } from './setup/demonstration.ts';

export type PlatformOptions = {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  demonstrationSteps?: DemonstrationStep[];
  /** Tests keep the embedded database in memory: faster, and nothing to clean up. */
  inMemoryDatabase?: boolean;
};

/** Opens the database, applies migrations and wires the shared services; nothing listens yet. */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const { config } = options;
  const logger = options.logger ?? pino({ level: config.logLevel });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: options.inMemoryDatabase ? undefined : config.dataDir,
    poolSize: config.databasePoolSize,
  });
  await applyMigrations(database);
  const clock = options.clock ?? systemClock;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
  const jobs = createJobs({ database, clock, logger });
  // E-mail leaves through the queue, after the transaction that caused it has committed.
  // In batches: an announcement queues thousands at once (decision 0025).
  jobs.define<Mail>(MAIL_JOB, (mail) => mailer.send(mail), { batchSize: 50 });
  return {
    config,
    database,
    db: database.db,
    clock,
    logger,
    mailer,
    jobs,
    files: createLocalFileStore(path.join(config.dataDir, 'files')),
    demonstrationSteps: options.demonstrationSteps ?? [],
  };
}

export async function closePlatform(platform: Platform): Promise<void> {
  await platform.jobs.stop();
  platform.mailer.close();
  await platform.database.close();
}
