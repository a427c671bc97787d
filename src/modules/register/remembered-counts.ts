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

/** A figure kept with the register's revision and status boundaries it was read at. */
type Kept<Value> = {
  revision: number;
  /**
   * Whether the figure is exactly that of `revision`: the revision read before it and after it
   * agree, so no change committed in between. Only these can follow the changes after it.
   */
  exact: boolean;
  thresholds: StatusThresholds;
  value: Value;
};

/**
 * Figures read from the register (a search's counts, the renewal dashboard), kept in memory while
 * the register stays as it was, and brought up to date with what changed when it does (issue 6,
 * decisions 0032, 0033 and 0035). A kept figure is given again while both hold:
 * - the register's revision is the one it was read at. Every transaction that changes what they
 *   read raises it once as it commits (migration 0023), so a new revision and the rows it stands for
 *   become visible together; it is read before the figure, so a figure kept under a revision is
 *   never older than the revision says.
 * - no live profile's confirmation crossed a status's boundary since: statuses move with the clock
 *   (000 Focus area 1), and each boundary moves past one or two profiles an hour at 100,000.
 * When only the revision moved, a figure that was exact follows the profiles the transactions since
 * changed (migration 0024), if `follow` can; otherwise it is read afresh. The oldest go first.
 *
 * Each Vaka process keeps its own; the revision lives in the database, so they agree.
 */
export function keptUntilRevised<Value>(keptAtMost: number) {
  const kept = new Map<string, Kept<Value>>();
  const tally = { given: 0, followed: 0, read: 0 };

  function keep(key: string, entry: Kept<Value>) {
    kept.delete(key); // to the back of the queue: most recently used
    kept.set(key, entry);
    if (kept.size > keptAtMost) kept.delete(kept.keys().next().value!);
  }

  async function get(
    db: Db,
    key: string,
    thresholds: StatusThresholds,
    read: () => Promise<Value>,
    follow: (before: Kept<Value>) => Promise<{ revision: number; value: Value } | undefined>,
  ): Promise<Value> {
    const before = kept.get(key);
    const { revision, crossed } = await registerNow(db, before?.thresholds, thresholds);
    if (before && !crossed && before.revision === revision) {
      tally.given++;
      keep(key, before);
      return before.value;
    }
    if (before && !crossed && before.exact) {
      const followed = await follow(before);
      if (followed) {
        tally.followed++;
        keep(key, { ...followed, exact: true, thresholds });
        return followed.value;
      }
    }
    tally.read++;
    const value = await read();
    const after = await registerNow(db, undefined, thresholds);
    keep(key, { revision, exact: after.revision === revision, thresholds, value });
    return value;
  }

  return { get, tally };
}

/**
 * The counts of a search, kept (`keptUntilRevised`): the list asks for them on every visit, and a
 * word a third of the register holds reads 29,000 profiles for them (50 to 70 ms at 100,000); most
 * visits come between two changes, and a change touches a few profiles. A search with a place, an
 * umbrella body or similar words does not follow changes; it is read afresh.
 */
export function rememberedCounts() {
  // Enough for the searches people repeat (the empty list, the common words).
  const memory = keptUntilRevised<Counts>(500);

  async function count(
    db: Db,
    query: CountFilters,
    settings: RegisterSettings,
    now: Date,
    options: { facets: boolean },
  ): Promise<Counts> {
    return memory.get(
      db,
      JSON.stringify([query, settings, options.facets]),
      statusThresholds(settings, now),
      () => countOrganisations(db, query, settings, now, options),
      async (before) => {
        if (!followsChanges(query, before.value)) return undefined;
        const change = await countChanges(db, query, settings, now, before);
        if (change.keptAfter > before.revision || change.crossed) return undefined;
        const counts = withChanges(before.value, change, options);
        return counts && { revision: change.revision, value: counts };
      },
    );
  }

  return { count, tally: memory.tally };
}

/**
 * The register's revision, and whether any live profile's confirmation lies between the status
 * boundaries of then and now (a range of the live profiles' confirmation index, a few rows at most).
 */
async function registerNow(
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
