import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/context.ts';
import type { UserActor } from '../../../platform/policy/index.ts';
import type { LifecycleState, PartnershipView } from '../contracts.ts';
import { guardOf, refusedMove } from '../lifecycle.ts';
import { recordMove } from '../partnerships.ts';
import { partnerships } from '../tables.ts';
import { changeWithVersion } from './change-with-version.ts';

const subject = (agencyId: string, view: PartnershipView) => ({
  id: view.id,
  agencyId,
  state: view.state,
  formality: view.formality,
  phaseOutPlan: view.phaseOutPlan,
  startsOn: view.startsOn,
  endsOn: view.endsOn,
});

/** A lifecycle move: allowed by the table in lifecycle.ts, let through by its guards, with a reason. */
export async function movePartnership(
  platform: Platform,
  {
    actor,
    id,
    state,
    reason,
    version,
  }: { actor: UserActor; id: string; state: LifecycleState; reason: string; version: number },
) {
  const today = platform.clock.now().toISOString().slice(0, 10);
  const refuse = async (db: typeof platform.db, agencyId: string, before: PartnershipView) => {
    const refusal = await guardOf(db, subject(agencyId, before), state, today);
    if (refusal) throw refusedMove('lifecycle', before.state, state, refusal);
  };
  return changeWithVersion(platform, {
    actor,
    id,
    version,
    action: 'partnership.state-changed',
    check: (before) => refuse(platform.db, actor.agencyId ?? '', before),
    apply: async ({ tx, scope, now, before }) => {
      // Again inside the transaction: an agreement or assessment may have changed meanwhile.
      await refuse(tx, scope.agencyId, before);
      await tx
        .update(partnerships)
        .set({ state })
        .where(and(eq(partnerships.id, id), eq(partnerships.agencyId, scope.agencyId)));
      await recordMove(tx, scope, {
        partnershipId: id,
        kind: 'state',
        from: before.state,
        to: state,
        reason,
        at: now,
        actor: { userId: actor.userId, name: actor.name },
      });
    },
  });
}
