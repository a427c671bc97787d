import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import { minutes } from '../../clock.ts';
import type { Platform } from '../../context.ts';
import { recordAudit } from '../../audit/record.ts';
import { Problem } from '../../http/problems.ts';
import type { AnonymousActor, Role } from '../../policy/index.ts';
import { actorForUser } from '../me.ts';
import { checkSecondFactorCode } from '../second-factor-codes.ts';
import { decoyPasswordHash, verifyPassword } from '../secrets.ts';
import { startSession } from '../sessions.ts';
import { memberships, signInAttempts, users } from '../tables.ts';

export const SIGN_IN_WINDOW = minutes(15);
export const FAILURES_PER_ADDRESS = 20;
export const FAILURES_BEFORE_LOCKOUT = 10;
export const LOCKOUT = minutes(15);

type SignIn = {
  email: string;
  password: string;
  code?: string | undefined;
  ip: string;
  userAgent: string | undefined;
  requestId: string;
};

const tooMany = (seconds: number) =>
  new Problem(
    'too-many-attempts',
    `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes.`,
    {
      retryAfterSeconds: seconds,
    },
  );

export async function signIn(platform: Platform, input: SignIn): Promise<{ secret: string; userId: string }> {
  const now = platform.clock.now();
  const anonymous: AnonymousActor = { kind: 'anonymous', requestId: input.requestId, ip: input.ip };
  await refuseBusyAddress(platform, input.ip, now);

  const [user] = await platform.db.select().from(users).where(eq(users.email, input.email)).limit(1);
  if (user?.lockedUntil && user.lockedUntil > now) {
    await noteAttempt(platform, input, false);
    throw tooMany((user.lockedUntil.getTime() - now.getTime()) / 1000);
  }
  // Unknown e-mails still cost one argon2 verification, so timing does not tell who has an account.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !passwordOk) {
    await failSignIn(platform, input, user, anonymous);
    throw new Problem('invalid-credentials', 'The e-mail or password is wrong.');
  }

  let acceptedStep = user.totpLastStep;
  if (user.totpEnabledAt && user.totpSecret) {
    if (!input.code)
      throw new Problem('second-factor-required', 'Enter the six-digit code from your authenticator app.');
    const step = await checkSecondFactorCode(platform.clock, user.totpSecret, input.code, user.totpLastStep);
    if (step === undefined) {
      await failSignIn(platform, input, user, anonymous);
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
      .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now, totpLastStep: acceptedStep })
      .where(eq(users.id, user.id));
    await tx.insert(signInAttempts).values({ email: input.email, ip: input.ip, succeeded: true, at: now });
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

async function refuseBusyAddress(platform: Platform, ip: string, now: Date) {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW);
  const [row] = await platform.db
    .select({ failures: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)));
  if ((row?.failures ?? 0) >= FAILURES_PER_ADDRESS) throw tooMany(SIGN_IN_WINDOW / 1000);
}

async function noteAttempt(platform: Platform, input: SignIn, succeeded: boolean) {
  await platform.db
    .insert(signInAttempts)
    .values({ email: input.email, ip: input.ip, succeeded, at: platform.clock.now() });
}

type User = typeof users.$inferSelect;

// Each failure counts against the account; the tenth in a row locks it for a while, and that is audited.
async function failSignIn(platform: Platform, input: SignIn, user: User | undefined, actor: AnonymousActor) {
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ email: input.email, ip: input.ip, succeeded: false, at: now });
    if (!user) return;
    // Counted in the database, not from the row read before the slow password check: parallel guesses
    // would otherwise each write the same count and never reach the limit.
    const [counted] = await tx
      .update(users)
      .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedSignIns: users.failedSignIns });
    const failures = counted?.failedSignIns ?? 0;
    if (failures >= FAILURES_BEFORE_LOCKOUT) {
      const lockedUntil = new Date(now.getTime() + LOCKOUT);
      await tx.update(users).set({ failedSignIns: 0, lockedUntil }).where(eq(users.id, user.id));
      await recordAudit(tx, actor, now, {
        action: 'user.locked-out',
        entity: 'user',
        entityId: user.id,
        agencyId: null,
        after: { lockedUntil, failures, ip: input.ip },
      });
    }
  });
}
