import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { PolicyInput } from '../contracts.ts';
import { checkPolicyInput, loadPolicy, policyColumns } from '../policies.ts';
import { policies } from '../tables.ts';

/** A policy or plan enters the register with its point of contact and review rule (000 §8). */
export async function createPolicy(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: PolicyInput },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  await checkPolicyInput(platform.db, scope, input);
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(policies)
      .values({ ...policyColumns(input), agencyId: scope.agencyId, createdAt: now, updatedAt: now })
      .returning({ id: policies.id });
    const after = await loadPolicy(tx, scope, row!.id, now);
    await recordAudit(tx, actor, now, {
      action: 'policy.created',
      entity: 'policy',
      entityId: row!.id,
      agencyId: scope.agencyId,
      after,
    });
    return after;
  });
}
