// npm run demo: Vaka on a throwaway data folder with the demonstration data, printing the sign-ins.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { demonstrationSteps, modules } from '../src/modules.ts';
import {
  DEMONSTRATION_PASSWORD,
  demonstrationStaff,
  loadDemonstrationData,
} from '../src/platform/setup/demonstration.ts';
import { prepareFirstRun } from '../src/platform/setup/first-run.ts';
import { closePlatform, createPlatform } from '../src/platform/start.ts';
import { agencies } from '../src/platform/accounts/tables.ts';

const dataDir = await mkdtemp(path.join(tmpdir(), 'vaka-demo-'));
const adminEmail = 'admin@demo.vaka.test';
const config = readConfig({
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  ADMIN_EMAIL: adminEmail,
  ADMIN_PASSWORD: DEMONSTRATION_PASSWORD,
  AGENCY_NAME: 'Ministry of Internal Affairs (demonstration)',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
const platform = await createPlatform({ config, demonstrationSteps });
const app = await buildApp(platform, modules);
await prepareFirstRun(platform);
const [agency] = await platform.db.select().from(agencies).limit(1);
console.log('Loading demonstration data ...');
await loadDemonstrationData(platform, agency!.id, demonstrationSteps, {
  report: async (done, total, message) => console.log(`  [${done}/${total}] ${message ?? ''}`),
});
await platform.jobs.start();
await app.listen({ port: config.port, host: config.host });

const url = config.publicUrl ?? `http://localhost:${config.port}`;
console.log(`\nVaka demonstration at ${url} (data in ${dataDir}, thrown away when you delete it)\n`);
console.log('Sign in as any of these, password ' + DEMONSTRATION_PASSWORD + ':');
console.log(`  administrator            ${adminEmail}`);
for (const person of demonstrationStaff) console.log(`  ${person.role.padEnd(24)} ${person.email}`);

const stop = async () => {
  await app.close();
  await closePlatform(platform);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
