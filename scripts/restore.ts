// npm run restore -- <archive>: loads a backup into an empty database (either mode) and file store.
import { parseArgs } from 'node:util';
import { restoreBackup, RestoreRefused } from '../src/platform/backup/restore.ts';
import { readConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/client.ts';

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error('usage: npm run restore -- <vaka-backup-....tar.gz>');
  process.exit(1);
}
const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const into =
    database.mode === 'server' ? 'the PostgreSQL server' : `the embedded database in ${config.dataDir}`;
  console.log(`restoring into ${into}`);
  const started = performance.now();
  const summary = await restoreBackup({
    database,
    dataDir: config.dataDir,
    archive: positionals[0]!,
    report: console.log,
  });
  console.log(
    `restored the backup of ${summary.createdAt}: ${summary.tables} tables, ${summary.rows} rows, ` +
      `${summary.files} files in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  if (!(error instanceof RestoreRefused)) throw error;
  console.error(`restore refused: ${error.message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
