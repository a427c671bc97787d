import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { invalid, notFound, Problem } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { riskRatings } from '../contracts.ts';
import { partnershipRow } from '../partnerships.ts';
import { partnershipAssessments, partnershipParties } from '../tables.ts';

// 001 §15d: the agency's due diligence of each party. This slice records the outcome the lifecycle
// guard needs (complete, risk rating, valid until); templates and questions are a later step.

export async function startAssessment(
  platform: Platform,
  {
    actor,
    partnershipId,
    organisationId,
  }: { actor: UserActor; partnershipId: string; organisationId: string },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  await partnershipRow(platform.db, scope, partnershipId);
  const [party] = await platform.db
    .select()
    .from(partnershipParties)
    .where(
      and(
        eq(partnershipParties.partnershipId, partnershipId),
        eq(partnershipParties.organisationId, organisationId),
      ),
    );
  if (!party) throw invalid('organisationId', 'This organisation is not a party to the partnership.');
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnershipAssessments)
      .values({
        agencyId: scope.agencyId,
        partnershipId,
        organisationId,
        direction: 'agency-assesses-organisation',
        state: 'open',
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'partnership.assessment-started',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      after: row,
    });
    return row!;
  });
}

export async function completeAssessment(
  platform: Platform,
  {
    actor,
    partnershipId,
    assessmentId,
    riskRating,
    validUntil,
  }: {
    actor: UserActor;
    partnershipId: string;
    assessmentId: string;
    riskRating: (typeof riskRatings)[number];
    validUntil: string;
  },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  if (validUntil <= now.toISOString().slice(0, 10))
    throw invalid('validUntil', 'An assessment must be valid after today.');
  return platform.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(partnershipAssessments)
      .where(
        and(
          eq(partnershipAssessments.id, assessmentId),
          eq(partnershipAssessments.partnershipId, partnershipId),
          eq(partnershipAssessments.agencyId, scope.agencyId),
        ),
      )
      .for('update');
    if (!before) throw notFound('This assessment');
    if (before.state !== 'open') throw new Problem('conflict', 'This assessment is already complete.');
    const [after] = await tx
      .update(partnershipAssessments)
      .set({ state: 'complete', riskRating, validUntil, completedAt: now })
      .where(eq(partnershipAssessments.id, assessmentId))
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'partnership.assessment-completed',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after!;
  });
}
