// Committee decisions (issue 4 item 7; 001 §18c): the committee, raising a request with papers,
// conflicts of interest, votes and the closing outcome. Each writes its audit in its transaction;
// e-mails go only after the commit.
import { and, eq, inArray } from 'drizzle-orm';
import { appUrl } from '../../../platform/accounts/links.ts';
import { memberships, users } from '../../../platform/accounts/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { together, type Db } from '../../../platform/db/client.ts';
import { storeFile } from '../../../platform/files/upload.ts';
import { forbidden, invalid, notFound, Problem, staleVersion } from '../../../platform/http/problems.ts';
import { authorize, can, scopeOf, type AgencyScope, type UserActor } from '../../../platform/policy/index.ts';
import type { z } from 'zod';
import type { CommitteeChange, NewDecisionRequest, Vote } from '../decision-contracts.ts';
import {
  committeeRow,
  loadCommittee,
  outcomeOf,
  presentRequests,
  quorumNeeded,
  requestRow,
} from '../decisions.ts';
import { partnershipRow } from '../partnerships.ts';
import {
  decisionCommitteeMembers,
  decisionCommittees,
  decisionConflicts,
  decisionPapers,
  decisionRequests,
  decisionVotes,
  partnerships,
} from '../tables.ts';
import { MAIL_JOB } from '../../../platform/mail/index.ts';

const closedAlready = () =>
  new Problem('conflict', 'This decision request is closed; its outcome can no longer change.');

/** Who sits on the committee, its name, quorum rule and chair; members are staff of the agency. */
export async function changeCommittee(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: z.infer<typeof CommitteeChange> },
) {
  authorize(actor, 'partnerships:committee');
  const scope = scopeOf(actor);
  const staff = await platform.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.agencyId, scope.agencyId), inArray(memberships.userId, input.memberIds)));
  const known = new Set(staff.map((row) => row.userId));
  const stranger = input.memberIds.findIndex((userId) => !known.has(userId));
  if (stranger >= 0) throw invalid(`memberIds.${stranger}`, 'This person is not a member of your agency.');
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const before = await loadCommittee(tx, scope);
    const row = await committeeRow(tx, scope);
    if (before.version !== input.version) throw staleVersion(before);
    const values = { name: input.name, quorum: input.quorum, chairId: input.chairId, updatedAt: now };
    let id: string;
    if (row) {
      const [moved] = await tx
        .update(decisionCommittees)
        .set({ ...values, version: input.version + 1 })
        .where(and(eq(decisionCommittees.id, row.id), eq(decisionCommittees.version, input.version)))
        .returning({ id: decisionCommittees.id });
      if (!moved) throw staleVersion(await loadCommittee(tx, scope));
      id = row.id;
      await tx.delete(decisionCommitteeMembers).where(eq(decisionCommitteeMembers.committeeId, id));
    } else {
      const [created] = await tx
        .insert(decisionCommittees)
        .values({ ...values, agencyId: scope.agencyId, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: decisionCommittees.id });
      // Another first set-up won the race: this one started from a stale (empty) committee.
      if (!created) throw staleVersion(await loadCommittee(tx, scope));
      id = created.id;
    }
    await tx
      .insert(decisionCommitteeMembers)
      .values(input.memberIds.map((userId) => ({ committeeId: id, agencyId: scope.agencyId, userId })));
    const after = await loadCommittee(tx, scope);
    await recordAudit(tx, actor, now, {
      action: 'partnership.committee-changed',
      entity: 'decision-committee',
      entityId: id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}

async function mail(platform: Platform, to: string[], subject: string, text: string[]) {
  for (const address of new Set(to))
    await platform.jobs.send(MAIL_JOB, { to: address, subject, text: text.join('\n') });
}

const link = (platform: Platform, partnershipId: string) =>
  appUrl(platform, `/partnerships/${partnershipId}?tab=decisions`);

/** A coordinator puts a partnership awaiting a decision before the committee; members are e-mailed. */
export async function raiseDecisionRequest(
  platform: Platform,
  {
    actor,
    partnershipId,
    input,
  }: { actor: UserActor; partnershipId: string; input: z.infer<typeof NewDecisionRequest> },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  if (input.deadline < now.toISOString().slice(0, 10))
    throw invalid('deadline', 'The deadline has already passed.');
  const { row, committee } = await platform.db.transaction(async (tx) => {
    await partnershipRow(tx, scope, partnershipId);
    // The partnership's row is locked: a lifecycle move (which bumps its version) or a second
    // request waits here, so the state and "no other open request" below stay true until commit.
    const [partnership] = await tx
      .select({ state: partnerships.state, title: partnerships.title })
      .from(partnerships)
      .where(eq(partnerships.id, partnershipId))
      .for('update');
    if (!partnership) throw notFound('This partnership');
    // 001 §15d comes first: a request only once the lifecycle says a decision is awaited.
    if (partnership.state !== 'awaiting-decision')
      throw new Problem(
        'conflict',
        `A decision can be requested only while the partnership awaits one; it is ${partnership.state}.`,
        { extra: { state: partnership.state } },
      );
    const committee = await loadCommittee(tx, scope);
    if (committee.members.length === 0)
      throw new Problem('conflict', 'The agency has no committee yet: name its members first.');
    // One open request per partnership.
    const [open] = await tx
      .select({ id: decisionRequests.id })
      .from(decisionRequests)
      .where(and(eq(decisionRequests.partnershipId, partnershipId), eq(decisionRequests.state, 'open')));
    if (open) throw new Problem('conflict', 'A decision request is already open for this partnership.');
    const [row] = await tx
      .insert(decisionRequests)
      .values({
        agencyId: scope.agencyId,
        partnershipId,
        question: input.question,
        summary: input.summary,
        deadline: input.deadline,
        memberIds: committee.members.map((m) => m.userId),
        quorum: quorumNeeded(committee.quorum, committee.members.length),
        state: 'open',
        raisedBy: actor.userId,
        raisedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'partnership.decision-requested',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      after: row,
    });
    return { row: row!, committee, title: partnership.title };
  });
  const [view] = await presentRequests(platform.db, scope, [row], actor);
  await mail(
    platform,
    committee.members.map((m) => m.email),
    `Decision requested: ${view!.partnershipTitle}`,
    [
      `${actor.name} asks the ${committee.name} to decide on the partnership "${view!.partnershipTitle}".`,
      '',
      input.question,
      ...(input.summary ? ['', input.summary] : []),
      '',
      `Please vote, or declare a conflict of interest, by ${input.deadline}:`,
      link(platform, partnershipId),
    ],
  );
  return view!;
}

/** Locks an open request for a change, or says why it cannot change. */
async function openRequestForUpdate(tx: Db, scope: AgencyScope, partnershipId: string, requestId: string) {
  await requestRow(tx, scope, partnershipId, requestId);
  const [row] = await tx
    .select()
    .from(decisionRequests)
    .where(eq(decisionRequests.id, requestId))
    .for('update');
  if (row!.state !== 'open') throw closedAlready();
  return row!;
}

export async function addDecisionPaper(
  platform: Platform,
  {
    actor,
    partnershipId,
    requestId,
    file,
  }: {
    actor: UserActor;
    partnershipId: string;
    requestId: string;
    file: { name: string; contentType: string; bytes: Buffer };
  },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const row = await platform.db.transaction(async (tx) => {
    const row = await openRequestForUpdate(tx, scope, partnershipId, requestId);
    const stored = await storeFile(platform, tx, {
      agencyId: scope.agencyId,
      userId: actor.userId,
      ...file,
      ownerEntity: 'decision-request',
    });
    await tx
      .insert(decisionPapers)
      .values({ requestId, fileId: stored.id, agencyId: scope.agencyId, addedAt: now });
    await recordAudit(tx, actor, now, {
      action: 'partnership.decision-paper-added',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      after: {
        requestId,
        fileId: stored.id,
        name: file.name,
        contentType: file.contentType,
        size: file.bytes.length,
      },
    });
    return row;
  });
  return (await presentRequests(platform.db, scope, [row], actor))[0]!;
}

/** Only the request's own members act on it; anyone else is refused with 403. */
function requireMember(row: { memberIds: string[] }, actor: UserActor) {
  if (!row.memberIds.includes(actor.userId))
    throw forbidden('Only members of the committee this request was put to may vote or declare a conflict.');
}

async function responded(tx: Db, requestId: string, userId: string) {
  const [vote] = await tx
    .select({ vote: decisionVotes.vote })
    .from(decisionVotes)
    .where(and(eq(decisionVotes.requestId, requestId), eq(decisionVotes.userId, userId)));
  const [conflict] = await tx
    .select({ note: decisionConflicts.note })
    .from(decisionConflicts)
    .where(and(eq(decisionConflicts.requestId, requestId), eq(decisionConflicts.userId, userId)));
  return { vote, conflict };
}

/** 001 §18c "transparent": a member who has an interest says so, and then takes no part. */
export async function declareConflict(
  platform: Platform,
  {
    actor,
    partnershipId,
    requestId,
    note,
  }: { actor: UserActor; partnershipId: string; requestId: string; note: string },
) {
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const result = await platform.db.transaction(async (tx) => {
    const row = await openRequestForUpdate(tx, scope, partnershipId, requestId);
    requireMember(row, actor);
    const { vote, conflict } = await responded(tx, requestId, actor.userId);
    if (conflict)
      throw new Problem('conflict', 'You have already declared a conflict of interest on this request.');
    if (vote)
      throw new Problem(
        'conflict',
        'You have already voted; a vote is final. Ask the chair to close the request and raise a new one.',
      );
    await tx
      .insert(decisionConflicts)
      .values({ requestId, agencyId: scope.agencyId, userId: actor.userId, note, declaredAt: now });
    await recordAudit(tx, actor, now, {
      action: 'partnership.decision-conflict-declared',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      after: { requestId, note },
    });
    return closeIfEveryoneResponded(tx, actor, scope, row, now);
  });
  return finish(platform, actor, scope, result);
}

/** One vote per member, final once cast (docs/decisions/0015-committee-decisions.md). */
export async function castVote(
  platform: Platform,
  {
    actor,
    partnershipId,
    requestId,
    vote,
    comment,
  }: { actor: UserActor; partnershipId: string; requestId: string; vote: Vote; comment: string | null },
) {
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const result = await platform.db.transaction(async (tx) => {
    const row = await openRequestForUpdate(tx, scope, partnershipId, requestId);
    requireMember(row, actor);
    const existing = await responded(tx, requestId, actor.userId);
    // 001 §18c: a conflicted member cannot vote.
    if (existing.conflict)
      throw new Problem(
        'conflict',
        'You declared a conflict of interest on this request, so you cannot vote.',
        {
          extra: { refused: 'conflicted' },
        },
      );
    if (existing.vote)
      throw new Problem('conflict', 'You have already voted on this request; a vote is final.', {
        extra: { refused: 'second-vote' },
      });
    await tx
      .insert(decisionVotes)
      .values({ requestId, agencyId: scope.agencyId, userId: actor.userId, vote, comment, castAt: now });
    await recordAudit(tx, actor, now, {
      action: 'partnership.decision-vote-cast',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      after: { requestId, vote, comment },
    });
    return closeIfEveryoneResponded(tx, actor, scope, row, now);
  });
  return finish(platform, actor, scope, result);
}

/** The chair or a coordinator closes a request; the outcome is computed then and never changes. */
export async function closeDecisionRequest(
  platform: Platform,
  { actor, partnershipId, requestId }: { actor: UserActor; partnershipId: string; requestId: string },
) {
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const result = await platform.db.transaction(async (tx) => {
    const row = await openRequestForUpdate(tx, scope, partnershipId, requestId);
    const committee = await committeeRow(tx, scope);
    // Coordinators and administrators hold the committee's permission; programme officers do not.
    if (!can(actor, 'partnerships:committee') && committee?.chairId !== actor.userId)
      throw forbidden('Only the chair of the committee or a coordinator closes a decision request.');
    return { row: await close(tx, actor, scope, row, now), closed: true };
  });
  return finish(platform, actor, scope, result);
}

type Row = typeof decisionRequests.$inferSelect;

async function close(tx: Db, actor: UserActor, scope: AgencyScope, row: Row, now: Date) {
  const votes = await tx.select().from(decisionVotes).where(eq(decisionVotes.requestId, row.id));
  const conflicts = await tx
    .select({ userId: decisionConflicts.userId })
    .from(decisionConflicts)
    .where(eq(decisionConflicts.requestId, row.id));
  const outcome = outcomeOf(
    row,
    votes,
    conflicts.map((c) => c.userId),
  );
  const [after] = await tx
    .update(decisionRequests)
    .set({ state: 'closed', outcome, closedAt: now, closedBy: actor.userId, version: row.version + 1 })
    .where(eq(decisionRequests.id, row.id))
    .returning();
  await recordAudit(tx, actor, now, {
    action: 'partnership.decision-closed',
    entity: 'partnership',
    entityId: row.partnershipId,
    agencyId: scope.agencyId,
    before: { requestId: row.id, state: row.state },
    after: { requestId: row.id, state: 'closed', outcome, votes: votes.length, conflicts: conflicts.length },
  });
  return after!;
}

/** Closes on its own once every member has voted or declared a conflict: nobody is left to wait for. */
async function closeIfEveryoneResponded(tx: Db, actor: UserActor, scope: AgencyScope, row: Row, now: Date) {
  const [votes, conflicts] = await together(tx, [
    () =>
      tx
        .select({ userId: decisionVotes.userId })
        .from(decisionVotes)
        .where(eq(decisionVotes.requestId, row.id)),
    () =>
      tx
        .select({ userId: decisionConflicts.userId })
        .from(decisionConflicts)
        .where(eq(decisionConflicts.requestId, row.id)),
  ]);
  const done = new Set([...votes, ...conflicts].map((r) => r.userId));
  if (!row.memberIds.every((id) => done.has(id))) return { row, closed: false };
  return { row: await close(tx, actor, scope, row, now), closed: true };
}

/** After the commit: the outcome goes to every member and to whoever raised the request. */
async function finish(
  platform: Platform,
  actor: UserActor,
  scope: AgencyScope,
  { row, closed }: { row: Row; closed: boolean },
) {
  const [fresh] = await platform.db.select().from(decisionRequests).where(eq(decisionRequests.id, row.id));
  const [view] = await presentRequests(platform.db, scope, [fresh!], actor);
  if (closed) {
    const [raiser] = await platform.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, row.raisedBy));
    const outcome = { approved: 'approved', declined: 'declined', 'no-quorum': 'not decided: no quorum' }[
      view!.outcome!
    ];
    await mail(
      platform,
      [...view!.members.map((m) => m.email), ...(raiser ? [raiser.email] : [])],
      `Decision: ${view!.partnershipTitle} ${outcome}`,
      [
        `The committee's decision on "${view!.partnershipTitle}" is closed: ${outcome}.`,
        '',
        view!.question,
        '',
        `Approve ${view!.tally.approve}, decline ${view!.tally.decline}, abstain ${view!.tally.abstain}; ` +
          `${view!.conflicts.length} conflict(s) declared; quorum ${view!.quorum}.`,
        '',
        link(platform, row.partnershipId),
      ],
    );
  }
  return view!;
}
