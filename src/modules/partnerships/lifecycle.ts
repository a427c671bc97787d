import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { Problem } from '../../platform/http/problems.ts';
import type { AgreementState, LifecycleState } from './contracts.ts';
import { decisionRefusal } from './decisions.ts';
import { partnershipAgreements, partnershipAssessments, partnershipParties } from './tables.ts';

// The whole lifecycle in one table (issue 4 item 5, after 001 §15-§16): from each state, the states
// a partnership may move to. Closed, declined and withdrawn are ends.
export const lifecycle: Record<LifecycleState, LifecycleState[]> = {
  identified: ['scoping', 'declined', 'withdrawn'],
  scoping: ['due-diligence', 'identified', 'declined', 'withdrawn'],
  'due-diligence': ['awaiting-decision', 'scoping', 'declined', 'withdrawn'],
  'awaiting-decision': ['agreed', 'declined', 'due-diligence', 'withdrawn'],
  agreed: ['active', 'withdrawn'],
  active: ['under-review', 'phasing-out'],
  'under-review': ['active', 'phasing-out'],
  'phasing-out': ['closed'],
  closed: [],
  declined: [],
  withdrawn: [],
};

// The agreement's own moves; terminated and expired are ends.
export const agreementLifecycle: Record<AgreementState, AgreementState[]> = {
  draft: ['negotiating', 'terminated'],
  negotiating: ['draft', 'signed', 'terminated'],
  // A signed agreement whose end date passes before it ever became active expires too.
  signed: ['active', 'expired', 'terminated'],
  active: ['expired', 'terminated'],
  expired: [],
  terminated: [],
};

export const refusedMove = (what: string, from: string, to: string, detail: string) =>
  new Problem('conflict', detail, { extra: { from, to, refused: what } });

type Subject = {
  id: string;
  agencyId: string;
  state: LifecycleState;
  formality: string;
  phaseOutPlan: string | null;
  startsOn: string | null;
  endsOn: string | null;
};

/** Months a partnership may last and still count as short (001 §15e: a short-lived partnership has its phase-out plan early on). */
export const SHORT_PARTNERSHIP_MONTHS = 12;

/** Ends within twelve months of its start: the phase-out plan is due before it is agreed. */
export function isShort(partnership: { startsOn: string | null; endsOn: string | null }): boolean {
  if (!partnership.startsOn || !partnership.endsOn) return false;
  const [year, month, day] = partnership.startsOn.split('-').map(Number) as [number, number, number];
  const limit = new Date(Date.UTC(year, month - 1 + SHORT_PARTNERSHIP_MONTHS, day))
    .toISOString()
    .slice(0, 10);
  return partnership.endsOn <= limit;
}

/**
 * The guards of issue 4 item 5, checked before the transaction and again inside it. Each returns
 * the reason a move is refused, or null.
 */
export async function guardOf(db: Db, partnership: Subject, to: LifecycleState, today: string) {
  if (!lifecycle[partnership.state].includes(to))
    return `A partnership cannot move from ${partnership.state} to ${to}.`;
  if (to === 'awaiting-decision') {
    // 001 §15d: no decision without due diligence; every party needs a complete, still valid one.
    const parties = await db
      .select({ organisationId: partnershipParties.organisationId })
      .from(partnershipParties)
      .where(eq(partnershipParties.partnershipId, partnership.id));
    const done = await db
      .select({ organisationId: partnershipAssessments.organisationId })
      .from(partnershipAssessments)
      .where(
        and(
          eq(partnershipAssessments.partnershipId, partnership.id),
          eq(partnershipAssessments.agencyId, partnership.agencyId),
          eq(partnershipAssessments.direction, 'agency-assesses-organisation'),
          eq(partnershipAssessments.state, 'complete'),
          gte(partnershipAssessments.validUntil, today),
        ),
      );
    const assessed = new Set(done.map((row) => row.organisationId));
    const missing = parties.filter((party) => !assessed.has(party.organisationId)).length;
    if (missing > 0)
      return `Due diligence is not complete: ${missing} of ${parties.length} part${parties.length === 1 ? 'y has' : 'ies have'} no complete, valid assessment.`;
  }
  if (to === 'active' && partnership.formality === 'formal') {
    const signed = await db
      .select({ id: partnershipAgreements.id })
      .from(partnershipAgreements)
      .where(
        and(
          eq(partnershipAgreements.partnershipId, partnership.id),
          eq(partnershipAgreements.agencyId, partnership.agencyId),
          inArray(partnershipAgreements.state, ['signed', 'active']),
        ),
      );
    if (signed.length === 0) return 'A formal partnership becomes active only with a signed agreement.';
  }
  if (to === 'agreed' && isShort(partnership) && !partnership.phaseOutPlan?.trim())
    return 'A partnership of twelve months or less needs its phase-out plan before it is agreed.';
  if (to === 'phasing-out' && !partnership.phaseOutPlan?.trim())
    return 'Write the phase-out plan before phasing out.';
  return decisionRefusal(db, partnership, to);
}
