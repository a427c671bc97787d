import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { checkReviewDate, loadPolicy } from '../policies.ts';
import { policies, policyReviews } from '../tables.ts';

/** A review done: kept with its summary, and the next one is counted from it (000 §8). */
export async function recordReview(
  platform: Platform,
  { actor, id, reviewedOn, summary }: { actor: UserActor; id: string; reviewedOn: string; summary: string },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const before = await loadPolicy(platform.db, scope, id, now);
  checkReviewDate(reviewedOn, before, now);
  return platform.db.transaction(async (tx) => {
    await tx.insert(policyReviews).values({
      agencyId: scope.agencyId,
      policyId: id,
      reviewedOn,
      summary,
      recordedBy: actor.userId,
      createdAt: now,
    });
    // A review recorded late for an earlier date never moves the schedule back.
    await tx
      .update(policies)
      .set({
        lastReviewedOn: sql`greatest(${policies.lastReviewedOn}, ${reviewedOn}::date)`,
        version: sql`${policies.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(policies.id, id), eq(policies.agencyId, scope.agencyId)));
    const after = await loadPolicy(tx, scope, id, now);
    await recordAudit(tx, actor, now, {
      action: 'policy.reviewed',
      entity: 'policy',
      entityId: id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}
