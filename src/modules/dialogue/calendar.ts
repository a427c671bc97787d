import { dayOf } from '../../platform/clock.ts';
import { and, eq, gte, lte, ne, sql } from 'drizzle-orm';
import { appUrl } from '../../platform/accounts/links.ts';
import type { Platform } from '../../platform/context.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import type { CalendarEntry } from './ical.ts';
import { nextReviewSql } from './policies.ts';
import { nextReviewOn } from './review-schedule.ts';
import { consultations, meetings, policies } from './tables.ts';

export type CalendarEvent = {
  kind: 'meeting' | 'review' | 'deadline';
  id: string;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  timeZone: string | null;
  day: string;
  place: string | null;
  path: string;
};

/**
 * What falls between two dates: meetings (of one body, if asked), policy reviews due and
 * consultation closing dates (issue 5 item 6). A body's calendar holds its meetings only.
 */
export async function calendarEvents(
  platform: Platform,
  scope: AgencyScope,
  range: { from: Date; to: Date; bodyId?: string | null },
): Promise<CalendarEvent[]> {
  const conditions = [
    eq(meetings.agencyId, scope.agencyId),
    gte(meetings.endsAt, range.from),
    lte(meetings.startsAt, range.to),
  ];
  if (range.bodyId) conditions.push(eq(meetings.bodyId, range.bodyId));
  const meetingRows = await platform.db
    .select()
    .from(meetings)
    .where(and(...conditions));
  const events: CalendarEvent[] = meetingRows.map((meeting) => ({
    kind: 'meeting',
    id: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    timeZone: meeting.timeZone,
    day: dayOf(meeting.startsAt),
    place: meeting.place ?? meeting.onlineLink,
    path: `/dialogue/meetings/${meeting.id}`,
  }));
  if (!range.bodyId) {
    const reviewRows = await platform.db
      .select()
      .from(policies)
      .where(
        and(
          eq(policies.agencyId, scope.agencyId),
          ne(policies.status, 'retired'),
          sql`${nextReviewSql} between ${dayOf(range.from)}::date and ${dayOf(range.to)}::date`,
        ),
      );
    for (const policy of reviewRows)
      events.push({
        kind: 'review',
        id: policy.id,
        title: `Review due: ${policy.title}`,
        startsAt: null,
        endsAt: null,
        timeZone: null,
        day: nextReviewOn(policy),
        place: null,
        path: `/dialogue/policies/${policy.id}`,
      });
    events.push(...(await consultationDeadlines(platform, scope, range)));
  }
  return events.sort(
    (a, b) =>
      (a.startsAt ?? new Date(`${a.day}T00:00:00Z`)).getTime() -
      (b.startsAt ?? new Date(`${b.day}T00:00:00Z`)).getTime(),
  );
}

/** A consultation closes at a moment: shown as a short event ending then, in the agency's zone. */
async function consultationDeadlines(
  platform: Platform,
  scope: AgencyScope,
  range: { from: Date; to: Date },
): Promise<CalendarEvent[]> {
  const rows = await platform.db
    .select({ id: consultations.id, title: consultations.title, closesAt: consultations.closesAt })
    .from(consultations)
    .where(
      and(
        eq(consultations.agencyId, scope.agencyId),
        gte(consultations.closesAt, range.from),
        lte(consultations.closesAt, range.to),
      ),
    );
  return rows.map((row) => ({
    kind: 'deadline',
    id: row.id,
    title: `Consultation closes: ${row.title}`,
    startsAt: new Date(row.closesAt.getTime() - 30 * 60_000),
    endsAt: row.closesAt,
    timeZone: null,
    day: dayOf(row.closesAt),
    place: null,
    path: `/dialogue/consultations/${row.id}`,
  }));
}

export function toCalendarEntries(platform: Platform, events: CalendarEvent[]): CalendarEntry[] {
  const host = new URL(appUrl(platform, '/')).host;
  return events.map((event) =>
    event.kind === 'deadline'
      ? {
          uid: `consultation-${event.id}-closes@${host}`,
          summary: event.title,
          start: event.startsAt!,
          end: event.endsAt!,
          description: `Submissions close at ${event.endsAt!.toISOString()}. Public page: ${appUrl(platform, `/consultations/${event.id}`)}`,
          url: appUrl(platform, event.path),
        }
      : event.kind === 'meeting'
        ? {
            uid: `meeting-${event.id}@${host}`,
            summary: event.title,
            start: event.startsAt!,
            end: event.endsAt!,
            location: event.place,
            description: `Local time zone: ${event.timeZone}`,
            url: appUrl(platform, event.path),
          }
        : {
            uid: `review-${event.id}-${event.day}@${host}`,
            summary: event.title,
            day: event.day,
            url: appUrl(platform, event.path),
          },
  );
}
