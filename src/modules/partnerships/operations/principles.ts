import { and, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, staleVersion } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { presentPrinciple, principleOf, principlesOf } from '../principles.ts';
import { partnershipPrinciples } from '../tables.ts';

type PrincipleInput = { name: string; description?: string | null | undefined };

async function checkNameFree(db: Db, agencyId: string, name: string, except?: string) {
  const [clash] = await db
    .select({ id: partnershipPrinciples.id })
    .from(partnershipPrinciples)
    .where(
      and(
        eq(partnershipPrinciples.agencyId, agencyId),
        sql`lower(${partnershipPrinciples.name}) = lower(${name})`,
        except ? ne(partnershipPrinciples.id, except) : undefined,
      ),
    );
  if (clash) throw invalid('name', 'Another principle has this name.');
}

/** An agency adds a principle of its own; it is rated from the next review on. */
export async function addPrinciple(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: PrincipleInput },
) {
  authorize(actor, 'partnerships:settings');
  const scope = scopeOf(actor);
  const existing = await principlesOf(platform.db, scope.agencyId);
  await checkNameFree(platform.db, scope.agencyId, input.name);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnershipPrinciples)
      .values({
        agencyId: scope.agencyId,
        name: input.name,
        description: input.description ?? null,
        position: existing.length,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const after = presentPrinciple(row!);
    await recordAudit(tx, actor, now, {
      action: 'partnership-principle.added',
      entity: 'partnership-principle',
      entityId: row!.id,
      agencyId: scope.agencyId,
      after,
    });
    return after;
  });
}

/**
 * Rename, describe, retire or bring back a principle. Retiring keeps its past ratings (trends stay
 * readable) but reviews stop asking for it.
 */
export async function changePrinciple(
  platform: Platform,
  {
    actor,
    id,
    input,
    retired,
    version,
  }: { actor: UserActor; id: string; input: PrincipleInput; retired: boolean; version: number },
) {
  authorize(actor, 'partnerships:settings');
  const scope = scopeOf(actor);
  const current = await principleOf(platform.db, scope.agencyId, id);
  const before = presentPrinciple(current);
  if (before.version !== version) throw staleVersion(before);
  await checkNameFree(platform.db, scope.agencyId, input.name, id);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .update(partnershipPrinciples)
      .set({
        name: input.name,
        description: input.description ?? null,
        retiredAt: retired ? (current.retiredAt ?? now) : null,
        version: version + 1,
        updatedAt: now,
      })
      .where(
        and(
          eq(partnershipPrinciples.id, id),
          eq(partnershipPrinciples.agencyId, scope.agencyId),
          eq(partnershipPrinciples.version, version),
        ),
      )
      .returning();
    if (!row) throw staleVersion(presentPrinciple(await principleOf(tx, scope.agencyId, id)));
    const after = presentPrinciple(row);
    const action = before.retired === after.retired ? 'changed' : retired ? 'retired' : 'restored';
    await recordAudit(tx, actor, now, {
      action: `partnership-principle.${action}`,
      entity: 'partnership-principle',
      entityId: id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}
