// npm run audit:verify: checks the audit trail's hash chain and names the first broken row.
import { verifyAuditChain } from '../src/platform/audit/verify.ts';
import { readConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/client.ts';

const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const report = await verifyAuditChain(database.db);
  if (report.firstBroken) {
    console.log(
      `audit trail BROKEN at row ${report.firstBroken.id}: ${report.firstBroken.reason} (${report.rows} rows read)`,
    );
    process.exitCode = 1;
  } else {
    console.log(`audit trail intact: ${report.rows} rows, every hash and link checks out`);
  }
} finally {
  await database.close();
}
