import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { organisations, registerSettings } from './tables.ts';

export type RegisterSettings = typeof registerSettings.$inferSelect;
export type RegisterStatus = 'current' | 'due' | 'lapsed';

export async function loadSettings(db: Db): Promise<RegisterSettings> {
  const [row] = await db.select().from(registerSettings).limit(1);
  if (row) return row;
  const [created] = await db.insert(registerSettings).values({ id: 1 }).onConflictDoNothing().returning();
  return created ?? (await db.select().from(registerSettings).limit(1))[0]!;
}

function monthsBefore(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() - months);
  return result;
}

const dayMs = 86_400_000;

/**
 * 000 Focus area 1: the register is renewed every year. A confirmation lasts `renewalMonths`; it is
 * due `dueDaysBefore` days before it ends and lapses `graceDays` after. Expressed as two instants,
 * so a status is one comparison a B-tree index can answer.
 */
export function statusThresholds(settings: RegisterSettings, now: Date) {
  const expiresIfConfirmedNow = monthsBefore(now, settings.renewalMonths);
  return {
    dueIfConfirmedBefore: new Date(expiresIfConfirmedNow.getTime() + settings.dueDaysBefore * dayMs),
    lapsedIfConfirmedBefore: new Date(expiresIfConfirmedNow.getTime() - settings.graceDays * dayMs),
  };
}

export type StatusThresholds = ReturnType<typeof statusThresholds>;

/**
 * Whether a profile's confirmation lies between the status boundaries of then and now, so its
 * status changed with the clock alone: counts kept since then no longer hold for it. For a clock set
 * back, true for every profile.
 */
export function confirmationCrossed(then: StatusThresholds, now: StatusThresholds): SQL {
  if (
    now.dueIfConfirmedBefore < then.dueIfConfirmedBefore ||
    now.lapsedIfConfirmedBefore < then.lapsedIfConfirmedBefore
  )
    return sql`true`;
  const between = (from: Date, to: Date) =>
    sql`(${organisations.lastConfirmedAt} > ${from.toISOString()} and ${organisations.lastConfirmedAt} <= ${to.toISOString()})`;
  return sql`(${between(then.dueIfConfirmedBefore, now.dueIfConfirmedBefore)} or ${between(then.lapsedIfConfirmedBefore, now.lapsedIfConfirmedBefore)})`;
}

export function statusOf(lastConfirmedAt: Date, settings: RegisterSettings, now: Date): RegisterStatus {
  const { dueIfConfirmedBefore, lapsedIfConfirmedBefore } = statusThresholds(settings, now);
  if (lastConfirmedAt <= lapsedIfConfirmedBefore) return 'lapsed';
  if (lastConfirmedAt <= dueIfConfirmedBefore) return 'due';
  return 'current';
}

export function renewalDueAt(lastConfirmedAt: Date, settings: RegisterSettings): Date {
  const expires = new Date(lastConfirmedAt);
  expires.setUTCMonth(expires.getUTCMonth() + settings.renewalMonths);
  return expires;
}

export function statusSql(settings: RegisterSettings, now: Date): SQL<RegisterStatus> {
  const { dueIfConfirmedBefore, lapsedIfConfirmedBefore } = statusThresholds(settings, now);
  return sql<RegisterStatus>`case when ${organisations.lastConfirmedAt} <= ${lapsedIfConfirmedBefore.toISOString()} then 'lapsed' when ${organisations.lastConfirmedAt} <= ${dueIfConfirmedBefore.toISOString()} then 'due' else 'current' end`;
}

/**
 * How many live profiles are current, due and lapsed: each status is a range of confirmation dates,
 * counted from the partial index of live profiles alone (an index-only scan, decision 0024) rather
 * than by reading and classifying every row.
 */
export async function countStatuses(
  db: Db,
  settings: RegisterSettings,
  now: Date,
): Promise<Record<RegisterStatus, number>> {
  const count = (status: RegisterStatus) =>
    sql`(select count(*)::int from ${organisations} where ${organisations.mergedIntoId} is null and ${statusCondition(status, settings, now)})`;
  const result = await db.execute(
    sql`select ${count('current')} as current, ${count('due')} as due, ${count('lapsed')} as lapsed`,
  );
  const [row] = rowsOf<Record<RegisterStatus, number>>(result);
  return row ?? { current: 0, due: 0, lapsed: 0 };
}

export function statusCondition(status: RegisterStatus, settings: RegisterSettings, now: Date): SQL {
  const { dueIfConfirmedBefore, lapsedIfConfirmedBefore } = statusThresholds(settings, now);
  const due = dueIfConfirmedBefore.toISOString();
  const lapsed = lapsedIfConfirmedBefore.toISOString();
  if (status === 'lapsed') return sql`${organisations.lastConfirmedAt} <= ${lapsed}`;
  if (status === 'due')
    return sql`(${organisations.lastConfirmedAt} > ${lapsed} and ${organisations.lastConfirmedAt} <= ${due})`;
  return sql`${organisations.lastConfirmedAt} > ${due}`;
}
