import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, together, type Db } from '../../platform/db/client.ts';
import { registerStatuses } from './contracts.ts';
import {
  countStatuses,
  statusSql,
  statusThresholds,
  type RegisterSettings,
  type RegisterStatus,
  type StatusThresholds,
} from './register-status.ts';
import { keptUntilRevised } from './remembered-counts.ts';
import { changesSince, inCodeOrder } from './search.ts';

type DueAndLapsed = { due: number; lapsed: number };
export type RenewalDashboard = {
  counts: Record<RegisterStatus, number>;
  byPlace: (DueAndLapsed & { place: string })[];
  byKind: (DueAndLapsed & { kind: string })[];
};

/**
 * Issue 3 §2: how many profiles are current, due and lapsed, by island or province and by kind.
 * Read afresh it joins the 30,000 due and lapsed profiles of a national register to their places
 * (65 to 100 ms at 100,000), so it is kept (`keptUntilRevised`) and follows the register's changes
 * as the search's counts do (decision 0035): a manager's next look after an edit reads only the
 * profiles that edit changed.
 */
export function rememberedDashboard() {
  // One dashboard: that of the settings in force.
  const memory = keptUntilRevised<RenewalDashboard>(1);

  function show(db: Db, settings: RegisterSettings, now: Date): Promise<RenewalDashboard> {
    return memory.get(
      db,
      JSON.stringify(settings),
      statusThresholds(settings, now),
      () => renewalDashboard(db, settings, now),
      (before) => followChanges(db, settings, now, before),
    );
  }

  return { show, tally: memory.tally };
}

/** The dashboard read afresh from the register. */
export async function renewalDashboard(
  db: Db,
  settings: RegisterSettings,
  now: Date,
): Promise<RenewalDashboard> {
  // Only profiles due or lapsed feed the two breakdowns, so those read only them; the three queries
  // go out at once (on a server, three connections; decision 0022). docs/performance.md has the figures.
  const [counts, byPlace, byKind] = await together(db, [
    () => countStatuses(db, settings, now),
    // By the top place below country level (an island or a province), counting each profile once
    // there. The status expression names the organisations table, so these queries do not alias it.
    // place_ids, as the followed dashboard reads it, holds no private place (issue 18), and reads
    // as fast as joining organisation_places (50 against 50-60 ms at 100,000 profiles).
    () =>
      db.execute(sql`with tops as (${topPlaces})
      select t.name as place, ${dueAndLapsed(settings, now, sql`count(*)`)}
      from organisations cross join lateral (select distinct tops.name from unnest(organisations.place_ids) as pid
        join tops on tops.id = pid) t
      where ${notCurrent(settings, now)}
      group by t.name`),
    () =>
      db.execute(sql`select organisations.kind, ${dueAndLapsed(settings, now, sql`count(*)`)}
      from organisations where ${notCurrent(settings, now)}
      group by organisations.kind`),
  ]);
  return {
    counts,
    byPlace: rowsOf<DueAndLapsed & { place: string }>(byPlace).sort(mostLapsedFirst((row) => row.place)),
    byKind: rowsOf<DueAndLapsed & { kind: string }>(byKind).sort(mostLapsedFirst((row) => row.kind)),
  };
}

/** Each place with the island or province it lies in (itself, for an island or a province). */
const topPlaces = sql`select p.id, top.name from places p
  join places top on (p.path = top.path or p.path like top.path || '.%')
  where top.level in ('island', 'province')`;

/** Live profiles due or lapsed: a range of the live profiles' confirmation index. */
function notCurrent(settings: RegisterSettings, now: Date): SQL {
  const due = statusThresholds(settings, now).dueIfConfirmedBefore.toISOString();
  return sql`organisations.merged_into_id is null and organisations.last_confirmed_at <= ${due}`;
}

function dueAndLapsed(settings: RegisterSettings, now: Date, counted: SQL): SQL {
  const status = statusSql(settings, now);
  return sql`coalesce(${counted} filter (where ${status} = 'due'), 0)::int as due,
    coalesce(${counted} filter (where ${status} = 'lapsed'), 0)::int as lapsed`;
}

type DashboardChange = {
  revision: number;
  keptAfter: number;
  crossed: boolean;
  counts: { status: RegisterStatus; count: number }[];
  byPlace: (DueAndLapsed & { place: string })[];
  byKind: (DueAndLapsed & { kind: string })[];
};

/**
 * The kept dashboard with the changes since its revision added (each changed profile as it was,
 * minus, and as it became, plus), or undefined when it must be read afresh: the changes were
 * forgotten, a changed profile's confirmation crossed a status boundary, or a count fell below zero.
 */
async function followChanges(
  db: Db,
  settings: RegisterSettings,
  now: Date,
  before: { revision: number; thresholds: StatusThresholds; value: RenewalDashboard },
): Promise<{ revision: number; value: RenewalDashboard } | undefined> {
  const { changes, state } = changesSince(before, settings, now);
  const status = statusSql(settings, now);
  const signed = sql`sum(sign)`;
  const [change] = rowsOf<DashboardChange>(
    await db.execute(sql`with ${changes}, tops as (${topPlaces})
      select ${state},
        coalesce((select json_agg(s) from (select ${status} as status, sum(sign)::int as count
          from organisations where organisations.merged_into_id is null group by 1) s), '[]') as counts,
        coalesce((select json_agg(p) from (select t.name as place, ${dueAndLapsed(settings, now, signed)}
          from organisations cross join lateral (select distinct tops.name from unnest(organisations.place_ids) as pid
            join tops on tops.id = pid) t
          where ${notCurrent(settings, now)} group by t.name) p), '[]') as "byPlace",
        coalesce((select json_agg(k) from (select organisations.kind, ${dueAndLapsed(settings, now, signed)}
          from organisations where ${notCurrent(settings, now)} group by organisations.kind) k), '[]') as "byKind"`),
  );
  if (!change || change.keptAfter > before.revision || change.crossed) return undefined;
  const counts = { ...before.value.counts };
  for (const row of change.counts) counts[row.status] += row.count;
  if (registerStatuses.some((code) => counts[code] < 0)) return undefined;
  const byPlace = addedRows(before.value.byPlace, change.byPlace, (row) => row.place);
  const byKind = addedRows(before.value.byKind, change.byKind, (row) => row.kind);
  if (!byPlace || !byKind) return undefined;
  return { revision: change.revision, value: { counts, byPlace, byKind } };
}

/** Rows plus their changes, without those that fell to none; undefined if one fell below zero. */
function addedRows<Row extends DueAndLapsed>(
  rows: Row[],
  changes: Row[],
  nameOf: (row: Row) => string,
): Row[] | undefined {
  const sums = new Map(rows.map((row) => [nameOf(row), { ...row }]));
  for (const change of changes) {
    const sum = sums.get(nameOf(change));
    if (sum) {
      sum.due += change.due;
      sum.lapsed += change.lapsed;
    } else sums.set(nameOf(change), { ...change });
  }
  const summed = [...sums.values()];
  if (summed.some((row) => row.due < 0 || row.lapsed < 0)) return undefined;
  return summed.filter((row) => row.due + row.lapsed > 0).sort(mostLapsedFirst(nameOf));
}

/**
 * Most lapsed first, then most due, then by name as JavaScript compares names: the same order
 * whether the dashboard was read or followed its changes (a database's collation may differ).
 */
function mostLapsedFirst<Row extends DueAndLapsed>(nameOf: (row: Row) => string) {
  return (a: Row, b: Row) => b.lapsed - a.lapsed || b.due - a.due || inCodeOrder(nameOf(a), nameOf(b));
}
