import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { staleVersion } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { PolicyInput } from '../contracts.ts';
import { checkPolicyInput, loadPolicy, policyColumns } from '../policies.ts';
import { policies } from '../tables.ts';

/** An edit carries the version it started from; a stale one gets 409 with the current policy. */
export async function changePolicy(
  platform: Platform,
  { actor, id, input, version }: { actor: UserActor; id: string; input: PolicyInput; version: number },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const before = await loadPolicy(platform.db, scope, id, now);
  if (before.version !== version) throw staleVersion(before);
  await checkPolicyInput(platform.db, scope, input);
  return platform.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(policies)
      .set({ ...policyColumns(input), version: version + 1, updatedAt: now })
      .where(and(eq(policies.id, id), eq(policies.agencyId, scope.agencyId), eq(policies.version, version)))
      .returning({ id: policies.id });
    if (!updated) throw staleVersion(await loadPolicy(tx, scope, id, now));
    const after = await loadPolicy(tx, scope, id, now);
    await recordAudit(tx, actor, now, {
      action: 'policy.changed',
      entity: 'policy',
      entityId: id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}
