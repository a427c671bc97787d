import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import {
  confirmationCrossed,
  statusThresholds,
  type RegisterSettings,
  type StatusThresholds,
} from './register-status.ts';
import {
  countChanges,
  countOrganisations,
  followsChanges,
  withChanges,
  type CountFilters,
  type Counts,
} from './search.ts';
import { organisations, registerBatches, registerChanges, registerRevision } from './tables.ts';

type Kept = {
  revision: number;
  /**
   * Whether the counts are exactly those of `revision`: the revision read before them and after
   * them agree, so no change committed in between. Only these can follow the changes after it.
   */
  exact: boolean;
  thresholds: StatusThresholds;
  counts: Counts;
};

/** Enough for the searches people repeat (the empty list, the common words); the oldest go first. */
const keptAtMost = 500;

/**
 * The counts of a search, kept in memory while the register stays as it was, and brought up to date
 * with what changed when it does (issue 6, decisions 0032 and 0033). The list asks for them on every
 * visit, and a word a third of the register holds reads 29,000 profiles for them (50 to 70 ms at
 * 100,000); most visits come between two changes, and a change touches a few profiles.
 *
 * Kept counts are given again while both hold:
 * - the register's revision is the one they were read at. Every transaction that changes what they
 *   read raises it once as it commits (migration 0023), so a new revision and the rows it stands for
 *   become visible together; it is read before the counts, so counts kept under a revision are
 *   never older than the revision says.
 * - no live profile's confirmation crossed a status's boundary since: statuses move with the clock
 *   (000 Focus area 1), and each boundary moves past one or two profiles an hour at 100,000.
 * When only the revision moved, counts that were exact follow the profiles the transactions since
 * changed (migration 0024), unless the search cannot (a place, an umbrella body, similar words) or
 * the changes are no longer kept; otherwise they are read afresh.
 *
 * Each Vaka process keeps its own; the revision lives in the database, so they agree.
 */
export function rememberedCounts() {
  const kept = new Map<string, Kept>();
  const tally = { given: 0, followed: 0, read: 0 };

  function keep(key: string, entry: Kept) {
    kept.delete(key); // to the back of the queue: most recently used
    kept.set(key, entry);
    if (kept.size > keptAtMost) kept.delete(kept.keys().next().value!);
  }

  async function count(
    db: Db,
    query: CountFilters,
    settings: RegisterSettings,
    now: Date,
    options: { facets: boolean },
  ): Promise<Counts> {
    const key = JSON.stringify([query, settings, options.facets]);
    const thresholds = statusThresholds(settings, now);
    const before = kept.get(key);
    const { revision, crossed } = await registerNow(db, before?.thresholds, thresholds);
    if (before && !crossed && before.revision === revision) {
      tally.given++;
      keep(key, before);
      return before.counts;
    }
    if (before && !crossed && before.exact && followsChanges(query, before.counts)) {
      const followed = await followChanges(db, query, settings, now, before, options);
      if (followed) {
        tally.followed++;
        keep(key, { ...followed, thresholds });
        return followed.counts;
      }
    }
    tally.read++;
    const fresh = await countOrganisations(db, query, settings, now, options);
    const after = await registerNow(db, undefined, thresholds);
    keep(key, { revision, exact: after.revision === revision, thresholds, counts: fresh });
    return fresh;
  }

  return { count, tally };
}

/** Kept counts brought up to the register's latest revision, when the changes since allow it. */
async function followChanges(
  db: Db,
  query: CountFilters,
  settings: RegisterSettings,
  now: Date,
  before: Kept,
  options: { facets: boolean },
): Promise<Pick<Kept, 'revision' | 'exact' | 'counts'> | undefined> {
  const change = await countChanges(db, query, settings, now, before);
  if (change.keptAfter > before.revision || change.crossed) return undefined;
  const counts = withChanges(before.counts, change, options);
  return counts && { revision: change.revision, exact: true, counts };
}

/**
 * The register's revision, and whether any live profile's confirmation lies between the status
 * boundaries of then and now (a range of the live profiles' confirmation index, a few rows at most).
 */
export async function registerNow(
  db: Db,
  then: StatusThresholds | undefined,
  now: StatusThresholds,
): Promise<{ revision: number; crossed: boolean }> {
  const crossed = then
    ? sql`exists (select 1 from ${organisations} where ${organisations.mergedIntoId} is null
        and ${confirmationCrossed(then, now)})`
    : sql`false`;
  const [row] = rowsOf<{ revision: string | number; crossed: boolean }>(
    await db.execute(sql`select coalesce((select ${registerRevision.revision} from ${registerRevision}), 0)
        as revision, ${crossed} as crossed`),
  );
  return { revision: Number(row?.revision ?? 0), crossed: Boolean(row?.crossed) };
}

/**
 * Forgets the changes kept for counts to follow: the large-volume generator writes 100,000 profiles
 * at once, which no kept count follows. Counts kept before this are read afresh.
 */
export async function forgetRegisterChanges(db: Db) {
  await db.execute(sql`truncate ${registerChanges}, ${registerBatches}`);
  await db.execute(sql`update ${registerRevision} set changes_kept_after = revision`);
}
