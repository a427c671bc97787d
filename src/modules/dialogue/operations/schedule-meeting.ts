import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { staleVersion } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { MeetingInput } from '../contracts.ts';
import { checkMeetingInput, loadMeeting, meetingColumns, writeAgenda } from '../meetings.ts';
import { meetings } from '../tables.ts';

/** A meeting with its time, place and agenda (000 Focus area 4: dialogue with civil society). */
export async function scheduleMeeting(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: MeetingInput },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  await checkMeetingInput(platform.db, scope, input);
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ ...meetingColumns(input), agencyId: scope.agencyId, createdAt: now, updatedAt: now })
      .returning({ id: meetings.id });
    await writeAgenda(tx, scope, row!.id, input);
    const after = await loadMeeting(tx, scope, row!.id, now);
    await recordAudit(tx, actor, now, {
      action: 'meeting.scheduled',
      entity: 'meeting',
      entityId: row!.id,
      agencyId: scope.agencyId,
      after,
    });
    return after;
  });
}

/** Time, place, agenda or minutes changed; the edit carries the version it started from. */
export async function changeMeeting(
  platform: Platform,
  { actor, id, input, version }: { actor: UserActor; id: string; input: MeetingInput; version: number },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const before = await loadMeeting(platform.db, scope, id, now);
  if (before.version !== version) throw staleVersion(before);
  await checkMeetingInput(platform.db, scope, input);
  return platform.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(meetings)
      .set({ ...meetingColumns(input), version: version + 1, updatedAt: now })
      .where(and(eq(meetings.id, id), eq(meetings.agencyId, scope.agencyId), eq(meetings.version, version)))
      .returning({ id: meetings.id });
    if (!updated) throw staleVersion(await loadMeeting(tx, scope, id, now));
    await writeAgenda(tx, scope, id, input);
    const after = await loadMeeting(tx, scope, id, now);
    await recordAudit(tx, actor, now, {
      action: 'meeting.changed',
      entity: 'meeting',
      entityId: id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}
