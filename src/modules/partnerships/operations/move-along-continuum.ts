import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/context.ts';
import { invalid } from '../../../platform/http/problems.ts';
import type { UserActor } from '../../../platform/policy/index.ts';
import type { ContinuumLevel } from '../contracts.ts';
import { recordMove } from '../partnerships.ts';
import { partnerships } from '../tables.ts';
import { changeWithVersion } from './change-with-version.ts';

/**
 * 000 §1: not every partnership should move to collaboration, so any level may follow any other;
 * what matters is the dated reason, which the pool chart and the reviews read.
 */
export async function moveAlongContinuum(
  platform: Platform,
  {
    actor,
    id,
    level,
    reason,
    version,
  }: { actor: UserActor; id: string; level: ContinuumLevel; reason: string; version: number },
) {
  return changeWithVersion(platform, {
    actor,
    id,
    version,
    action: 'partnership.level-changed',
    check: (before) => {
      if (before.level === level) throw invalid('level', `The partnership is already at ${level}.`);
    },
    apply: async ({ tx, scope, now, before }) => {
      await tx
        .update(partnerships)
        .set({ level })
        .where(and(eq(partnerships.id, id), eq(partnerships.agencyId, scope.agencyId)));
      await recordMove(tx, scope, {
        partnershipId: id,
        kind: 'level',
        from: before.level,
        to: level,
        reason,
        at: now,
        actor: { userId: actor.userId, name: actor.name },
      });
    },
  });
}
