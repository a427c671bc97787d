import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import type { Platform } from '../../context.ts';
import { notFound } from '../../http/problems.ts';
import { requireSignedInPerson, type UserActor } from '../../policy/index.ts';
import { sessions } from '../tables.ts';

export async function listOwnSessions(platform: Platform, actor: UserActor) {
  const rows = await platform.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, actor.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, platform.clock.now()),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    userAgent: row.userAgent,
    ip: row.ip,
    current: row.id === actor.sessionId,
  }));
}

/** Revokes one of the actor's own sessions (another user's session id is simply not found). */
export async function revokeSession(
  platform: Platform,
  actor: UserActor,
  sessionId: string,
  action = 'session.revoked',
) {
  requireSignedInPerson(actor, 'end sessions');
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (!revoked) throw notFound('This session');
    await recordAudit(tx, actor, now, {
      action,
      entity: 'user',
      entityId: actor.userId,
      agencyId: actor.agencyId,
      after: { sessionId },
    });
  });
}
