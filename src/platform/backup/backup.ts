import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import {
  FORMAT_VERSION,
  ident,
  publicTables,
  readJournal,
  selectRows,
  writableColumns,
  type Manifest,
} from './manifest.ts';
import { writeTarGz, type TarEntry } from './tar.ts';

const FETCH_ROWS = 5_000;

export type BackupOptions = {
  database: Database;
  /** DATA_DIR: the local file store is DATA_DIR/files */
  dataDir: string;
  out: string;
  now: Date;
  report?: (line: string) => void;
};

export type BackupSummary = { out: string; tables: number; rows: number; files: number; bytes: number };

export function backupName(now: Date): string {
  return `vaka-backup-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.tar.gz`;
}

/**
 * One archive of the whole register: every public table as JSON lines, read in one repeatable-read
 * snapshot so the tables agree with each other, and every stored file. Rows stream through a
 * server-side cursor into a working folder beside the archive, so memory stays flat however large
 * the audit trail is.
 */
export async function writeBackup(options: BackupOptions): Promise<BackupSummary> {
  const report = options.report ?? (() => {});
  const out = path.resolve(options.out);
  const work = await mkdtemp(path.join(path.dirname(out), '.vaka-backup-'));
  try {
    const journal = await readJournal();
    const tables = await options.database.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const written: Manifest['tables'] = [];
      for (const name of await publicTables(tx)) {
        const columns = await writableColumns(tx, name);
        const file = path.join(work, 'tables', `${name}.jsonl`);
        const rows = await dumpTable(tx, name, file);
        report(`  table ${name}: ${rows} rows`);
        written.push({ name, rows, columns });
      }
      return written;
    });

    const files = await listStoredFiles(path.join(options.dataDir, 'files'));
    report(`  files: ${files.length}`);
    const manifest: Manifest = {
      format: FORMAT_VERSION,
      createdAt: options.now.toISOString(),
      mode: options.database.mode,
      migrations: { count: journal.entries.length, lastTag: journal.entries.at(-1)?.tag ?? null },
      tables,
      files: files.map(({ key, size }) => ({ key, size })),
    };
    await writeFile(path.join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const entries: TarEntry[] = [
      { name: 'manifest.json', source: path.join(work, 'manifest.json') },
      ...tables.map((t) => ({
        name: `tables/${t.name}.jsonl`,
        source: path.join(work, 'tables', `${t.name}.jsonl`),
      })),
      ...files.map((f) => ({ name: `files/${f.key}`, source: f.source })),
    ];
    await writeTarGz(out, entries);
    return {
      out,
      tables: tables.length,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      files: files.length,
      bytes: (await stat(out)).size,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// row_to_json writes timestamptz with its microseconds and offset, and jsonb as JSON, so
// json_populate_recordset reads back exactly what was stored (the audit chain's hashes depend on it).
async function dumpTable(tx: Db, name: string, file: string): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: 'wx' });
  let rows = 0;
  try {
    await tx.execute(
      sql`declare vaka_backup no scroll cursor for select row_to_json(t)::text as line from ${ident(name)} t`,
    );
    for (;;) {
      const batch = await selectRows<{ line: string }>(tx, sql.raw(`fetch ${FETCH_ROWS} from vaka_backup`));
      if (batch.length === 0) break;
      rows += batch.length;
      const chunk = batch.map((row) => `${row.line}\n`).join('');
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    await tx.execute(sql`close vaka_backup`);
  } finally {
    stream.end();
    await once(stream, 'close');
  }
  return rows;
}

/** The local store keeps each file at <first two characters>/<key> (src/platform/files/store.ts). */
async function listStoredFiles(root: string) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile() || !/^[a-z0-9-]+$/i.test(entry.name)) continue;
    const source = path.join(entry.parentPath, entry.name);
    files.push({ key: entry.name, source, size: (await stat(source)).size });
  }
  return files.sort((a, b) => a.key.localeCompare(b.key));
}
