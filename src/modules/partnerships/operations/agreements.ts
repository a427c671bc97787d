import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { notFound, staleVersion } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { agreementKinds, AgreementState } from '../contracts.ts';
import { agreementLifecycle, refusedMove } from '../lifecycle.ts';
import { partnershipRow } from '../partnerships.ts';
import { partnershipAgreements } from '../tables.ts';
import { conductStopsSigning } from './agreement-details.ts';

// Issue 4 item 8, basic: an agreement's kind, title and state. A signed one lets a formal
// partnership become active; parties, milestones, budgets and files are a later step.

export async function addAgreement(
  platform: Platform,
  {
    actor,
    partnershipId,
    kind,
    title,
  }: { actor: UserActor; partnershipId: string; kind: (typeof agreementKinds)[number]; title: string },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  await partnershipRow(platform.db, scope, partnershipId);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnershipAgreements)
      .values({
        agencyId: scope.agencyId,
        partnershipId,
        kind,
        title,
        state: 'draft',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'partnership.agreement-added',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      after: row,
    });
    return row!;
  });
}

export async function moveAgreement(
  platform: Platform,
  {
    actor,
    partnershipId,
    agreementId,
    state,
    reason,
    version,
  }: {
    actor: UserActor;
    partnershipId: string;
    agreementId: string;
    state: AgreementState;
    reason: string;
    version: number;
  },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(partnershipAgreements)
      .where(
        and(
          eq(partnershipAgreements.id, agreementId),
          eq(partnershipAgreements.partnershipId, partnershipId),
          eq(partnershipAgreements.agencyId, scope.agencyId),
        ),
      )
      .for('update');
    if (!before) throw notFound('This agreement');
    if (before.version !== version) throw staleVersion(before);
    const from = before.state as AgreementState;
    if (!agreementLifecycle[from].includes(state))
      throw refusedMove('agreement', from, state, `An agreement cannot move from ${from} to ${state}.`);
    // 002: all partners agree to the code of conduct before the agreement is signed.
    const waiting = state === 'signed' ? await conductStopsSigning(tx, before) : null;
    if (waiting) throw refusedMove('agreement', from, state, waiting);
    const [after] = await tx
      .update(partnershipAgreements)
      .set({
        state,
        version: version + 1,
        updatedAt: now,
        ...(state === 'signed' ? { signedOn: now.toISOString().slice(0, 10) } : {}),
      })
      .where(eq(partnershipAgreements.id, agreementId))
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'partnership.agreement-state-changed',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      before,
      after: { ...after, reason },
    });
    return after!;
  });
}
