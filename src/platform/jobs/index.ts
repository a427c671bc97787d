import { randomUUID } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { rowsOf, type Database, type Db } from '../db/client.ts';
import { jobProgress } from './tables.ts';

export type JobState = 'queued' | 'running' | 'completed' | 'failed';

export type Progress = { report(done: number, total: number, message?: string): Promise<void> };

export type JobHandler<Data> = (data: Data, progress: Progress) => Promise<unknown>;

export type SendOptions = {
  /** Keep a progress record that the person who started it can watch (GET /api/v1/jobs/:id). */
  tracked?: { agencyId: string | null; userId: string | null };
  startAfterSeconds?: number;
  /** A transaction to queue the job in: it exists only if that transaction commits. */
  db?: Db;
};

export type Jobs = {
  define<Data extends object>(name: string, handler: JobHandler<Data>, options?: DefineOptions): void;
  send(name: string, data: object, options?: SendOptions): Promise<string>;
  /**
   * Queues many jobs of one kind in one statement (pg-boss `insert`), in `db` when given: a batch
   * of e-mails is queued together with the rows that say it was, or not at all.
   */
  insert(name: string, data: object[], options?: { db?: Db }): Promise<void>;
  /** Jobs of this kind waiting or running: a test waits for none instead of sleeping. */
  unfinished(name: string): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export type DefineOptions = {
  cron?: string;
  /**
   * Jobs a worker fetches at once; while fetches come back full it fetches again without waiting
   * for the poll. Many small jobs (e-mails) want more than one: one a poll is two a second.
   */
  batchSize?: number;
};

type Definition = { handler: JobHandler<object>; cron: string | undefined; batchSize: number };

// Failed jobs run again up to this many times (pg-boss retries them at once).
const retryLimit = 3;

/**
 * pg-boss's statements run on a Drizzle database or transaction: its `$n` placeholders become
 * Drizzle parameters, so they join whatever transaction `db` is (pg-boss's `db` option).
 */
function onDrizzle(db: Db) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = [];
      parts.forEach((part, index) =>
        chunks.push(index % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`),
      );
      const result = await db.execute(sql.join(chunks));
      return { rows: (result as unknown as { rows: unknown[] }).rows };
    },
  };
}

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
  const schema = options.schema ?? 'pgboss';
  const boss = new PgBoss({
    // pg-boss's own type wants the pg driver's result; ours returns the same shape in both modes.
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) } as never,
    schema,
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
      definitions.set(name, {
        handler: handler as JobHandler<object>,
        cron: defineOptions.cron,
        batchSize: defineOptions.batchSize ?? 1,
      });
    },
    async send(name, data, sendOptions = {}) {
      if (!definitions.has(name)) throw new Error(`No job is defined with the name ${name}`);
      const id = randomUUID();
      // The progress row exists before the job does, so a fast worker always finds it.
      const db = sendOptions.db ?? database.db;
      if (sendOptions.tracked) {
        await db
          .insert(jobProgress)
          .values({ id, name, state: 'queued', ...sendOptions.tracked, createdAt: clock.now() });
      }
      await boss.send(name, data, {
        id,
        startAfter: sendOptions.startAfterSeconds ?? 0,
        retryLimit,
        ...(sendOptions.db ? { db: onDrizzle(sendOptions.db) } : {}),
      });
      return id;
    },
    async insert(name, data, insertOptions = {}) {
      if (!definitions.has(name)) throw new Error(`No job is defined with the name ${name}`);
      if (data.length === 0) return;
      await boss.insert(
        name,
        data.map((one) => ({ data: one, retryLimit })),
        insertOptions.db ? { db: onDrizzle(insertOptions.db) } : {},
      );
    },
    async unfinished(name) {
      const result = await database.db.execute(
        sql`select count(*)::int as count from ${sql.identifier(schema)}.job
          where name = ${name} and state in ('created', 'retry', 'active')`,
      );
      return rowsOf<{ count: number }>(result)[0]?.count ?? 0;
    },
    async start() {
      if (started) return;
      started = true;
      await boss.start();
      for (const [name, definition] of definitions) {
        await boss.createQueue(name);
        const { batchSize } = definition;
        const options = {
          pollingIntervalSeconds: 0.5,
          batchSize,
          burstWhenBatchFull: true,
          perJobResults: true,
        } as const;
        // Each job of a batch succeeds or fails on its own: one failed e-mail must not send the
        // others of its batch again when pg-boss retries it.
        await boss.work(name, options, async (batch) => {
          const results: { id: string; status: 'completed' | 'failed'; output?: object }[] = [];
          for (const job of batch) {
            try {
              await run(name, definition, job.id, job.data as object);
              results.push({ id: job.id, status: 'completed' });
            } catch (error) {
              results.push({ id: job.id, status: 'failed', output: { message: String(error) } });
            }
          }
          return results;
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
