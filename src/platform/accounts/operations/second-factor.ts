import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { recordAudit } from '../../audit/record.ts';
import type { Platform } from '../../context.ts';
import { invalid, Problem } from '../../http/problems.ts';
import { requireSignedInPerson, type UserActor } from '../../policy/index.ts';
import { attemptFailed, attemptSucceeded, beginAttempt } from '../attempts.ts';
import { checkSecondFactorCode, newSecondFactorSecret, secondFactorUri } from '../second-factor-codes.ts';
import { users } from '../tables.ts';

async function loadUser(platform: Platform, actor: UserActor) {
  const [user] = await platform.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new Problem('unauthenticated');
  return user;
}

/** Step one: a pending secret the user scans; nothing changes until a code from it is confirmed. */
export async function startSecondFactor(platform: Platform, actor: UserActor) {
  requireSignedInPerson(actor, 'set up a second factor');
  const user = await loadUser(platform, actor);
  if (user.totpEnabledAt) throw new Problem('conflict', 'A second factor is already on. Turn it off first.');
  const secret = newSecondFactorSecret();
  await platform.db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, user.id));
  const otpauthUrl = secondFactorUri(user.email, secret);
  const qrCodeSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1 });
  return { secret, otpauthUrl, qrCodeSvg };
}

export async function confirmSecondFactor(platform: Platform, actor: UserActor, code: string) {
  requireSignedInPerson(actor, 'turn on a second factor');
  const user = await loadUser(platform, actor);
  if (!user.totpPendingSecret) throw new Problem('conflict', 'Start the set-up first.');
  const step = await checkSecondFactorCode(platform.clock, user.totpPendingSecret, code, null);
  if (step === undefined)
    throw invalid('code', 'This code does not match. Check the time on your phone and try again.');
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: now,
        totpLastStep: step,
        updatedAt: now,
      })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actor, now, {
      action: 'user.second-factor-enabled',
      entity: 'user',
      entityId: user.id,
      agencyId: actor.agencyId,
    });
  });
}

export async function turnOffSecondFactor(platform: Platform, actor: UserActor, code: string) {
  requireSignedInPerson(actor, 'turn off the second factor');
  const user = await loadUser(platform, actor);
  if (!user.totpEnabledAt || !user.totpSecret) throw new Problem('conflict', 'No second factor is on.');
  // Limited as codes at sign-in are, and counted with them: a stolen session must not try every code.
  const attempt = await beginAttempt(platform, { email: user.email, ip: actor.ip });
  const step = await checkSecondFactorCode(platform.clock, user.totpSecret, code, user.totpLastStep);
  if (step === undefined) {
    await attemptFailed(platform, attempt, user, actor);
    throw invalid('code', 'This code does not match.');
  }
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    await attemptSucceeded(tx, attempt);
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actor, now, {
      action: 'user.second-factor-disabled',
      entity: 'user',
      entityId: user.id,
      agencyId: actor.agencyId,
    });
  });
}
