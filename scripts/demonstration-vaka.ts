// Vaka on a throwaway data folder with the demonstration data: `npm run demo` and `npm run lighthouse`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { demonstrationSteps, modules } from '../src/modules.ts';
import { DEMONSTRATION_PASSWORD, loadDemonstrationData } from '../src/platform/setup/demonstration.ts';
import { prepareFirstRun } from '../src/platform/setup/first-run.ts';
import { closePlatform, createPlatform } from '../src/platform/start.ts';
import { agencies } from '../src/platform/accounts/tables.ts';

export const DEMONSTRATION_ADMIN = 'admin@demo.vaka.test';

/**
 * Starts Vaka on an embedded database in a new temporary folder, loads the demonstration data and
 * listens. `port` 0 takes any free port; `stop` closes it and, with `removeData`, deletes the folder.
 */
export async function startDemonstrationVaka(options: {
  port?: number;
  quiet?: boolean;
  removeData?: boolean;
}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vaka-demo-'));
  const config = readConfig({
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    ADMIN_EMAIL: DEMONSTRATION_ADMIN,
    ADMIN_PASSWORD: DEMONSTRATION_PASSWORD,
    AGENCY_NAME: 'Ministry of Internal Affairs (demonstration)',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const platform = await createPlatform({ config, demonstrationSteps });
  const app = await buildApp(platform, modules);
  // ADMIN_EMAIL's administrator, on a deployment marked as a demonstration, so the data may load.
  await prepareFirstRun(platform, { demonstration: true });
  const [agency] = await platform.db.select().from(agencies).limit(1);
  if (!options.quiet) console.log('Loading demonstration data ...');
  await loadDemonstrationData(platform, agency!.id, demonstrationSteps, {
    report: async (done, total, message) => {
      if (!options.quiet) console.log(`  [${done}/${total}] ${message ?? ''}`);
    },
  });
  await platform.jobs.start();
  await app.listen({ port: options.port ?? config.port, host: config.host });
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  const url =
    options.port === 0 ? `http://localhost:${port}` : (config.publicUrl ?? `http://localhost:${port}`);
  const stop = async () => {
    await app.close();
    await closePlatform(platform);
    if (options.removeData) await rm(dataDir, { recursive: true, force: true });
  };
  return { url, dataDir, stop };
}
