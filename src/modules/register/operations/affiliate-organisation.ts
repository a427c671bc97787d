import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { invalid, notFound, Problem } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { loadOrganisation, organisationExists } from '../organisations.ts';
import { loadSettings } from '../register-status.ts';
import { affiliations } from '../tables.ts';

/** An organisation joins an umbrella body; the graph stays free of cycles. */
export async function affiliateOrganisation(
  platform: Platform,
  { actor, memberId, umbrellaId }: { actor: UserActor; memberId: string; umbrellaId: string },
) {
  authorize(actor, 'register:edit');
  const { agencyId } = scopeOf(actor);
  if (memberId === umbrellaId) throw invalid('umbrellaId', 'An organisation cannot be its own umbrella.');
  if (!(await organisationExists(platform.db, memberId))) throw notFound('This organisation');
  if (!(await organisationExists(platform.db, umbrellaId)))
    throw invalid('umbrellaId', 'No such organisation in the register.');
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  return platform.db.transaction(async (tx) => {
    // Is the member already above the umbrella? Then the new link would close a loop.
    const above = await tx.execute(sql`with recursive up(id) as (
        select umbrella_id from affiliations where member_id = ${umbrellaId}
        union select a.umbrella_id from affiliations a join up on a.member_id = up.id)
      select 1 as found from up where id = ${memberId} limit 1`);
    if (rowsOf(above).length)
      throw new Problem(
        'conflict',
        'This would make a circle of affiliations: the umbrella is already a member of this organisation.',
      );
    await tx.insert(affiliations).values({ memberId, umbrellaId, createdAt: now }).onConflictDoNothing();
    await recordAudit(tx, actor, now, {
      action: 'organisation.affiliated',
      entity: 'organisation',
      entityId: memberId,
      agencyId,
      after: { umbrellaId },
    });
    return loadOrganisation(tx, memberId, settings, now);
  });
}

export async function leaveUmbrella(
  platform: Platform,
  { actor, memberId, umbrellaId }: { actor: UserActor; memberId: string; umbrellaId: string },
) {
  authorize(actor, 'register:edit');
  const { agencyId } = scopeOf(actor);
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  return platform.db.transaction(async (tx) => {
    const removed = await tx
      .delete(affiliations)
      .where(and(eq(affiliations.memberId, memberId), eq(affiliations.umbrellaId, umbrellaId)))
      .returning();
    if (!removed.length) throw notFound('This affiliation');
    await recordAudit(tx, actor, now, {
      action: 'organisation.left-umbrella',
      entity: 'organisation',
      entityId: memberId,
      agencyId,
      before: { umbrellaId },
    });
    return loadOrganisation(tx, memberId, settings, now);
  });
}
