// What a CSO user sees of the dialogue in the portal (issue 5 item 8): the organisation's meeting
// invitations, consultations it can answer or has answered, announcements sent to it and the
// responses published to consultations it took part in. Every query takes an OrganisationScope.
import { and, asc, desc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import { agencies } from '../../platform/accounts/tables.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Platform } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { notFound, Problem } from '../../platform/http/problems.ts';
import type { OrganisationScope, UserActor } from '../../platform/policy/index.ts';
import {
  announcementOrganisations,
  announcements,
  consultationResponses,
  consultations,
  consultationSubmissions,
  meetingInvitations,
  meetings,
  policies,
} from './tables.ts';

const dayMs = 86_400_000;

// Invitations for the organisation, or to this user's own address or account.
const invitationFor = (scope: OrganisationScope, actor: UserActor) =>
  or(
    eq(meetingInvitations.organisationId, scope.organisationId),
    eq(meetingInvitations.userId, actor.userId),
    sql`lower(${meetingInvitations.email}) = lower(${actor.email})`,
  );

/** Upcoming invitations and those of the last three months, soonest first. */
export async function portalInvitations(db: Db, scope: OrganisationScope, actor: UserActor, now: Date) {
  const rows = await db
    .select({ invitation: meetingInvitations, meeting: meetings, agency: agencies.name })
    .from(meetingInvitations)
    .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
    .innerJoin(agencies, eq(agencies.id, meetings.agencyId))
    .where(and(invitationFor(scope, actor), gt(meetings.endsAt, new Date(now.getTime() - 90 * dayMs))))
    .orderBy(asc(meetings.startsAt))
    .limit(200);
  return rows.map(({ invitation, meeting, agency }) => ({
    id: invitation.id,
    meeting: {
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      place: meeting.place,
      onlineLink: meeting.onlineLink,
    },
    agency,
    name: invitation.name,
    email: invitation.email,
    reply: invitation.reply,
    note: invitation.note,
    canReply: meeting.startsAt > now,
  }));
}

/** A reply from the portal: as from the e-mailed link, for an invitation this user may answer. */
export async function replyFromPortal(
  platform: Platform,
  {
    actor,
    scope,
    invitationId,
    reply,
    note,
  }: {
    actor: UserActor;
    scope: OrganisationScope;
    invitationId: string;
    reply: string;
    note?: string | null | undefined;
  },
) {
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ invitation: meetingInvitations, meeting: meetings })
      .from(meetingInvitations)
      .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
      .where(and(eq(meetingInvitations.id, invitationId), invitationFor(scope, actor)));
    // Another organisation's invitation is not found, whether or not it exists.
    if (!row) throw notFound('This invitation');
    if (row.meeting.startsAt <= now)
      throw new Problem('conflict', 'This meeting has started: replies are closed. Contact the organiser.');
    const before = row.invitation;
    await tx
      .update(meetingInvitations)
      .set({ reply, note: note ?? null, repliedAt: now })
      .where(eq(meetingInvitations.id, invitationId));
    await recordAudit(tx, actor, now, {
      action: 'meeting.invitation-replied',
      entity: 'meeting',
      entityId: before.meetingId,
      agencyId: before.agencyId,
      before: { email: before.email, reply: before.reply, note: before.note },
      after: { email: before.email, reply, note: note ?? null, organisationId: scope.organisationId },
    });
  });
  return (await portalInvitations(platform.db, scope, actor, now)).find((i) => i.id === invitationId)!;
}

/** Open consultations of every agency, and closed ones the organisation answered. */
export async function portalConsultations(db: Db, scope: OrganisationScope, now: Date) {
  const submitted = db
    .select({
      consultationId: consultationSubmissions.consultationId,
      submittedAt: sql<Date>`max(${consultationSubmissions.submittedAt})`.as('submitted_at'),
    })
    .from(consultationSubmissions)
    .where(eq(consultationSubmissions.organisationId, scope.organisationId))
    .groupBy(consultationSubmissions.consultationId)
    .as('submitted');
  const rows = await db
    .select({
      id: consultations.id,
      title: consultations.title,
      agency: agencies.name,
      policy: policies.title,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      submittedAt: submitted.submittedAt,
    })
    .from(consultations)
    .innerJoin(agencies, eq(agencies.id, consultations.agencyId))
    .innerJoin(policies, eq(policies.id, consultations.policyId))
    .leftJoin(submitted, eq(submitted.consultationId, consultations.id))
    .where(
      or(
        and(lte(consultations.opensAt, now), gt(consultations.closesAt, now)),
        sql`${submitted.submittedAt} is not null`,
      ),
    )
    .orderBy(desc(consultations.closesAt))
    .limit(200);
  return rows.map(({ opensAt, submittedAt, ...row }) => ({
    ...row,
    open: opensAt <= now && now < row.closesAt,
    // A raw aggregate comes back as text from some drivers.
    submittedAt: submittedAt ? new Date(submittedAt) : null,
  }));
}

export async function portalAnnouncements(db: Db, scope: OrganisationScope) {
  return db
    .select({
      id: announcements.id,
      title: announcements.title,
      body: announcements.body,
      agency: agencies.name,
      sentAt: announcements.sentAt,
    })
    .from(announcementOrganisations)
    .innerJoin(announcements, eq(announcements.id, announcementOrganisations.announcementId))
    .innerJoin(agencies, eq(agencies.id, announcements.agencyId))
    .where(eq(announcementOrganisations.organisationId, scope.organisationId))
    .orderBy(desc(announcements.sentAt))
    .limit(200);
}

/** "You said, we did" of the consultations the organisation answered. */
export async function portalResponses(db: Db, scope: OrganisationScope) {
  const answered = db
    .selectDistinct({ id: consultationSubmissions.consultationId })
    .from(consultationSubmissions)
    .where(eq(consultationSubmissions.organisationId, scope.organisationId));
  return db
    .select({
      consultationId: consultations.id,
      consultation: consultations.title,
      agency: agencies.name,
      theme: consultationResponses.theme,
      youSaid: consultationResponses.youSaid,
      weDid: consultationResponses.weDid,
      publishedAt: consultationResponses.publishedAt,
    })
    .from(consultationResponses)
    .innerJoin(consultations, eq(consultations.id, consultationResponses.consultationId))
    .innerJoin(agencies, eq(agencies.id, consultations.agencyId))
    .where(inArray(consultationResponses.consultationId, answered))
    .orderBy(desc(consultationResponses.publishedAt))
    .limit(200);
}
