import { and, asc, desc, eq, gt, gte, lt, or } from 'drizzle-orm';
import { together, type Db } from '../../platform/db/client.ts';
import { cursorPart, decodeCursor, toPage } from '../../platform/http/pagination.ts';
import { invalid, notFound, Problem } from '../../platform/http/problems.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import type { MeetingInput, MeetingView } from './contracts.ts';
import { filesOf } from './policies.ts';
import {
  advisoryBodies,
  agendaItems,
  meetingInvitations,
  meetingOutcomes,
  meetings,
  policies,
} from './tables.ts';

/** Papers are read on phones over costly connections: each one is kept small. */
export const PAPER_MAX_BYTES = 10 * 1024 * 1024;

export async function loadMeeting(db: Db, scope: AgencyScope, id: string, now: Date): Promise<MeetingView> {
  const [row] = await db
    .select({ meeting: meetings, policyTitle: policies.title, bodyName: advisoryBodies.name })
    .from(meetings)
    .leftJoin(policies, eq(policies.id, meetings.policyId))
    .leftJoin(advisoryBodies, eq(advisoryBodies.id, meetings.bodyId))
    .where(and(eq(meetings.id, id), eq(meetings.agencyId, scope.agencyId)));
  if (!row) throw notFound('This meeting');
  const { meeting } = row;
  const items = await db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, id))
    .orderBy(asc(agendaItems.position));
  const invitations = await db
    .select({
      id: meetingInvitations.id,
      name: meetingInvitations.name,
      email: meetingInvitations.email,
      organisationId: meetingInvitations.organisationId,
      reply: meetingInvitations.reply,
      note: meetingInvitations.note,
      repliedAt: meetingInvitations.repliedAt,
      attended: meetingInvitations.attended,
    })
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, id))
    .orderBy(asc(meetingInvitations.invitedAt), asc(meetingInvitations.email));
  const outcomes = await db
    .select({
      id: meetingOutcomes.id,
      kind: meetingOutcomes.kind,
      text: meetingOutcomes.text,
      ownerName: meetingOutcomes.ownerName,
      dueOn: meetingOutcomes.dueOn,
    })
    .from(meetingOutcomes)
    .where(eq(meetingOutcomes.meetingId, id))
    .orderBy(asc(meetingOutcomes.createdAt), asc(meetingOutcomes.id));
  return {
    id: meeting.id,
    title: meeting.title,
    description: meeting.description,
    policy: meeting.policyId ? { id: meeting.policyId, title: row.policyTitle ?? '' } : null,
    body: meeting.bodyId ? { id: meeting.bodyId, name: row.bodyName ?? '' } : null,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    timeZone: meeting.timeZone,
    place: meeting.place,
    onlineLink: meeting.onlineLink,
    agenda: await together(
      db,
      items.map((item) => async () => ({
        title: item.title,
        papers: await filesOf(db, scope, item.paperIds),
      })),
    ),
    minutes: meeting.minutes,
    // By the server's clock, so replies, invitations and attendance agree with what the page shows.
    started: meeting.startsAt <= now,
    invitations: invitations as MeetingView['invitations'],
    outcomes: outcomes as MeetingView['outcomes'],
    version: meeting.version,
  };
}

/** A meeting ends after it starts, happens somewhere, and its policy and papers are the agency's. */
export async function checkMeetingInput(db: Db, scope: AgencyScope, input: MeetingInput): Promise<void> {
  if (Date.parse(input.endsAt) <= Date.parse(input.startsAt))
    throw invalid('endsAt', 'A meeting must end after it starts.');
  if (!input.place && !input.onlineLink)
    throw invalid('place', 'Give a place or an online link, so people know where to go.');
  if (input.policyId) {
    const [policy] = await db
      .select({ id: policies.id })
      .from(policies)
      .where(and(eq(policies.id, input.policyId), eq(policies.agencyId, scope.agencyId)));
    if (!policy) throw invalid('policyId', 'This is not a policy of your agency.');
  }
  if (input.bodyId) {
    const [body] = await db
      .select({ id: advisoryBodies.id })
      .from(advisoryBodies)
      .where(and(eq(advisoryBodies.id, input.bodyId), eq(advisoryBodies.agencyId, scope.agencyId)));
    if (!body) throw invalid('bodyId', 'This is not an advisory body of your agency.');
  }
  for (const [index, item] of input.agenda.entries()) {
    const field = `agenda.${index}.paperIds`;
    const papers = await filesOf(db, scope, item.paperIds);
    if (papers.length !== new Set(item.paperIds).size)
      throw invalid(field, 'A paper was not found among your agency’s files.');
    const large = papers.find((paper) => paper.size > PAPER_MAX_BYTES);
    if (large)
      throw new Problem('payload-too-large', `${large.name} is larger than the 10 MB allowed for a paper.`, {
        errors: [{ field, message: `${large.name} is larger than 10 MB.` }],
      });
  }
}

export function meetingColumns(input: MeetingInput) {
  return {
    title: input.title,
    description: input.description ?? null,
    policyId: input.policyId ?? null,
    bodyId: input.bodyId ?? null,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    timeZone: input.timeZone,
    place: input.place || null,
    onlineLink: input.onlineLink ?? null,
    minutes: input.minutes ?? null,
  };
}

export async function writeAgenda(db: Db, scope: AgencyScope, meetingId: string, input: MeetingInput) {
  await db.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId));
  if (input.agenda.length === 0) return;
  await db.insert(agendaItems).values(
    input.agenda.map((item, position) => ({
      agencyId: scope.agencyId,
      meetingId,
      position,
      title: item.title,
      paperIds: [...new Set(item.paperIds)],
    })),
  );
}

/** Upcoming meetings soonest first, past ones latest first; a page at a time. */
export async function listMeetings(
  db: Db,
  scope: AgencyScope,
  query: { when: 'upcoming' | 'past'; policyId?: string; bodyId?: string; limit: number; cursor?: string },
  now: Date,
) {
  const upcoming = query.when === 'upcoming';
  const conditions = [
    eq(meetings.agencyId, scope.agencyId),
    upcoming ? gte(meetings.endsAt, now) : lt(meetings.endsAt, now),
  ];
  if (query.policyId) conditions.push(eq(meetings.policyId, query.policyId));
  if (query.bodyId) conditions.push(eq(meetings.bodyId, query.bodyId));
  const after = decodeCursor(query.cursor, [cursorPart.time, cursorPart.uuid]);
  if (after) {
    const at = new Date(after[0]);
    const id = after[1];
    const beyond = upcoming ? gt : lt;
    conditions.push(
      or(beyond(meetings.startsAt, at), and(eq(meetings.startsAt, at), beyond(meetings.id, id)))!,
    );
  }
  const order = upcoming ? asc : desc;
  const rows = await db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      timeZone: meetings.timeZone,
      place: meetings.place,
    })
    .from(meetings)
    .where(and(...conditions))
    .orderBy(order(meetings.startsAt), order(meetings.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => [row.startsAt.toISOString(), row.id]);
}

/** "Tue 8 Dec 2026, 10:00–12:00 (Pacific/Rarotonga)": the meeting's own local time, for e-mails. */
export function localTime(meeting: { startsAt: Date; endsAt: Date; timeZone: string }): string {
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: meeting.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(meeting.startsAt);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: meeting.timeZone,
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${day}, ${time.format(meeting.startsAt)}–${time.format(meeting.endsAt)} (${meeting.timeZone})`;
}
