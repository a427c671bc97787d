import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './client.ts';

export const migrationsFolder = path.resolve(import.meta.dirname, '../../../drizzle');
const MIGRATION_LOCK = 7_240_001;

// Several Vaka processes may start at once against one server: the advisory lock lets one migrate.
// A restore applies the archive's own migrations first, from a copy of this folder cut short.
export async function applyMigrations(database: Database, folder = migrationsFolder): Promise<void> {
  await database.withLock(MIGRATION_LOCK, async (db) => {
    if (database.mode === 'embedded') {
      await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: folder });
      return;
    }
    await migratePostgres(db as unknown as NodePgDatabase, { migrationsFolder: folder });
  });
}

/** True when every committed migration has been applied (what /readyz reports). */
export async function migrationsApplied(database: Database): Promise<boolean> {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  const result = await database.db.execute(
    sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
  );
  const rows = (result as unknown as { rows: { applied: number }[] }).rows;
  return (rows[0]?.applied ?? 0) >= journal.entries.length;
}
