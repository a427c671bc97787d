import { readConfig } from './platform/config.ts';
import { buildApp } from './platform/http/app.ts';
import { closePlatform, createPlatform } from './platform/start.ts';
import { prepareFirstRun } from './platform/setup/first-run.ts';
import { modules, demonstrationSteps } from './modules.ts';

const startedAt = performance.now();
const config = readConfig();
const platform = await createPlatform({ config, demonstrationSteps });
const app = await buildApp(platform, modules);
await platform.jobs.start();
const firstRun = await prepareFirstRun(platform);
await app.listen({ port: config.port, host: config.host });

const where = config.publicUrl ?? `http://localhost:${config.port}`;
const database = config.databaseUrl ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`;
platform.logger.info(
  `Vaka is listening on ${where} (${database}), started in ${Math.round(performance.now() - startedAt)} ms`,
);
if (firstRun.kind === 'setup-link') {
  process.stdout.write(
    `\n  Vaka has no agency yet. Open this one-time link to set it up:\n\n    ${firstRun.url}\n\n`,
  );
}
if (firstRun.kind === 'bootstrapped')
  platform.logger.info(`created the first agency with administrator ${firstRun.email}`);

// Graceful shutdown: stop taking requests, let jobs finish or return to the queue, then close the database.
let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  platform.logger.info(`${signal} received, stopping`);
  await app.close();
  await closePlatform(platform);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
