import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { statusSql, type RegisterSettings } from './register-status.ts';
import { rowsOf } from './search.ts';

/** Issue 3 §2: how many profiles are current, due and lapsed, by island or province and by kind. */
export async function renewalDashboard(db: Db, settings: RegisterSettings, now: Date) {
  const status = statusSql(settings, now);
  const statuses = await db.execute(sql`select ${status} as status, count(*)::int as count from organisations
    where merged_into_id is null group by 1`);
  const counts = { current: 0, due: 0, lapsed: 0 };
  for (const row of rowsOf<{ status: keyof typeof counts; count: number }>(statuses))
    counts[row.status] = row.count;

  // By the top place below country level (an island or a province), counting each profile once there.
  // The status expression names the organisations table, so these queries do not alias it.
  const byPlace = await db.execute(sql`select top.name as place,
      count(distinct organisations.id) filter (where ${status} = 'due')::int as due,
      count(distinct organisations.id) filter (where ${status} = 'lapsed')::int as lapsed
    from organisations
    join organisation_places op on op.organisation_id = organisations.id
    join places p on p.id = op.place_id
    join places top on p.path = top.path or p.path like top.path || '.%'
    where organisations.merged_into_id is null and top.level in ('island', 'province')
    group by top.name order by lapsed desc, due desc, top.name`);
  const byKind = await db.execute(sql`select organisations.kind,
      count(*) filter (where ${status} = 'due')::int as due,
      count(*) filter (where ${status} = 'lapsed')::int as lapsed
    from organisations where organisations.merged_into_id is null
    group by organisations.kind order by lapsed desc, due desc, organisations.kind`);
  return {
    counts,
    byPlace: rowsOf<{ place: string; due: number; lapsed: number }>(byPlace),
    byKind: rowsOf<{ kind: string; due: number; lapsed: number }>(byKind),
  };
}
