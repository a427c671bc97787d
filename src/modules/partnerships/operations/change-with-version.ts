import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { staleVersion } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type AgencyScope, type UserActor } from '../../../platform/policy/index.ts';
import type { PartnershipView } from '../contracts.ts';
import { loadPartnership } from '../partnerships.ts';
import { partnerships } from '../tables.ts';

export type Change = {
  tx: Db;
  scope: AgencyScope;
  now: Date;
  before: PartnershipView;
};

/**
 * Every edit of a partnership: it carries the version it started from (a stale one gets 409 with
 * the current record), the version moves first so a concurrent edit waits on the row and then finds
 * it stale, the change and its audit row commit together.
 */
export async function changeWithVersion(
  platform: Platform,
  {
    actor,
    id,
    version,
    action,
    check,
    apply,
  }: {
    actor: UserActor;
    id: string;
    version: number;
    action: string;
    /** Fails fast before the transaction; run again inside it by `apply` where it matters. */
    check?: (before: PartnershipView) => Promise<void> | void;
    apply: (change: Change) => Promise<void>;
  },
): Promise<PartnershipView> {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const before = await loadPartnership(platform.db, scope, id);
  if (before.version !== version) throw staleVersion(before);
  await check?.(before);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [moved] = await tx
      .update(partnerships)
      .set({ version: version + 1, updatedAt: now })
      .where(
        and(
          eq(partnerships.id, id),
          eq(partnerships.agencyId, scope.agencyId),
          eq(partnerships.version, version),
        ),
      )
      .returning({ id: partnerships.id });
    if (!moved) throw staleVersion(await loadPartnership(tx, scope, id));
    await apply({ tx, scope, now, before });
    const after = await loadPartnership(tx, scope, id);
    await recordAudit(tx, actor, now, {
      action,
      entity: 'partnership',
      entityId: id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}
