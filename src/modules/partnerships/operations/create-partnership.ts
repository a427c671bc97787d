import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { ContinuumLevel, PartnershipInput } from '../contracts.ts';
import {
  checkPartnershipInput,
  checkPolicies,
  inputColumns,
  loadPartnership,
  recordMove,
  unanswered,
  writeParties,
} from '../partnerships.ts';
import { partnerships } from '../tables.ts';

/** A new partnership starts identified, at the chosen continuum level, with both first moves dated. */
export async function createPartnership(
  platform: Platform,
  { actor, input, level }: { actor: UserActor; input: PartnershipInput; level: ContinuumLevel },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  await checkPartnershipInput(platform.db, input);
  await checkPolicies(platform.db, scope, input.policyIds);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnerships)
      .values({
        ...inputColumns(input),
        agencyId: scope.agencyId,
        level,
        state: 'identified',
        strategicAnswers: unanswered,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: partnerships.id });
    const id = row!.id;
    await writeParties(tx, id, input);
    const mover = { userId: actor.userId, name: actor.name };
    await recordMove(tx, scope, {
      partnershipId: id,
      kind: 'level',
      from: null,
      to: level,
      reason: null,
      at: now,
      actor: mover,
    });
    await recordMove(tx, scope, {
      partnershipId: id,
      kind: 'state',
      from: null,
      to: 'identified',
      reason: null,
      at: now,
      actor: mover,
    });
    const after = await loadPartnership(tx, scope, id);
    await recordAudit(tx, actor, now, {
      action: 'partnership.created',
      entity: 'partnership',
      entityId: id,
      agencyId: scope.agencyId,
      after,
    });
    return after;
  });
}
