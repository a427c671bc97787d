import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { is } from 'drizzle-orm';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';

// One Drizzle type for both modes; a transaction is also a Db, so functions take either.
export type Db = PgDatabase<PgQueryResultHKT>;

/** Drizzle's execute returns the driver's result; both drivers put the rows under `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Databases that are one connection without being a transaction: withLock's. */
const singleConnections = new WeakSet<Db>();

/**
 * Runs independent reads and returns their results in order (decision 0022). On the pool they go
 * out together, each on a connection of its own; a transaction is one connection, which takes one
 * query at a time (pg warns when sent a second, and pg 9 refuses), so there they go one after another.
 * Each read is a function, so none starts before its turn.
 */
export async function together<const Reads extends readonly (() => PromiseLike<unknown>)[]>(
  db: Db,
  reads: Reads,
): Promise<{ -readonly [K in keyof Reads]: Awaited<ReturnType<Reads[K]>> }> {
  type Results = { -readonly [K in keyof Reads]: Awaited<ReturnType<Reads[K]>> };
  if (!is(db, PgTransaction) && !singleConnections.has(db))
    return (await Promise.all(reads.map((read) => read()))) as Results;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results;
}

type SqlResult = { rows: unknown[] } | { rows: unknown[] }[];

export type Database = {
  mode: 'embedded' | 'server';
  db: Db;
  /** Raw SQL for pg-boss: a multi-statement text returns every statement's rows. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  /** Runs work on one connection while holding a session advisory lock (migrations, setup). */
  withLock<T>(key: number, work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DatabaseOptions = { databaseUrl?: string; dataDir?: string; poolSize?: number };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir);
}

async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  let location = 'memory://';
  if (dataDir) {
    location = path.join(dataDir, 'pgdata');
    await mkdir(location, { recursive: true });
  }
  const client = await PGlite.create(location, { extensions: { citext, pg_trgm, unaccent } });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    mode: 'embedded',
    db,
    async executeSql(text, values) {
      if (values && values.length > 0) return client.query(text, values as unknown[]);
      const results = await client.exec(text);
      return results.length === 1 ? results[0]! : results;
    },
    // PGlite is one connection in one process: a lock only needs to serialise this process's callers.
    withLock: (_key, work) => work(db),
    close: closeOnce(() => client.close()),
  };
}

async function openServer(databaseUrl: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000 });
  // A dropped server connection must not crash the process; requests get 503 until it is back.
  pool.on('error', () => {});
  const db = drizzlePostgres(pool) as unknown as Db;
  return {
    mode: 'server',
    db,
    async executeSql(text, values) {
      const result = (await pool.query(text, values as unknown[])) as unknown;
      return result as SqlResult;
    },
    async withLock(key, work) {
      const connection = await pool.connect();
      try {
        await connection.query('select pg_advisory_lock($1)', [key]);
        try {
          const db = drizzlePostgres(connection) as unknown as Db;
          singleConnections.add(db);
          return await work(db);
        } finally {
          await connection.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        connection.release();
      }
    },
    close: closeOnce(() => pool.end()),
  };
}

/** Shutdown may be asked twice (a signal during a stop); the second time does nothing. */
function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
