import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { FileStore } from './files/store.ts';
import type { Jobs } from './jobs/index.ts';
import type { Mailer } from './mail/index.ts';
import type { DemonstrationStep } from './setup/demonstration.ts';

/** What every operation may use: built once at start-up, passed explicitly, replaced in tests. */
export type Platform = {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  jobs: Jobs;
  files: FileStore;
  /** What each module adds to the demonstration data, in order. */
  demonstrationSteps: DemonstrationStep[];
};
