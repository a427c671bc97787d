import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { staleVersion } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { bodyColumns, checkBodyInput, loadBody } from '../bodies.ts';
import type { BodyInput } from '../contracts.ts';
import { advisoryBodies } from '../tables.ts';

/** An advisory body with its terms of reference and the staff member who looks after it. */
export async function establishBody(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: BodyInput },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  await checkBodyInput(platform.db, scope, input);
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(advisoryBodies)
      .values({ ...bodyColumns(input), agencyId: scope.agencyId, createdAt: now, updatedAt: now })
      .returning({ id: advisoryBodies.id });
    const after = await loadBody(tx, scope, row!.id, now);
    await recordAudit(tx, actor, now, {
      action: 'advisory-body.established',
      entity: 'advisory-body',
      entityId: row!.id,
      agencyId: scope.agencyId,
      after,
    });
    return after;
  });
}

/** Name, kind, level, place or terms of reference changed; the edit carries its version. */
export async function changeBody(
  platform: Platform,
  { actor, id, input, version }: { actor: UserActor; id: string; input: BodyInput; version: number },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const before = await loadBody(platform.db, scope, id, now);
  if (before.version !== version) throw staleVersion(before);
  await checkBodyInput(platform.db, scope, input);
  return platform.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(advisoryBodies)
      .set({ ...bodyColumns(input), version: version + 1, updatedAt: now })
      .where(
        and(
          eq(advisoryBodies.id, id),
          eq(advisoryBodies.agencyId, scope.agencyId),
          eq(advisoryBodies.version, version),
        ),
      )
      .returning({ id: advisoryBodies.id });
    if (!updated) throw staleVersion(await loadBody(tx, scope, id, now));
    const after = await loadBody(tx, scope, id, now);
    await recordAudit(tx, actor, now, {
      action: 'advisory-body.changed',
      entity: 'advisory-body',
      entityId: id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}
