import { and, count, eq, gt, lt, max, ne } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { hours, minutes } from '../clock.ts';
import type { Platform } from '../context.ts';
import type { Db } from '../db/client.ts';
import { Problem } from '../http/problems.ts';
import type { Actor } from '../policy/index.ts';
import { signInAttempts } from './tables.ts';

// Guessing limits (decision 0039), kept in the database so they hold across every Vaka process.
// They are keyed on the e-mail as typed, known account or not, so their answers tell nobody which
// accounts exist; and on the account with the address, so a stranger elsewhere cannot lock the owner out.
export const ADDRESS_WINDOW = minutes(15);
export const FAILURES_PER_ADDRESS = 20;
export const FAILURES_BEFORE_LOCKOUT = 10;
export const LOCKOUT = minutes(15);
export const LONGEST_LOCKOUT = hours(24);
export const FAILURES_REMEMBERED = hours(24);

/** An attempt to prove who one is (password or second-factor code), counted before it is checked. */
export type Attempt = { id: string; email: string; ip: string; failuresBefore: number };

/** 15 minutes after the tenth failure, 30 after the eleventh, an hour after the twelfth, up to a day. */
export function lockoutAfter(failures: number): number {
  if (failures < FAILURES_BEFORE_LOCKOUT) return 0;
  return Math.min(LOCKOUT * 2 ** (failures - FAILURES_BEFORE_LOCKOUT), LONGEST_LOCKOUT);
}

const tooMany = (milliseconds: number) => {
  const seconds = Math.ceil(milliseconds / 1000);
  return new Problem(
    'too-many-attempts',
    `Too many failed attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`,
    { retryAfterSeconds: seconds },
  );
};

/**
 * Records the attempt as a failure before the secret is checked, then counts: the n-th of a burst
 * sent at once sees the n-1 before it, so parallel guesses cannot slip past the limit while the
 * slow password hash runs. A refused attempt is not kept, so waiting out a lockout ends it.
 */
export async function beginAttempt(platform: Platform, who: { email: string; ip: string }): Promise<Attempt> {
  const now = platform.clock.now();
  const [own] = await platform.db
    .insert(signInAttempts)
    .values({ email: who.email, ip: who.ip, succeeded: false, at: now })
    .returning({ id: signInAttempts.id });
  const id = own!.id;
  const failed = and(eq(signInAttempts.succeeded, false), ne(signInAttempts.id, id));
  const [fromAddress] = await platform.db
    .select({ failures: count() })
    .from(signInAttempts)
    .where(
      and(
        failed,
        eq(signInAttempts.ip, who.ip),
        gt(signInAttempts.at, new Date(now.getTime() - ADDRESS_WINDOW)),
      ),
    );
  const [onAccount] = await platform.db
    .select({ failures: count(), last: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(
      and(
        failed,
        eq(signInAttempts.email, who.email),
        eq(signInAttempts.ip, who.ip),
        gt(signInAttempts.at, new Date(now.getTime() - FAILURES_REMEMBERED)),
      ),
    );
  const refuse = async (wait: number) => {
    await platform.db.delete(signInAttempts).where(eq(signInAttempts.id, id));
    return tooMany(wait);
  };
  if ((fromAddress?.failures ?? 0) >= FAILURES_PER_ADDRESS) throw await refuse(ADDRESS_WINDOW);
  const failuresBefore = onAccount?.failures ?? 0;
  const last = onAccount?.last ? new Date(onAccount.last) : undefined;
  const lockedUntil = last ? last.getTime() + lockoutAfter(failuresBefore) : 0;
  if (lockedUntil > now.getTime()) throw await refuse(lockedUntil - now.getTime());
  return { id, email: who.email, ip: who.ip, failuresBefore };
}

/**
 * The attempt stays a failure. When it starts a lockout of a real account, that is audited: the
 * person's administrators see someone guessing. (Nothing to audit for an unknown e-mail.)
 */
export async function attemptFailed(
  platform: Platform,
  attempt: Attempt,
  user: { id: string } | undefined,
  actor: Actor,
) {
  const failures = attempt.failuresBefore + 1;
  if (!user || failures < FAILURES_BEFORE_LOCKOUT) return;
  const now = platform.clock.now();
  const lockedUntil = new Date(now.getTime() + lockoutAfter(failures));
  await platform.db.transaction((tx) =>
    recordAudit(tx, actor, now, {
      action: 'user.locked-out',
      entity: 'user',
      entityId: user.id,
      agencyId: null,
      after: { lockedUntil, failures, ip: attempt.ip },
    }),
  );
}

/** Proven: the failures of this account from this address are forgotten, in the caller's transaction. */
export async function attemptSucceeded(tx: Db, attempt: Attempt) {
  await tx
    .delete(signInAttempts)
    .where(
      and(
        eq(signInAttempts.email, attempt.email),
        eq(signInAttempts.ip, attempt.ip),
        eq(signInAttempts.succeeded, false),
        ne(signInAttempts.id, attempt.id),
      ),
    );
  await tx.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, attempt.id));
}

/** A new password from a reset link: whatever was guessed against the old one no longer locks anyone. */
export async function forgetFailedAttempts(tx: Db, email: string) {
  await tx
    .delete(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false)));
}

export const FORGET_OLD_ATTEMPTS_JOB = 'accounts.forget-old-attempts';

/**
 * Attempts older than anything that still counts tell nobody anything: forgotten every hour, so a
 * guessing storm leaves the table no bigger than a day of it.
 */
export async function forgetOldAttempts(platform: Platform): Promise<number> {
  const before = new Date(platform.clock.now().getTime() - FAILURES_REMEMBERED);
  const forgotten = await platform.db
    .delete(signInAttempts)
    .where(lt(signInAttempts.at, before))
    .returning({ id: signInAttempts.id });
  return forgotten.length;
}
