import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { RegisterCountQuery } from './contracts.ts';
import type { rememberedDashboard } from './dashboard.ts';
import { loadSettings, type RegisterSettings } from './register-status.ts';
import type { rememberedCounts } from './remembered-counts.ts';

type Memories = {
  counts: ReturnType<typeof rememberedCounts>;
  dashboard: ReturnType<typeof rememberedDashboard>;
};

/**
 * What the first people to look after a restart ask for: the register list before anything is typed
 * (its counts) and the renewal dashboard. Both are read afresh when nothing is kept, 65 to 110 ms each
 * at 100,000 profiles, so Vaka reads them once it listens (decision 0036); the first look then only
 * follows the changes since. The empty query is parsed as a request's would be, so the key matches.
 */
export async function fillRegisterMemories(
  db: Db,
  memories: Memories,
  settings: RegisterSettings,
  now: Date,
): Promise<void> {
  await memories.counts.count(db, RegisterCountQuery.parse({}), settings, now, { facets: true });
  await memories.dashboard.show(db, settings, now);
}

/**
 * Fills the memories once Vaka listens, not before, so start-up and the tests' injected requests
 * (onListen does not run for inject) do not wait; closing waits for it, so no read outlives the
 * database. A failure is logged and changes nothing: the first look then reads afresh, as before.
 */
export function readAheadOnceListening(app: FastifyInstance, platform: Platform, memories: Memories) {
  let filling = Promise.resolve();
  app.addHook('onListen', async () => {
    const started = performance.now();
    filling = loadSettings(platform.db)
      .then((settings) => fillRegisterMemories(platform.db, memories, settings, platform.clock.now()))
      .then(
        () =>
          platform.logger.info(
            `register counts and dashboard read in ${Math.round(performance.now() - started)} ms`,
          ),
        (error: unknown) =>
          platform.logger.warn({ err: error }, 'the register counts and dashboard were not read ahead'),
      );
  });
  app.addHook('onClose', () => filling);
}
