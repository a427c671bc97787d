import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { Problem } from '../../../platform/http/problems.ts';
import type { Actor } from '../../../platform/policy/index.ts';
import { agendaItems, meetingInvitations, meetings } from '../tables.ts';
import { verifyReplyToken } from '../reply-links.ts';

const gone = () => new Problem('invalid-link', 'This invitation was withdrawn. Contact the organiser.');

/** What the public reply page shows: the meeting and this invitee's reply so far. */
export async function showInvitation(platform: Platform, token: string) {
  const invitationId = await verifyReplyToken(platform, token);
  const [row] = await platform.db
    .select({ invitation: meetingInvitations, meeting: meetings })
    .from(meetingInvitations)
    .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
    .where(eq(meetingInvitations.id, invitationId));
  if (!row) throw gone();
  const agenda = await platform.db
    .select({ title: agendaItems.title, position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, row.meeting.id));
  const { meeting, invitation } = row;
  return {
    meeting: {
      title: meeting.title,
      description: meeting.description,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      place: meeting.place,
      onlineLink: meeting.onlineLink,
      agenda: agenda.sort((a, b) => a.position - b.position).map((item) => item.title),
    },
    name: invitation.name,
    reply: invitation.reply as 'attending' | 'not-attending' | 'maybe' | null,
    note: invitation.note,
  };
}

/** Attending, not attending or maybe, with a note; may be changed until the meeting starts. */
export async function replyToInvitation(
  platform: Platform,
  {
    actor,
    token,
    reply,
    note,
  }: { actor: Actor; token: string; reply: string; note?: string | null | undefined },
) {
  const invitationId = await verifyReplyToken(platform, token);
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(meetingInvitations)
      .where(eq(meetingInvitations.id, invitationId));
    if (!before) throw gone();
    // A meeting moved earlier closes replies even if the link's own expiry is later.
    const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, before.meetingId));
    if (!meeting || meeting.startsAt <= now)
      throw new Problem(
        'invalid-link',
        'This meeting has started: replies are closed. Contact the organiser.',
      );
    const [after] = await tx
      .update(meetingInvitations)
      .set({ reply, note: note ?? null, repliedAt: now })
      .where(eq(meetingInvitations.id, invitationId))
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'meeting.invitation-replied',
      entity: 'meeting',
      entityId: before.meetingId,
      agencyId: before.agencyId,
      before: { email: before.email, reply: before.reply, note: before.note },
      after: { email: after!.email, reply: after!.reply, note: after!.note },
    });
  });
  return showInvitation(platform, token);
}
