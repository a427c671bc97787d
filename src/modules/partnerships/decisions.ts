// Reading committees and decision requests, and the rules that need no transaction of their own:
// the quorum, the outcome, and what the lifecycle asks of a decision (issue 4 item 7; 001 §18c).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../../platform/accounts/tables.ts';
import { together, type Db } from '../../platform/db/client.ts';
import { storedFiles } from '../../platform/files/tables.ts';
import { notFound } from '../../platform/http/problems.ts';
import { can, type AgencyScope, type UserActor } from '../../platform/policy/index.ts';
import type { CommitteeView, DecisionRequestView, Outcome, Vote } from './decision-contracts.ts';
import {
  decisionCommitteeMembers,
  decisionCommittees,
  decisionConflicts,
  decisionPapers,
  decisionRequests,
  decisionVotes,
  partnershipMoves,
  partnerships,
} from './tables.ts';

export const DEFAULT_COMMITTEE_NAME = 'Partnership committee';

/** A null quorum means a majority of the members: more than half of them must vote. */
export const quorumNeeded = (quorum: number | null, members: number) => quorum ?? Math.floor(members / 2) + 1;

/**
 * The outcome under the quorum rule. 001 §18c: conflicted members neither vote nor count to quorum,
 * so only the votes of unconflicted members count. Abstentions count to quorum but for neither side;
 * approval needs more approvals than declines (a tie is not an approval).
 */
export function outcomeOf(
  request: { memberIds: string[]; quorum: number },
  votes: { userId: string; vote: Vote }[],
  conflicted: string[],
): Outcome {
  const counted = votes.filter((v) => request.memberIds.includes(v.userId) && !conflicted.includes(v.userId));
  if (counted.length < request.quorum) return 'no-quorum';
  const approve = counted.filter((v) => v.vote === 'approve').length;
  const decline = counted.filter((v) => v.vote === 'decline').length;
  return approve > decline ? 'approved' : 'declined';
}

async function namesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; email: string }>();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.name, email: row.email }]));
}

export async function committeeRow(db: Db, scope: AgencyScope) {
  const [row] = await db
    .select()
    .from(decisionCommittees)
    .where(eq(decisionCommittees.agencyId, scope.agencyId));
  return row ?? null;
}

export async function loadCommittee(db: Db, scope: AgencyScope): Promise<CommitteeView> {
  const row = await committeeRow(db, scope);
  if (!row)
    return {
      id: null,
      name: DEFAULT_COMMITTEE_NAME,
      members: [],
      quorum: null,
      quorumNeeded: 0,
      chairId: null,
      version: 0,
    };
  const memberRows = await db
    .select({ userId: decisionCommitteeMembers.userId, name: users.name, email: users.email })
    .from(decisionCommitteeMembers)
    .innerJoin(users, eq(users.id, decisionCommitteeMembers.userId))
    .where(
      and(
        eq(decisionCommitteeMembers.committeeId, row.id),
        eq(decisionCommitteeMembers.agencyId, scope.agencyId),
      ),
    )
    .orderBy(asc(users.name));
  return {
    id: row.id,
    name: row.name,
    members: memberRows,
    quorum: row.quorum,
    quorumNeeded: quorumNeeded(row.quorum, memberRows.length),
    chairId: row.chairId,
    version: row.version,
  };
}

type RequestRow = typeof decisionRequests.$inferSelect;

/** Requests as the API shows them, with papers, votes, conflicts and what the viewer may do. */
export async function presentRequests(
  db: Db,
  scope: AgencyScope,
  rows: RequestRow[],
  viewer: UserActor,
): Promise<DecisionRequestView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [papers, votes, conflicts, titles, committee] = await together(db, [
    () =>
      db
        .select({
          requestId: decisionPapers.requestId,
          id: storedFiles.id,
          name: storedFiles.name,
          contentType: storedFiles.contentType,
          size: storedFiles.size,
        })
        .from(decisionPapers)
        .innerJoin(storedFiles, eq(storedFiles.id, decisionPapers.fileId))
        .where(and(inArray(decisionPapers.requestId, ids), eq(decisionPapers.agencyId, scope.agencyId)))
        .orderBy(asc(decisionPapers.addedAt)),
    () =>
      db
        .select()
        .from(decisionVotes)
        .where(and(inArray(decisionVotes.requestId, ids), eq(decisionVotes.agencyId, scope.agencyId)))
        .orderBy(asc(decisionVotes.castAt)),
    () =>
      db
        .select()
        .from(decisionConflicts)
        .where(and(inArray(decisionConflicts.requestId, ids), eq(decisionConflicts.agencyId, scope.agencyId)))
        .orderBy(asc(decisionConflicts.declaredAt)),
    () =>
      db
        .select({ id: partnerships.id, title: partnerships.title })
        .from(partnerships)
        .where(
          and(
            inArray(partnerships.id, [...new Set(rows.map((row) => row.partnershipId))]),
            eq(partnerships.agencyId, scope.agencyId),
          ),
        ),
    () => committeeRow(db, scope),
  ]);
  const people = await namesOf(db, [...new Set(rows.flatMap((row) => [...row.memberIds, row.raisedBy]))]);
  const nameOf = (id: string) => people.get(id)?.name ?? '';
  // Who closes a request: the chair, or whoever runs the committee (closeDecisionRequest asks the same).
  const runsCommittee = can(viewer, 'partnerships:committee');
  return rows.map((row) => {
    const own = <T extends { requestId: string }>(list: T[]) => list.filter((x) => x.requestId === row.id);
    const cast = own(votes);
    const declared = own(conflicts);
    const member = row.memberIds.includes(viewer.userId);
    return {
      id: row.id,
      partnershipId: row.partnershipId,
      partnershipTitle: titles.find((t) => t.id === row.partnershipId)?.title ?? '',
      question: row.question,
      summary: row.summary,
      deadline: row.deadline,
      state: row.state,
      outcome: row.outcome,
      quorum: row.quorum,
      members: row.memberIds.map((userId) => ({
        userId,
        name: nameOf(userId),
        email: people.get(userId)?.email ?? '',
      })),
      papers: own(papers).map(({ requestId: _, ...paper }) => paper),
      votes: cast.map((v) => ({
        userId: v.userId,
        name: nameOf(v.userId),
        vote: v.vote,
        comment: v.comment,
        castAt: v.castAt,
      })),
      conflicts: declared.map((c) => ({
        userId: c.userId,
        name: nameOf(c.userId),
        note: c.note,
        declaredAt: c.declaredAt,
      })),
      tally: {
        approve: cast.filter((v) => v.vote === 'approve').length,
        decline: cast.filter((v) => v.vote === 'decline').length,
        abstain: cast.filter((v) => v.vote === 'abstain').length,
      },
      raisedBy: nameOf(row.raisedBy),
      raisedAt: row.raisedAt,
      closedAt: row.closedAt,
      mine: {
        member,
        voted: cast.some((v) => v.userId === viewer.userId),
        conflicted: declared.some((c) => c.userId === viewer.userId),
        mayClose: row.state === 'open' && (runsCommittee || committee?.chairId === viewer.userId),
      },
      version: row.version,
    };
  });
}

export async function requestRow(db: Db, scope: AgencyScope, partnershipId: string, requestId: string) {
  const [row] = await db
    .select()
    .from(decisionRequests)
    .where(
      and(
        eq(decisionRequests.id, requestId),
        eq(decisionRequests.partnershipId, partnershipId),
        eq(decisionRequests.agencyId, scope.agencyId),
      ),
    );
  if (!row) throw notFound('This decision request');
  return row;
}

export async function requestsOf(db: Db, scope: AgencyScope, partnershipId: string, viewer: UserActor) {
  const rows = await db
    .select()
    .from(decisionRequests)
    .where(
      and(eq(decisionRequests.partnershipId, partnershipId), eq(decisionRequests.agencyId, scope.agencyId)),
    )
    .orderBy(desc(decisionRequests.raisedAt));
  return presentRequests(db, scope, rows, viewer);
}

/** Open requests on which the viewer sits and has neither voted nor declared a conflict. */
export async function pendingFor(db: Db, scope: AgencyScope, viewer: UserActor) {
  const rows = await db
    .select()
    .from(decisionRequests)
    .where(
      and(
        eq(decisionRequests.agencyId, scope.agencyId),
        eq(decisionRequests.state, 'open'),
        sql`${viewer.userId}::uuid = any(${decisionRequests.memberIds})`,
        sql`not exists (select 1 from ${decisionVotes} where ${decisionVotes.requestId} = ${decisionRequests.id} and ${decisionVotes.userId} = ${viewer.userId})`,
        sql`not exists (select 1 from ${decisionConflicts} where ${decisionConflicts.requestId} = ${decisionRequests.id} and ${decisionConflicts.userId} = ${viewer.userId})`,
      ),
    )
    .orderBy(asc(decisionRequests.deadline))
    .limit(200);
  return presentRequests(db, scope, rows, viewer);
}

/**
 * What the lifecycle asks of the committee (issue 4 item 7): nothing leaves "awaiting decision"
 * while a request is open, and "agreed" needs the latest request closed since the partnership last
 * came to await a decision to be approved. "Declined" stays open to a reason, as before: a
 * partnership can fail for reasons no committee weighed (the organisation withdraws its interest).
 */
export async function decisionRefusal(
  db: Db,
  partnership: { id: string; agencyId: string; state: string },
  to: string,
): Promise<string | null> {
  if (partnership.state !== 'awaiting-decision') return null;
  const requests = await db
    .select({
      state: decisionRequests.state,
      outcome: decisionRequests.outcome,
      raisedAt: decisionRequests.raisedAt,
    })
    .from(decisionRequests)
    .where(
      and(
        eq(decisionRequests.partnershipId, partnership.id),
        eq(decisionRequests.agencyId, partnership.agencyId),
      ),
    )
    .orderBy(desc(decisionRequests.raisedAt));
  if (requests.some((r) => r.state === 'open'))
    return 'A decision request is open: the committee decides, or it is closed, before the partnership moves on.';
  if (to !== 'agreed') return null;
  const [arrived] = await db
    .select({ at: partnershipMoves.movedAt })
    .from(partnershipMoves)
    .where(
      and(
        eq(partnershipMoves.partnershipId, partnership.id),
        eq(partnershipMoves.kind, 'state'),
        eq(partnershipMoves.toValue, 'awaiting-decision'),
      ),
    )
    .orderBy(desc(partnershipMoves.id))
    .limit(1);
  const latest = requests.find((r) => !arrived || r.raisedAt >= arrived.at);
  if (!latest) return 'The committee has not decided: raise a decision request first.';
  if (latest.outcome !== 'approved')
    return `The committee's latest decision is "${latest.outcome}", not an approval.`;
  return null;
}
