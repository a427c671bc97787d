import { createReadStream } from 'node:fs';
import { access, copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { applyMigrations, migrationsFolder } from '../db/migrate.ts';
import { localFilePath } from '../files/store.ts';
import {
  appliedMigrations,
  ident,
  Manifest,
  publicTables,
  readJournal,
  selectRows,
  writableColumns,
} from './manifest.ts';
import { CorruptArchive, extractTarGz } from './tar.ts';

/** A restore that must not go ahead; the CLI prints the message and exits with 1. */
export class RestoreRefused extends Error {}

const BATCH_ROWS = 1_000;
const BATCH_BYTES = 4 * 1024 * 1024;

export type RestoreOptions = {
  database: Database;
  /** DATA_DIR: files go back to DATA_DIR/files */
  dataDir: string;
  archive: string;
  report?: (line: string) => void;
};

export type RestoreSummary = { tables: number; rows: number; files: number; createdAt: string };

/**
 * Loads an archive from writeBackup into an empty database and file store. The whole archive is
 * unpacked and checked before the database is touched, so a damaged one changes nothing; the rows
 * then go in as one transaction, so a failure half-way leaves the tables empty.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const report = options.report ?? (() => {});
  const { database } = options;
  const archiveExists = await access(options.archive).then(
    () => true,
    () => false,
  );
  if (!archiveExists) throw new RestoreRefused(`There is no file ${options.archive}.`);
  // The working folder sits in DATA_DIR, which must be writable for the files anyway.
  await mkdir(options.dataDir, { recursive: true });
  const work = await mkdtemp(path.join(options.dataDir, '.vaka-restore-'));
  try {
    report(`reading ${options.archive}`);
    const unpacked = path.join(work, 'archive');
    const manifest = await unpack(options.archive, unpacked);
    report(
      `  the backup of ${manifest.createdAt} from the ${manifest.mode} database, ` +
        `${manifest.migrations.count} migrations (last ${manifest.migrations.lastTag})`,
    );
    const journal = await readJournal();
    if (manifest.migrations.count > journal.entries.length) {
      throw new RestoreRefused(
        `The archive comes from a newer Vaka (${manifest.migrations.count} migrations, last ` +
          `${manifest.migrations.lastTag}); this one has ${journal.entries.length}. Update Vaka first.`,
      );
    }
    const filesRoot = path.join(options.dataDir, 'files');
    for (const file of manifest.files) {
      const exists = await access(localFilePath(filesRoot, file.key)).then(
        () => true,
        () => false,
      );
      if (exists)
        throw new RestoreRefused(
          `The target file store already holds ${file.key}: restore needs an empty one.`,
        );
    }

    // The archive's rows fit the schema as it was when they were written: bring an empty target
    // to exactly that migration, load, then apply whatever this Vaka has added since.
    if ((await appliedMigrations(database.db)) < manifest.migrations.count) {
      const partial = path.join(work, 'migrations');
      await cutMigrations(partial, manifest.migrations.count);
      await applyMigrations(database, partial);
    }
    const loaded = await database.db.transaction(async (tx) => {
      // Foreign keys and the audit trail's append-only trigger would fire on every row; as the
      // database owner, replica mode loads the rows exactly as they were backed up.
      await tx.execute(sql`set local session_replication_role = replica`);
      const present = new Set(await publicTables(tx));
      for (const table of manifest.tables) {
        if (!present.has(table.name))
          throw new RestoreRefused(
            `The target has no table ${table.name}; is the archive from another product?`,
          );
        const [row] = await selectRows<{ any: boolean }>(
          tx,
          sql`select exists (select 1 from ${ident(table.name)}) as any`,
        );
        if (row?.any)
          throw new RestoreRefused(
            `The target database is not empty (table ${table.name} has rows). Restore into a new, empty database or data folder.`,
          );
      }
      let rows = 0;
      for (const table of manifest.tables) {
        rows += await loadTable(tx, table, path.join(unpacked, 'tables', `${table.name}.jsonl`));
        report(`  table ${table.name}: ${table.rows} rows`);
      }
      await resetSequences(tx);
      return rows;
    });
    await applyMigrations(database);

    for (const file of manifest.files) {
      const target = localFilePath(filesRoot, file.key);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(path.join(unpacked, 'files', file.key), target);
    }
    report(`  files: ${manifest.files.length}`);
    return {
      tables: manifest.tables.length,
      rows: loaded,
      files: manifest.files.length,
      createdAt: manifest.createdAt,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function unpack(archive: string, into: string): Promise<Manifest> {
  const names = await extractTarGz(archive, into).catch((error: unknown) => {
    if (error instanceof CorruptArchive)
      throw new RestoreRefused(`The archive cannot be read: ${error.message}.`);
    throw error;
  });
  if (!names.includes('manifest.json'))
    throw new RestoreRefused('The archive has no manifest.json: it is not a Vaka backup.');
  const parsed = Manifest.safeParse(JSON.parse(await readFile(path.join(into, 'manifest.json'), 'utf8')));
  if (!parsed.success)
    throw new RestoreRefused("The archive's manifest.json is not one this Vaka understands.");
  const manifest = parsed.data;
  for (const table of manifest.tables) {
    if (!names.includes(`tables/${table.name}.jsonl`))
      throw new RestoreRefused(`The archive is incomplete: tables/${table.name}.jsonl is missing.`);
  }
  for (const file of manifest.files) {
    const size = await stat(path.join(into, 'files', file.key)).then(
      (s) => s.size,
      () => -1,
    );
    if (size !== file.size)
      throw new RestoreRefused(`The archive is incomplete: files/${file.key} is missing or damaged.`);
  }
  return manifest;
}

/** A copy of the migrations folder that stops after the first `count` migrations. */
async function cutMigrations(into: string, count: number) {
  const journal = await readJournal();
  const kept = journal.entries.slice(0, count);
  await mkdir(path.join(into, 'meta'), { recursive: true });
  await writeFile(path.join(into, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  for (const entry of kept) {
    await copyFile(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(into, `${entry.tag}.sql`));
  }
}

/** Streams a table's JSON lines into batched inserts; only the columns both sides know are written. */
async function loadTable(tx: Db, table: Manifest['tables'][number], file: string): Promise<number> {
  const target = new Set(await writableColumns(tx, table.name));
  const columns = table.columns.filter((column) => target.has(column));
  const list = sql.join(columns.map(ident), sql`, `);
  let batch: string[] = [];
  let bytes = 0;
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const json = `[${batch.join(',')}]`;
    await tx.execute(
      sql`insert into ${ident(table.name)} (${list}) overriding system value
          select ${list} from json_populate_recordset(null::${ident(table.name)}, ${json}::json)`,
    );
    batch = [];
    bytes = 0;
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line === '') continue;
    batch.push(line);
    bytes += line.length;
    rows += 1;
    if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
  }
  await flush();
  if (rows !== table.rows)
    throw new RestoreRefused(
      `The archive is damaged: ${table.name} has ${rows} rows, its manifest says ${table.rows}.`,
    );
  return rows;
}

/** Each sequence owned by a column goes on from the column's largest value, as if never moved. */
async function resetSequences(tx: Db) {
  const owned = await selectRows<{ table: string; column: string; sequence: string }>(
    tx,
    sql`select c.relname as table, a.attname as column,
          pg_get_serial_sequence(format('public.%I', c.relname), a.attname) as sequence
        from pg_class c join pg_attribute a on a.attrelid = c.oid
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
          and a.attnum > 0 and not a.attisdropped
          and pg_get_serial_sequence(format('public.%I', c.relname), a.attname) is not null`,
  );
  for (const { table, column, sequence } of owned) {
    await tx.execute(
      sql`select setval(${sequence}, coalesce(max(${ident(column)}), 1), max(${ident(column)}) is not null)
          from ${ident(table)}`,
    );
  }
}
