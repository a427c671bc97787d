// The demonstration's committee and its decisions (issue 4 item 7), so every partnership that was
// agreed carries the approval the lifecycle now asks for, and a member has a vote waiting.
import { and, eq, inArray } from 'drizzle-orm';
import { memberships } from '../../platform/accounts/tables.ts';
import { days } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Vote } from './decision-contracts.ts';
import { quorumNeeded } from './decisions.ts';
import { decisionCommitteeMembers, decisionCommittees, decisionRequests, decisionVotes } from './tables.ts';

/** 001 §18c: three senior managers; the demonstration's committee member chairs. */
export async function demonstrationCommittee(tx: Db, agencyId: string, fallback: string, now: Date) {
  const staff = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.agencyId, agencyId),
        inArray(memberships.role, ['committee-member', 'finance-officer', 'programme-officer']),
      ),
    );
  const memberIds = staff.length > 0 ? staff.map((s) => s.userId) : [fallback];
  const chairId = staff.find((s) => s.role === 'committee-member')?.userId ?? memberIds[0]!;
  const [existing] = await tx
    .select({ id: decisionCommittees.id })
    .from(decisionCommittees)
    .where(eq(decisionCommittees.agencyId, agencyId));
  if (existing) return { memberIds, chairId };
  const [committee] = await tx
    .insert(decisionCommittees)
    .values({
      agencyId,
      name: 'Partnership approval committee',
      quorum: null,
      chairId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: decisionCommittees.id });
  await tx
    .insert(decisionCommitteeMembers)
    .values(memberIds.map((userId) => ({ committeeId: committee!.id, agencyId, userId })));
  return { memberIds, chairId };
}

/**
 * A request raised a few days after the partnership came to await a decision. With an outcome,
 * every member votes that way and it is closed; without one it stays open, with the chair's vote
 * still to come.
 */
export async function demonstrationDecision(
  tx: Db,
  request: {
    agencyId: string;
    partnershipId: string;
    title: string;
    committee: { memberIds: string[]; chairId: string };
    raisedBy: string;
    raisedAt: Date;
    outcome: 'approved' | 'declined' | null;
  },
) {
  const { memberIds, chairId } = request.committee;
  const closedAt = request.outcome ? new Date(request.raisedAt.getTime() + days(10)) : null;
  const [row] = await tx
    .insert(decisionRequests)
    .values({
      agencyId: request.agencyId,
      partnershipId: request.partnershipId,
      question: `Shall we enter the partnership "${request.title}"?`,
      summary: 'Due diligence is complete for every party; the coordinator recommends it.',
      deadline: new Date(request.raisedAt.getTime() + days(request.outcome ? 21 : 45))
        .toISOString()
        .slice(0, 10),
      memberIds,
      quorum: quorumNeeded(null, memberIds.length),
      state: request.outcome ? 'closed' : 'open',
      outcome: request.outcome,
      raisedBy: request.raisedBy,
      raisedAt: request.raisedAt,
      closedBy: request.outcome ? chairId : null,
      closedAt,
    })
    .returning({ id: decisionRequests.id });
  const vote: Vote = request.outcome === 'declined' ? 'decline' : 'approve';
  const voters = request.outcome ? memberIds : memberIds.filter((id) => id !== chairId).slice(0, 1);
  if (voters.length > 0)
    await tx.insert(decisionVotes).values(
      voters.map((userId, index) => ({
        requestId: row!.id,
        agencyId: request.agencyId,
        userId,
        vote,
        comment:
          index === 0 ? (vote === 'approve' ? 'A good fit with our strategy.' : 'Not the right time.') : null,
        castAt: new Date(request.raisedAt.getTime() + days(2 + index)),
      })),
    );
}
