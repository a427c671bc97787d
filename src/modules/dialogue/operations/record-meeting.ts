import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { invalid, Problem } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { loadMeeting } from '../meetings.ts';
import { meetingInvitations, meetingOutcomes } from '../tables.ts';

/** Who came: recorded once the meeting has started, for invitees of this meeting only. */
export async function recordAttendance(
  platform: Platform,
  {
    actor,
    id,
    attendance,
  }: { actor: UserActor; id: string; attendance: { invitationId: string; attended: boolean }[] },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const before = await loadMeeting(platform.db, scope, id, now);
  if (before.startsAt > now)
    throw new Problem('conflict', 'Attendance is recorded once the meeting has started.');
  const invited = new Set(before.invitations.map((invitation) => invitation.id));
  const stranger = attendance.findIndex((entry) => !invited.has(entry.invitationId));
  if (stranger >= 0)
    throw invalid(`attendance.${stranger}.invitationId`, 'This person was not invited to this meeting.');
  return platform.db.transaction(async (tx) => {
    for (const attended of [true, false]) {
      const ids = attendance
        .filter((entry) => entry.attended === attended)
        .map((entry) => entry.invitationId);
      if (ids.length > 0)
        await tx
          .update(meetingInvitations)
          .set({ attended })
          .where(and(eq(meetingInvitations.meetingId, id), inArray(meetingInvitations.id, ids)));
    }
    const after = await loadMeeting(tx, scope, id, now);
    await recordAudit(tx, actor, now, {
      action: 'meeting.attendance-recorded',
      entity: 'meeting',
      entityId: id,
      agencyId: scope.agencyId,
      before: before.invitations.map(({ email, attended }) => ({ email, attended })),
      after: after.invitations.map(({ email, attended }) => ({ email, attended })),
    });
    return after;
  });
}

/** A decision, or an action item that has an owner and a date (002: actions with an owner and a date). */
export async function recordOutcome(
  platform: Platform,
  {
    actor,
    id,
    outcome,
  }: {
    actor: UserActor;
    id: string;
    outcome: {
      kind: 'decision' | 'action';
      text: string;
      ownerName?: string | null | undefined;
      dueOn?: string | null | undefined;
    };
  },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  await loadMeeting(platform.db, scope, id, now);
  if (outcome.kind === 'action' && !outcome.ownerName)
    throw invalid('ownerName', 'An action item needs an owner.');
  if (outcome.kind === 'action' && !outcome.dueOn) throw invalid('dueOn', 'An action item needs a date.');
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetingOutcomes)
      .values({
        agencyId: scope.agencyId,
        meetingId: id,
        kind: outcome.kind,
        text: outcome.text,
        ownerName: outcome.ownerName ?? null,
        dueOn: outcome.dueOn ?? null,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      action: `meeting.${outcome.kind}-recorded`,
      entity: 'meeting',
      entityId: id,
      agencyId: scope.agencyId,
      after: row,
    });
    return loadMeeting(tx, scope, id, now);
  });
}
