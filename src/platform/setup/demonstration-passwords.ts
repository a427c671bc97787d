import { and, eq, isNotNull, like } from 'drizzle-orm';
import type { Platform } from '../context.ts';
import { users } from '../accounts/tables.ts';
import { verifyPassword } from '../accounts/secrets.ts';
import { endCredentialsAfterNewPassword } from '../accounts/sessions.ts';
import { recordAudit } from '../audit/record.ts';
import { loadDeployment } from '../deployment/deployment.ts';
import type { SystemActor } from '../policy/index.ts';
import { DEMONSTRATION_DOMAIN, DEMONSTRATION_PASSWORD } from './demonstration.ts';

/**
 * In a real Vaka, demonstration accounts loaded before it refused them (issue 18 item 11) lose the
 * published password, their sessions and their API tokens, at each start-up. They stay, as records
 * point at them; a password reset gives one back to whoever owns the address.
 */
export async function removeDemonstrationPasswords(platform: Platform): Promise<number> {
  if ((await loadDeployment(platform.db)).demonstration) return 0;
  const candidates = await platform.db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(like(users.email, `%${DEMONSTRATION_DOMAIN}`), isNotNull(users.passwordHash)));
  const actor: SystemActor = { kind: 'system', label: 'start-up', requestId: 'start-up' };
  let removed = 0;
  for (const user of candidates) {
    if (!(await verifyPassword(user.passwordHash, DEMONSTRATION_PASSWORD))) continue;
    const now = platform.clock.now();
    await platform.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: null, updatedAt: now }).where(eq(users.id, user.id));
      const ended = await endCredentialsAfterNewPassword(tx, now, {
        userId: user.id,
        keepSessionId: null,
        because: 'demonstration-password-removed',
      });
      for (const event of [
        {
          action: 'user.demonstration-password-removed',
          entity: 'user',
          entityId: user.id,
          agencyId: null,
          after: { email: user.email, sessionsEnded: ended.sessionsEnded },
        },
        ...ended.tokenEvents,
      ])
        await recordAudit(tx, actor, now, event);
    });
    removed += 1;
  }
  if (removed > 0)
    platform.logger.warn(
      `removed the published demonstration password from ${removed} accounts of this real Vaka`,
    );
  return removed;
}
