import { eq } from 'drizzle-orm';
import { recordAudit, recordAuditEvents } from '../../audit/record.ts';
import { hours } from '../../clock.ts';
import type { Platform } from '../../context.ts';
import type { AnonymousActor } from '../../policy/index.ts';
import { forgetFailedAttempts } from '../attempts.ts';
import { appUrl, createLink, endLinksOf, spendLink } from '../links.ts';
import { hashPassword } from '../secrets.ts';
import { endCredentialsAfterNewPassword } from '../sessions.ts';
import { users } from '../tables.ts';
import { MAIL_JOB } from '../../mail/index.ts';

export const RESET_LINK_LIFETIME = hours(1);

export const PASSWORD_RESET_JOB = 'accounts.password-reset';

/**
 * Always answers the same and does the same work: the request only queues a job, known account or
 * not, so neither the answer nor its time tells who has an account (decision 0039). The job makes
 * the link and sends it.
 */
export async function requestPasswordReset(platform: Platform, actor: AnonymousActor, email: string) {
  const request: PasswordResetRequested = { email, requestId: actor.requestId, ip: actor.ip };
  await platform.jobs.send(PASSWORD_RESET_JOB, request);
}

export type PasswordResetRequested = { email: string; requestId: string; ip: string };

/** The job: for a real account, a new link (ending older ones) and its e-mail, in one transaction. */
export async function sendPasswordResetLink(platform: Platform, request: PasswordResetRequested) {
  const [user] = await platform.db.select().from(users).where(eq(users.email, request.email)).limit(1);
  if (!user) return;
  const actor: AnonymousActor = { kind: 'anonymous', requestId: request.requestId, ip: request.ip };
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    // Only the newest link works: an older one may sit in a mailbox someone else reads.
    await endLinksOf(tx, now, 'password-reset', user.id);
    const link = await createLink(platform, tx, 'password-reset', RESET_LINK_LIFETIME, {
      userId: user.id,
      email: user.email,
    });
    await recordAudit(tx, actor, now, {
      action: 'user.password-reset-requested',
      entity: 'user',
      entityId: user.id,
      agencyId: null,
    });
    await platform.jobs.send(
      MAIL_JOB,
      {
        to: user.email,
        subject: 'Reset your Vaka password',
        text: [
          `Kia orana ${user.name},`,
          '',
          'Someone (we hope you) asked to reset your Vaka password. Open this link within an hour to choose a new one:',
          '',
          appUrl(platform, `/reset-password?token=${link.secret}`),
          '',
          'If you did not ask, ignore this message; your password stays as it is.',
        ].join('\n'),
      },
      { db: tx },
    );
  });
}

/**
 * A new password ends every session, every API token and any lockout of the account: whoever asked may be taking
 * the account back from someone else (decision 0026). The link works once.
 */
export async function completePasswordReset(
  platform: Platform,
  actor: AnonymousActor,
  secret: string,
  password: string,
) {
  const passwordHash = await hashPassword(password);
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const link = await spendLink(platform, tx, 'password-reset', secret);
    const userId = link.userId!;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    await forgetFailedAttempts(tx, user!.email);
    const { sessionsEnded, tokenEvents } = await endCredentialsAfterNewPassword(tx, now, {
      userId,
      keepSessionId: null,
      because: 'user.password-reset',
    });
    await recordAuditEvents(tx, actor, now, [
      {
        action: 'user.password-reset',
        entity: 'user',
        entityId: userId,
        agencyId: null,
        after: { sessionsEnded },
      },
      ...tokenEvents,
    ]);
  });
}
