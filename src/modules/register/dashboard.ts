import { sql } from 'drizzle-orm';
import { rowsOf, together, type Db } from '../../platform/db/client.ts';
import { countStatuses, statusSql, statusThresholds, type RegisterSettings } from './register-status.ts';

/** Issue 3 §2: how many profiles are current, due and lapsed, by island or province and by kind. */
export async function renewalDashboard(db: Db, settings: RegisterSettings, now: Date) {
  const status = statusSql(settings, now);
  const due = statusThresholds(settings, now).dueIfConfirmedBefore.toISOString();
  // Only profiles due or lapsed feed the two breakdowns, so those read only them; the three queries
  // go out at once (on a server, three connections; decision 0022). docs/performance.md has the figures.
  const notCurrent = sql`organisations.last_confirmed_at <= ${due}`;
  const [counts, byPlace, byKind] = await together(db, [
    () => countStatuses(db, settings, now),
    // By the top place below country level (an island or a province), counting each profile once
    // there. The status expression names the organisations table, so these queries do not alias it.
    () =>
      db.execute(sql`with tops as (
        select p.id, top.name from places p
        join places top on (p.path = top.path or p.path like top.path || '.%')
        where top.level in ('island', 'province'))
      select tops.name as place,
        count(distinct organisations.id) filter (where ${status} = 'due')::int as due,
        count(distinct organisations.id) filter (where ${status} = 'lapsed')::int as lapsed
      from organisations
      join organisation_places op on op.organisation_id = organisations.id
      join tops on tops.id = op.place_id
      where organisations.merged_into_id is null and ${notCurrent}
      group by tops.name order by lapsed desc, due desc, tops.name`),
    () =>
      db.execute(sql`select organisations.kind,
        count(*) filter (where ${status} = 'due')::int as due,
        count(*) filter (where ${status} = 'lapsed')::int as lapsed
      from organisations where organisations.merged_into_id is null and ${notCurrent}
      group by organisations.kind order by lapsed desc, due desc, organisations.kind`),
  ]);
  return {
    counts,
    byPlace: rowsOf<{ place: string; due: number; lapsed: number }>(byPlace),
    byKind: rowsOf<{ kind: string; due: number; lapsed: number }>(byKind),
  };
}
