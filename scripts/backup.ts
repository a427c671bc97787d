// npm run backup [-- --out <file>]: one .tar.gz of the database (either mode) and the stored files.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupName, writeBackup } from '../src/platform/backup/backup.ts';
import { systemClock } from '../src/platform/clock.ts';
import { readConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/client.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = readConfig();
const now = systemClock.now();
const out = path.resolve(values.out ?? backupName(now));
if (
  await stat(out).then(
    () => true,
    () => false,
  )
) {
  console.error(`backup refused: ${out} already exists`);
  process.exit(1);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const from =
    database.mode === 'server' ? 'the PostgreSQL server' : `the embedded database in ${config.dataDir}`;
  console.log(`backing up ${from} and ${path.join(config.dataDir, 'files')}`);
  const started = performance.now();
  const summary = await writeBackup({ database, dataDir: config.dataDir, out, now, report: console.log });
  console.log(
    `wrote ${summary.out}: ${summary.tables} tables, ${summary.rows} rows, ${summary.files} files, ` +
      `${(summary.bytes / 1024 / 1024).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await database.close();
}
