import { dayOf } from '../../../platform/clock.ts';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound, Problem, staleVersion } from '../../../platform/http/problems.ts';
import {
  authorize,
  authorizeForOrganisation,
  requireUser,
  scopeOf,
  type Actor,
  type UserActor,
} from '../../../platform/policy/index.ts';
import { checkOwner, planOf, presentActions } from '../action-plans.ts';
import { partnershipRow } from '../partnerships.ts';
import type { ActionChange, NewAction, PlanInput, ProgressNote } from '../plan-contracts.ts';
import { actionPlans, partnershipParties, partnerships, planActionNotes, planActions } from '../tables.ts';

// Writing the joint action plan (issue 4 item 9): staff write the plan and its actions; either
// side's owner reports progress, a CSO only on the actions its organisation owns.

type PlanBody = z.infer<typeof PlanInput>;

/** Writes the plan's steps 1, 2 and 4; the first write creates it (one plan per partnership). */
export async function writePlan(
  platform: Platform,
  { actor, partnershipId, input }: { actor: UserActor; partnershipId: string; input: PlanBody },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  await partnershipRow(platform.db, scope, partnershipId);
  const now = platform.clock.now();
  const values = {
    issue: Object.fromEntries(Object.entries(input.issue).filter(([, answer]) => answer)),
    vision: input.vision || null,
    signsOfSuccess: input.signsOfSuccess || null,
  };
  await platform.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(actionPlans)
      .where(and(eq(actionPlans.agencyId, scope.agencyId), eq(actionPlans.partnershipId, partnershipId)))
      .for('update');
    if (before && before.version !== input.version)
      throw staleVersion(await planOf(tx, scope.agencyId, partnershipId, dayOf(now)));
    if (!before && input.version !== undefined) throw notFound('This plan');
    const [after] = before
      ? await tx
          .update(actionPlans)
          .set({ ...values, version: before.version + 1, updatedAt: now })
          .where(eq(actionPlans.id, before.id))
          .returning()
      : await tx
          .insert(actionPlans)
          .values({ agencyId: scope.agencyId, partnershipId, ...values, createdAt: now, updatedAt: now })
          .returning();
    await recordAudit(tx, actor, now, {
      action: before ? 'partnership.plan-changed' : 'partnership.plan-written',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      before: before ?? null,
      after,
    });
  });
  return planOf(platform.db, scope.agencyId, partnershipId, dayOf(now));
}

async function planIdOf(tx: Db, agencyId: string, partnershipId: string) {
  const [plan] = await tx
    .select({ id: actionPlans.id })
    .from(actionPlans)
    .where(and(eq(actionPlans.agencyId, agencyId), eq(actionPlans.partnershipId, partnershipId)));
  if (!plan) throw new Problem('conflict', 'Write the plan (the issue and the vision) before its actions.');
  return plan.id;
}

export async function addAction(
  platform: Platform,
  {
    actor,
    partnershipId,
    input,
  }: { actor: UserActor; partnershipId: string; input: z.infer<typeof NewAction> },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  await partnershipRow(platform.db, scope, partnershipId);
  const owner = await checkOwner(platform.db, scope.agencyId, partnershipId, input.owner);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const planId = await planIdOf(tx, scope.agencyId, partnershipId);
    const [row] = await tx
      .insert(planActions)
      .values({
        agencyId: scope.agencyId,
        planId,
        partnershipId,
        title: input.title,
        ...owner,
        dueOn: input.dueOn,
        status: input.status,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'partnership.action-added',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      after: row,
    });
    const [view] = await presentActions(tx, [row!], dayOf(now));
    return view!;
  });
}

async function lockAction(tx: Db, agencyId: string, partnershipId: string, actionId: string) {
  const [row] = await tx
    .select()
    .from(planActions)
    .where(
      and(
        eq(planActions.id, actionId),
        eq(planActions.partnershipId, partnershipId),
        eq(planActions.agencyId, agencyId),
      ),
    )
    .for('update');
  if (!row) throw notFound('This action');
  return row;
}

export async function changeAction(
  platform: Platform,
  {
    actor,
    partnershipId,
    actionId,
    input,
  }: { actor: UserActor; partnershipId: string; actionId: string; input: z.infer<typeof ActionChange> },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const owner = await checkOwner(platform.db, scope.agencyId, partnershipId, input.owner);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const before = await lockAction(tx, scope.agencyId, partnershipId, actionId);
    if (before.version !== input.version)
      throw staleVersion((await presentActions(tx, [before], dayOf(now)))[0]);
    const [after] = await tx
      .update(planActions)
      .set({
        title: input.title,
        ...owner,
        dueOn: input.dueOn,
        status: input.status,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(eq(planActions.id, actionId))
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'partnership.action-changed',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      before,
      after,
    });
    const [view] = await presentActions(tx, [after!], dayOf(now));
    return view!;
  });
}

/** A dated progress note, by whom, optionally moving the action's status (002 step 4, monitor). */
async function writeNote(
  platform: Platform,
  tx: Db,
  user: UserActor,
  before: typeof planActions.$inferSelect,
  input: z.infer<typeof ProgressNote>,
  organisationId: string | null,
) {
  const now = platform.clock.now();
  await tx.insert(planActionNotes).values({
    actionId: before.id,
    note: input.note,
    status: input.status ?? null,
    writtenAt: now,
    writtenBy: user.userId,
    writtenByName: user.name,
    organisationId,
  });
  const after =
    input.status && input.status !== before.status
      ? (
          await tx
            .update(planActions)
            .set({ status: input.status, version: before.version + 1, updatedAt: now })
            .where(eq(planActions.id, before.id))
            .returning()
        )[0]!
      : before;
  await recordAudit(tx, user, now, {
    action: 'partnership.action-progress',
    entity: 'partnership',
    entityId: before.partnershipId,
    agencyId: before.agencyId,
    before: { actionId: before.id, status: before.status },
    after: { actionId: before.id, status: after.status, note: input.note, organisationId },
  });
  const [view] = await presentActions(tx, [after], dayOf(now));
  return view!;
}

export async function addProgressNote(
  platform: Platform,
  {
    actor,
    partnershipId,
    actionId,
    input,
  }: { actor: UserActor; partnershipId: string; actionId: string; input: z.infer<typeof ProgressNote> },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  return platform.db.transaction(async (tx) =>
    writeNote(
      platform,
      tx,
      actor,
      await lockAction(tx, scope.agencyId, partnershipId, actionId),
      input,
      null,
    ),
  );
}

/** The agency id of a partnership the organisation is a party to; 404 otherwise. */
async function partyAgency(db: Db, organisationId: string, partnershipId: string) {
  const [row] = await db
    .select({ agencyId: partnerships.agencyId })
    .from(partnershipParties)
    .innerJoin(partnerships, eq(partnerships.id, partnershipParties.partnershipId))
    .where(
      and(
        eq(partnershipParties.partnershipId, partnershipId),
        eq(partnershipParties.organisationId, organisationId),
      ),
    );
  if (!row) throw notFound('This partnership');
  return row.agencyId;
}

/** The plan as a party organisation sees it: all of it, both sides' actions. */
export async function organisationPlan(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  partnershipId: string,
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:read');
  const agencyId = await partyAgency(platform.db, scope.organisationId, partnershipId);
  return planOf(platform.db, agencyId, partnershipId, dayOf(platform.clock.now()));
}

/** A CSO reports progress on an action its organisation owns; others' actions are refused (403). */
export async function organisationProgressNote(
  platform: Platform,
  {
    actor,
    organisationId,
    partnershipId,
    actionId,
    input,
  }: {
    actor: Actor;
    organisationId: string;
    partnershipId: string;
    actionId: string;
    input: z.infer<typeof ProgressNote>;
  },
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:respond');
  const user = requireUser(actor);
  const agencyId = await partyAgency(platform.db, scope.organisationId, partnershipId);
  return platform.db.transaction(async (tx) => {
    const before = await lockAction(tx, agencyId, partnershipId, actionId);
    if (before.ownerOrganisationId !== scope.organisationId)
      throw forbidden('Your organisation does not own this action.');
    return writeNote(platform, tx, user, before, input, scope.organisationId);
  });
}
