import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Database, Db } from '../db/client.ts';
import { jobProgress } from './tables.ts';

export type JobState = 'queued' | 'running' | 'completed' | 'failed';

export type Progress = { report(done: number, total: number, message?: string): Promise<void> };

export type JobHandler<Data> = (data: Data, progress: Progress) => Promise<unknown>;

export type SendOptions = {
  /** Keep a progress record that the person who started it can watch (GET /api/v1/jobs/:id). */
  tracked?: { agencyId: string | null; userId: string | null };
  startAfterSeconds?: number;
};

export type Jobs = {
  define<Data extends object>(name: string, handler: JobHandler<Data>, options?: { cron?: string }): void;
  send(name: string, data: object, options?: SendOptions): Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

type Definition = { handler: JobHandler<object>; cron: string | undefined };

/**
 * pg-boss over the same database in both modes (ARCHITECTURE.md "Jobs"): the database is the queue.
 * Definitions are collected first and workers start once, after migrations.
 */
export function createJobs(options: {
  database: Database;
  clock: Clock;
  logger: Logger;
  schema?: string;
}): Jobs {
  const { database, logger, clock } = options;
  const boss = new PgBoss({
    // pg-boss's own type wants the pg driver's result; ours returns the same shape in both modes.
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) } as never,
    schema: options.schema ?? 'pgboss',
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  const definitions = new Map<string, Definition>();
  let started = false;

  async function setState(db: Db, id: string, values: Partial<typeof jobProgress.$inferInsert>) {
    await db
      .update(jobProgress)
      .set({ ...values, updatedAt: clock.now() })
      .where(eq(jobProgress.id, id));
  }

  async function run(name: string, definition: Definition, id: string, data: object) {
    const progress: Progress = {
      report: (done, total, message) => setState(database.db, id, { done, total, message: message ?? null }),
    };
    await setState(database.db, id, { state: 'running' });
    try {
      const result = await definition.handler(data, progress);
      await setState(database.db, id, { state: 'completed', result: (result ?? null) as object | null });
    } catch (error) {
      logger.error({ err: error, job: name, jobId: id }, 'job failed');
      const message = error instanceof Error ? error.message : String(error);
      await setState(database.db, id, { state: 'failed', message });
      throw error;
    }
  }

  return {
    define(name, handler, defineOptions = {}) {
      definitions.set(name, { handler: handler as JobHandler<object>, cron: defineOptions.cron });
    },
    async send(name, data, sendOptions = {}) {
      if (!definitions.has(name)) throw new Error(`No job is defined with the name ${name}`);
      const id = randomUUID();
      // The progress row exists before the job does, so a fast worker always finds it.
      if (sendOptions.tracked) {
        await database.db
          .insert(jobProgress)
          .values({ id, name, state: 'queued', ...sendOptions.tracked, createdAt: clock.now() });
      }
      await boss.send(name, data, { id, startAfter: sendOptions.startAfterSeconds ?? 0, retryLimit: 3 });
      return id;
    },
    async start() {
      if (started) return;
      started = true;
      await boss.start();
      for (const [name, definition] of definitions) {
        await boss.createQueue(name);
        await boss.work(name, { pollingIntervalSeconds: 0.5 }, async (batch) => {
          for (const job of batch) await run(name, definition, job.id, job.data as object);
        });
        if (definition.cron) await boss.schedule(name, definition.cron, {});
      }
    },
    // Graceful: in-flight jobs finish (or, after the timeout, go back to the queue for another process).
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}
