import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '../db/client.ts';
import { migrationsFolder } from '../db/migrate.ts';

export const FORMAT_VERSION = 1;

/** What manifest.json says; restore trusts nothing in the archive that this does not describe. */
export const Manifest = z.object({
  format: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
  mode: z.enum(['embedded', 'server']),
  migrations: z.object({ count: z.number().int().min(0), lastTag: z.string().nullable() }),
  tables: z.array(
    z.object({
      name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
      rows: z.number().int().min(0),
      columns: z.array(z.string()),
    }),
  ),
  files: z.array(z.object({ key: z.string().regex(/^[a-z0-9-]+$/i), size: z.number().int().min(0) })),
});
export type Manifest = z.infer<typeof Manifest>;

export type Journal = { entries: { idx: number; tag: string; when: number }[] };

export async function readJournal(folder = migrationsFolder): Promise<Journal> {
  return JSON.parse(await readFile(path.join(folder, 'meta/_journal.json'), 'utf8')) as Journal;
}

/** The rows a query answers. */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

export const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

/**
 * Every table of the public schema. Drizzle's own bookkeeping lives in the `drizzle` schema and
 * pg-boss's queue in its own, so neither is included: the target's migrations write the first,
 * and queued jobs are transient (a lost reminder run is made again by its daily schedule).
 */
export async function publicTables(db: Db): Promise<string[]> {
  const rows = await selectRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
        order by c.relname`,
  );
  return rows.map((row) => row.name);
}

/** The columns a row can be written to: generated columns are left to the database. */
export async function writableColumns(db: Db, table: string): Promise<string[]> {
  const rows = await selectRows<{ name: string }>(
    db,
    sql`select a.attname as name from pg_attribute a
        where a.attrelid = ${`public.${table}`}::regclass and a.attnum > 0
          and not a.attisdropped and a.attgenerated = ''
        order by a.attnum`,
  );
  return rows.map((row) => row.name);
}

/** How many migrations the database has applied (0 when drizzle has never run there). */
export async function appliedMigrations(db: Db): Promise<number> {
  const [table] = await selectRows<{ exists: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  );
  if (!table?.exists) return 0;
  const [row] = await selectRows<{ applied: number }>(
    db,
    sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
  );
  return row?.applied ?? 0;
}
