import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { statusThresholds, type RegisterSettings } from './register-status.ts';
import { countOrganisations, type CountFilters } from './search.ts';
import { organisations, registerRevision } from './tables.ts';

type Counts = Awaited<ReturnType<typeof countOrganisations>>;

type Kept = {
  revision: number;
  thresholds: ReturnType<typeof statusThresholds>;
  counts: Counts;
};

/** Enough for the searches people repeat (the empty list, the common words); the oldest go first. */
const keptAtMost = 500;

/**
 * The counts of a search, kept in memory until the register changes (issue 6, decision 0032). The
 * list asks for them on every visit, and a word a third of the register holds reads 29,000 profiles
 * for them (70 ms at 100,000); most visits come between two changes.
 *
 * Kept counts are given again while both hold:
 * - the register's revision is the one they were read at. Every transaction that changes what they
 *   read raises it once as it commits (migration 0023), so a new revision and the rows it stands for
 *   become visible together; it is read before the counts, so counts kept under a revision are
 *   never older than the revision says.
 * - no live profile's confirmation crossed a status's boundary since: statuses move with the clock
 *   (000 Focus area 1), and each boundary moves past one or two profiles an hour at 100,000.
 *
 * Each Vaka process keeps its own; the revision lives in the database, so they agree.
 */
export function rememberedCounts() {
  const kept = new Map<string, Kept>();
  const tally = { given: 0, read: 0 };

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
    if (before && before.revision === revision && !crossed) {
      tally.given++;
      kept.delete(key); // to the back of the queue: most recently used
      kept.set(key, before);
      return before.counts;
    }
    tally.read++;
    const fresh = await countOrganisations(db, query, settings, now, options);
    kept.delete(key);
    kept.set(key, { revision, thresholds, counts: fresh });
    if (kept.size > keptAtMost) kept.delete(kept.keys().next().value!);
    return fresh;
  }

  return { count, tally };
}

/**
 * The register's revision, and whether any live profile's confirmation lies between the status
 * boundaries of then and now (a range of the live profiles' confirmation index, a few rows at most).
 * A boundary that moved back (a clock set back) counts as crossed.
 */
async function registerNow(
  db: Db,
  then: Kept['thresholds'] | undefined,
  now: Kept['thresholds'],
): Promise<{ revision: number; crossed: boolean }> {
  const movedBack =
    then !== undefined &&
    (now.dueIfConfirmedBefore < then.dueIfConfirmedBefore ||
      now.lapsedIfConfirmedBefore < then.lapsedIfConfirmedBefore);
  const between = (from: Date, to: Date) =>
    sql`(${organisations.lastConfirmedAt} > ${from.toISOString()} and ${organisations.lastConfirmedAt} <= ${to.toISOString()})`;
  const crossed =
    then && !movedBack
      ? sql`exists (select 1 from ${organisations} where ${organisations.mergedIntoId} is null
          and (${between(then.dueIfConfirmedBefore, now.dueIfConfirmedBefore)}
            or ${between(then.lapsedIfConfirmedBefore, now.lapsedIfConfirmedBefore)}))`
      : sql`false`;
  const [row] = rowsOf<{ revision: string | number; crossed: boolean }>(
    await db.execute(sql`select coalesce((select ${registerRevision.revision} from ${registerRevision}), 0)
        as revision, ${crossed} as crossed`),
  );
  return { revision: Number(row?.revision ?? 0), crossed: movedBack || Boolean(row?.crossed) };
}
