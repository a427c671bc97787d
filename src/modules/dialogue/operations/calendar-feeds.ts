import { and, desc, eq, isNull } from 'drizzle-orm';
import { appUrl } from '../../../platform/accounts/links.ts';
import { hashSecret, newSecret } from '../../../platform/accounts/secrets.ts';
import { memberships } from '../../../platform/accounts/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { invalid, notFound, Problem } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, systemScope, type UserActor } from '../../../platform/policy/index.ts';
import { calendarEvents, toCalendarEntries } from '../calendar.ts';
import { writeCalendar } from '../ical.ts';
import { advisoryBodies, calendarFeeds } from '../tables.ts';

const dayMs = 86_400_000;

export async function listFeeds(platform: Platform, actor: UserActor) {
  authorize(actor, 'dialogue:read');
  const scope = scopeOf(actor);
  return platform.db
    .select({
      id: calendarFeeds.id,
      bodyId: calendarFeeds.bodyId,
      bodyName: advisoryBodies.name,
      createdAt: calendarFeeds.createdAt,
    })
    .from(calendarFeeds)
    .leftJoin(advisoryBodies, eq(advisoryBodies.id, calendarFeeds.bodyId))
    .where(
      and(
        eq(calendarFeeds.userId, actor.userId),
        eq(calendarFeeds.agencyId, scope.agencyId),
        isNull(calendarFeeds.revokedAt),
      ),
    )
    .orderBy(desc(calendarFeeds.createdAt));
}

/** A private feed address, shown once: the agency's calendar, or one body's meetings. */
export async function createFeed(
  platform: Platform,
  { actor, bodyId }: { actor: UserActor; bodyId: string | null },
) {
  authorize(actor, 'dialogue:read');
  const scope = scopeOf(actor);
  if (bodyId) {
    const [body] = await platform.db
      .select({ id: advisoryBodies.id })
      .from(advisoryBodies)
      .where(and(eq(advisoryBodies.id, bodyId), eq(advisoryBodies.agencyId, scope.agencyId)));
    if (!body) throw invalid('bodyId', 'This is not an advisory body of your agency.');
  }
  const token = newSecret();
  const now = platform.clock.now();
  const row = await platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(calendarFeeds)
      .values({
        agencyId: scope.agencyId,
        userId: actor.userId,
        bodyId,
        tokenHash: hashSecret(token),
        createdAt: now,
      })
      .returning({ id: calendarFeeds.id });
    await recordAudit(tx, actor, now, {
      action: 'calendar-feed.created',
      entity: 'calendar-feed',
      entityId: row!.id,
      agencyId: scope.agencyId,
      after: { bodyId },
    });
    return row!;
  });
  return { id: row.id, url: appUrl(platform, `/api/v1/dialogue/calendar/ics/${token}`) };
}

export async function revokeFeed(platform: Platform, { actor, id }: { actor: UserActor; id: string }) {
  authorize(actor, 'dialogue:read');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [row] = await tx
      .update(calendarFeeds)
      .set({ revokedAt: now })
      .where(
        and(
          eq(calendarFeeds.id, id),
          eq(calendarFeeds.userId, actor.userId),
          eq(calendarFeeds.agencyId, scope.agencyId),
          isNull(calendarFeeds.revokedAt),
        ),
      )
      .returning({ id: calendarFeeds.id });
    if (!row) throw notFound('This calendar feed');
    await recordAudit(tx, actor, now, {
      action: 'calendar-feed.revoked',
      entity: 'calendar-feed',
      entityId: id,
      agencyId: scope.agencyId,
    });
  });
}

/**
 * The feed a calendar program fetches, without a session: the token is the key. A revoked feed,
 * or one whose owner has left the agency, is refused.
 */
export async function readFeed(platform: Platform, token: string): Promise<string> {
  const refused = new Problem(
    'invalid-link',
    'This calendar address is not valid any more. Make a new one in Vaka.',
  );
  const [row] = await platform.db
    .select({ feed: calendarFeeds, bodyName: advisoryBodies.name })
    .from(calendarFeeds)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, calendarFeeds.userId), eq(memberships.agencyId, calendarFeeds.agencyId)),
    )
    .leftJoin(advisoryBodies, eq(advisoryBodies.id, calendarFeeds.bodyId))
    .where(and(eq(calendarFeeds.tokenHash, hashSecret(token)), isNull(calendarFeeds.revokedAt)));
  if (!row) throw refused;
  const now = platform.clock.now();
  // From three months back to eighteen ahead: enough for a phone's calendar, small on the wire.
  const events = await calendarEvents(platform, systemScope(row.feed.agencyId), {
    from: new Date(now.getTime() - 90 * dayMs),
    to: new Date(now.getTime() + 548 * dayMs),
    bodyId: row.feed.bodyId,
  });
  return writeCalendar(
    row.bodyName ? `Vaka: ${row.bodyName}` : 'Vaka: dialogue calendar',
    toCalendarEntries(platform, events),
    now,
  );
}
