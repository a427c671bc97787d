import { asc, eq } from 'drizzle-orm';
import type { Platform } from '../../context.ts';
import { recordAudit } from '../../audit/record.ts';
import { Problem } from '../../http/problems.ts';
import type { AnonymousActor, Role } from '../../policy/index.ts';
import { attemptFailed, attemptSucceeded, beginAttempt } from '../attempts.ts';
import { actorForUser } from '../me.ts';
import { checkSecondFactorCode } from '../second-factor-codes.ts';
import { decoyPasswordHash, verifyPassword } from '../secrets.ts';
import { startSession } from '../sessions.ts';
import { memberships, users } from '../tables.ts';

type SignIn = {
  email: string;
  password: string;
  code?: string | undefined;
  ip: string;
  userAgent: string | undefined;
  requestId: string;
};

export async function signIn(platform: Platform, input: SignIn): Promise<{ secret: string; userId: string }> {
  const now = platform.clock.now();
  const anonymous: AnonymousActor = { kind: 'anonymous', requestId: input.requestId, ip: input.ip };
  // Counted before anything is checked, and the same for an unknown e-mail as for a real one.
  const attempt = await beginAttempt(platform, { email: input.email, ip: input.ip });

  const [user] = await platform.db.select().from(users).where(eq(users.email, input.email)).limit(1);
  // Unknown e-mails still cost one argon2 verification, so timing does not tell who has an account.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !passwordOk) {
    await attemptFailed(platform, attempt, user, anonymous);
    throw new Problem('invalid-credentials', 'The e-mail or password is wrong.');
  }

  let acceptedStep = user.totpLastStep;
  if (user.totpEnabledAt && user.totpSecret) {
    if (!input.code)
      throw new Problem('second-factor-required', 'Enter the six-digit code from your authenticator app.');
    const step = await checkSecondFactorCode(platform.clock, user.totpSecret, input.code, user.totpLastStep);
    if (step === undefined) {
      await attemptFailed(platform, attempt, user, anonymous);
      throw new Problem('invalid-credentials', 'The code is wrong or already used.');
    }
    acceptedStep = step;
  }

  return platform.db.transaction(async (tx) => {
    const [membership] = await tx
      .select({ agencyId: memberships.agencyId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.userId, user.id))
      .orderBy(asc(memberships.createdAt))
      .limit(1);
    await tx
      .update(users)
      .set({ lastSignInAt: now, totpLastStep: acceptedStep })
      .where(eq(users.id, user.id));
    await attemptSucceeded(tx, attempt);
    const session = await startSession(platform, tx, {
      userId: user.id,
      agencyId: membership?.agencyId ?? null,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    const actor = actorForUser(user, {
      agencyId: membership?.agencyId ?? null,
      role: (membership?.role as Role | undefined) ?? null,
      requestId: input.requestId,
      ip: input.ip,
    });
    await recordAudit(tx, actor, now, {
      action: 'session.started',
      entity: 'user',
      entityId: user.id,
      agencyId: membership?.agencyId ?? null,
      after: { sessionId: session.sessionId, ip: input.ip },
    });
    return { secret: session.secret, userId: user.id };
  });
}
