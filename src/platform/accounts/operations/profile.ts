import { and, eq } from 'drizzle-orm';
import { recordAudit, recordAuditEvents } from '../../audit/record.ts';
import type { Platform } from '../../context.ts';
import { invalid, Problem } from '../../http/problems.ts';
import { requireSignedInPerson, type UserActor } from '../../policy/index.ts';
import { attemptFailed, attemptSucceeded, beginAttempt } from '../attempts.ts';
import { hashPassword, verifyPassword } from '../secrets.ts';
import { endCredentialsAfterNewPassword } from '../sessions.ts';
import { memberships, sessions, users } from '../tables.ts';

export async function updateProfile(
  platform: Platform,
  actor: UserActor,
  changes: { name?: string | undefined; language?: string | undefined },
) {
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: users.name, language: users.language })
      .from(users)
      .where(eq(users.id, actor.userId));
    const [after] = await tx
      .update(users)
      .set({ ...changes, updatedAt: now })
      .where(eq(users.id, actor.userId))
      .returning({ name: users.name, language: users.language });
    await recordAudit(tx, actor, now, {
      action: 'user.profile-changed',
      entity: 'user',
      entityId: actor.userId,
      agencyId: actor.agencyId,
      before,
      after,
    });
  });
}

/**
 * Working in another agency of one's own is recorded in that agency's trail, like any write. The
 * agency left is not named there: one agency's trail says nothing of another (tenancy).
 */
export async function switchAgency(platform: Platform, actor: UserActor, agencyId: string) {
  const sessionId = actor.sessionId;
  if (!sessionId) throw new Problem('forbidden', 'An API token stays in the agency it was made for.');
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [membership] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, actor.userId), eq(memberships.agencyId, agencyId)));
    if (!membership) throw invalid('agencyId', 'You are not a member of this agency.');
    await tx.update(sessions).set({ agencyId }).where(eq(sessions.id, sessionId));
    await recordAudit(tx, actor, now, {
      action: 'session.agency-switched',
      entity: 'user',
      entityId: actor.userId,
      agencyId,
      after: { sessionId, agencyId, role: membership.role },
    });
  });
}

/**
 * Changing the password ends every other session and every API token, so what was started with a
 * stolen password or session dies with it (decision 0026); this session goes on.
 */
export async function changePassword(
  platform: Platform,
  actor: UserActor,
  currentPassword: string,
  newPassword: string,
) {
  requireSignedInPerson(actor, 'change the password');
  // Counted with sign-in's guesses: a stolen session must not try passwords here instead.
  const attempt = await beginAttempt(platform, { email: actor.email, ip: actor.ip });
  const [user] = await platform.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    await attemptFailed(platform, attempt, user, actor);
    throw invalid('currentPassword', 'This is not your current password.');
  }
  const passwordHash = await hashPassword(newPassword);
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    await attemptSucceeded(tx, attempt);
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: now, version: user.version + 1 })
      .where(eq(users.id, user.id));
    const { sessionsEnded, tokenEvents } = await endCredentialsAfterNewPassword(tx, now, {
      userId: user.id,
      keepSessionId: actor.sessionId,
      because: 'user.password-changed',
    });
    await recordAuditEvents(tx, actor, now, [
      {
        action: 'user.password-changed',
        entity: 'user',
        entityId: user.id,
        agencyId: actor.agencyId,
        after: { sessionsEnded },
      },
      ...tokenEvents,
    ]);
  });
}
