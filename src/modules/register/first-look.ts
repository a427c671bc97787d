import type { Db } from '../../platform/db/client.ts';
import { RegisterCountQuery } from './contracts.ts';
import type { rememberedDashboard } from './dashboard.ts';
import type { RegisterSettings } from './register-status.ts';
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
