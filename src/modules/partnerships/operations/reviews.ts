import { and, eq } from 'drizzle-orm';
import { dayOf } from '../../../platform/clock.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, Problem, staleVersion, type FieldError } from '../../../platform/http/problems.ts';
import {
  authorize,
  authorizeForOrganisation,
  requireUser,
  scopeOf,
  systemScope,
  type Actor,
  type AgencyScope,
  type UserActor,
} from '../../../platform/policy/index.ts';
import type { ContinuumLevel, LifecycleState } from '../contracts.ts';
import { fieldProblems, partnershipRow } from '../partnerships.ts';
import { presentPrinciple, principlesOf } from '../principles.ts';
import type { recommendations } from '../review-contracts.ts';
import {
  agencyRater,
  endedStates,
  nextReviewOn,
  presentReviews,
  reviewRow,
  reviewRowsOf,
} from '../reviews.ts';
import { partnershipReviewResponses, partnershipReviews, partnerships, principleRatings } from '../tables.ts';
import { changeWithVersion } from './change-with-version.ts';
import { partnershipOf } from './portal.ts';

type Rating = { principleId: string; rating: number; comment?: string | null | undefined };
type ReviewRow = typeof partnershipReviews.$inferSelect;

/** 001 §16d: how often the partnership is reviewed; null stops the reminders. */
export async function setReviewCadence(
  platform: Platform,
  { actor, id, months, version }: { actor: UserActor; id: string; months: number | null; version: number },
) {
  return changeWithVersion(platform, {
    actor,
    id,
    version,
    action: 'partnership.review-cadence-set',
    apply: async ({ tx, scope }) => {
      await tx
        .update(partnerships)
        .set({ reviewEveryMonths: months })
        .where(and(eq(partnerships.id, id), eq(partnerships.agencyId, scope.agencyId)));
    },
  });
}

/** Ratings name principles of the agency that are not retired, each once (1-5 is checked by Zod). */
async function checkRatings(db: Db, agencyId: string, ratings: Rating[]) {
  const principles = new Map((await principlesOf(db, agencyId)).map((p) => [p.id, p]));
  const errors: FieldError[] = [];
  ratings.forEach((rating, index) => {
    const principle = principles.get(rating.principleId);
    const field = `ratings.${index}.principleId`;
    if (!principle) errors.push({ field, message: 'No such principle.' });
    else if (principle.retiredAt) errors.push({ field, message: 'This principle is retired.' });
    if (ratings.findIndex((r) => r.principleId === rating.principleId) !== index)
      errors.push({ field, message: 'The same principle twice.' });
  });
  if (errors.length) throw fieldProblems(errors);
}

async function writeRatings(tx: Db, reviewId: string, rater: string, ratings: Rating[]) {
  await tx
    .delete(principleRatings)
    .where(and(eq(principleRatings.reviewId, reviewId), eq(principleRatings.rater, rater)));
  if (ratings.length === 0) return;
  await tx.insert(principleRatings).values(
    ratings.map((r) => ({
      reviewId,
      principleId: r.principleId,
      rater,
      rating: r.rating,
      comment: r.comment ?? null,
    })),
  );
}

const stillOpen = (row: ReviewRow) => {
  if (row.state !== 'open') throw new Problem('conflict', 'This review is complete and cannot change.');
};

async function presentOne(db: Db, row: ReviewRow) {
  const [view] = await presentReviews(db, [row]);
  return view!;
}

/** Opens the next review of a partnership; one at a time, and none once the partnership has ended. */
export async function openReview(
  platform: Platform,
  {
    actor,
    partnershipId,
    dueOn,
  }: { actor: UserActor; partnershipId: string; dueOn?: string | null | undefined },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    // Locks the partnership row, so two coordinators opening a review at once make one.
    const [partnership] = await tx
      .select()
      .from(partnerships)
      .where(and(eq(partnerships.id, partnershipId), eq(partnerships.agencyId, scope.agencyId)))
      .for('update');
    if (!partnership) await partnershipRow(tx, scope, partnershipId);
    if (endedStates.includes(partnership!.state as LifecycleState))
      throw new Problem('conflict', `A ${partnership!.state} partnership is not reviewed any more.`);
    const existing = await reviewRowsOf(tx, partnershipId);
    if (existing.some((row) => row.state === 'open'))
      throw new Problem('conflict', 'This partnership already has an open review; complete it first.');
    const lastCompleted = existing.find((row) => row.state === 'complete')?.completedOn ?? null;
    const [row] = await tx
      .insert(partnershipReviews)
      .values({
        agencyId: scope.agencyId,
        partnershipId,
        state: 'open',
        dueOn: dueOn ?? nextReviewOn(partnership!, lastCompleted) ?? dayOf(now),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'partnership.review-opened',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      after: row,
    });
    return presentOne(tx, row!);
  });
}

type ReviewInput = {
  progress?: string | null | undefined;
  addedValue?: string | null | undefined;
  expectationsMet?: string | null | undefined;
  toImprove?: string | null | undefined;
  institutionalDevelopment?: string | null | undefined;
  strategicPositioning?: string | null | undefined;
  recommendation?: (typeof recommendations)[number] | null | undefined;
  recommendedLevel?: ContinuumLevel | null | undefined;
  ratings: Rating[];
};

/** A move along the continuum names the level, and a level the partnership is not at already. */
function checkRecommendation(input: ReviewInput, level: string) {
  if (input.recommendation === 'move-level') {
    if (!input.recommendedLevel)
      throw invalid('recommendedLevel', 'Name the level the partnership should move to.');
    if (input.recommendedLevel === level)
      throw invalid('recommendedLevel', `The partnership is already at ${level}.`);
  } else if (input.recommendedLevel)
    throw invalid('recommendedLevel', 'A level is recommended only with "move along the continuum".');
}

async function lockedReview(tx: Db, scope: AgencyScope, partnershipId: string, reviewId: string) {
  const [row] = await tx
    .select()
    .from(partnershipReviews)
    .where(
      and(
        eq(partnershipReviews.id, reviewId),
        eq(partnershipReviews.partnershipId, partnershipId),
        eq(partnershipReviews.agencyId, scope.agencyId),
      ),
    )
    .for('update');
  return row ?? reviewRow(tx, scope, partnershipId, reviewId);
}

/** The agency's side of an open review: its reflection, ratings and recommendation (001 §16d). */
export async function changeReview(
  platform: Platform,
  {
    actor,
    partnershipId,
    reviewId,
    input,
    version,
  }: { actor: UserActor; partnershipId: string; reviewId: string; input: ReviewInput; version: number },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const partnership = await partnershipRow(platform.db, scope, partnershipId);
  const current = await reviewRow(platform.db, scope, partnershipId, reviewId);
  if (current.version !== version) throw staleVersion(await presentOne(platform.db, current));
  stillOpen(current);
  checkRecommendation(input, partnership.level);
  await checkRatings(platform.db, scope.agencyId, input.ratings);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const locked = await lockedReview(tx, scope, partnershipId, reviewId);
    if (locked.version !== version) throw staleVersion(await presentOne(tx, locked));
    stillOpen(locked);
    const before = await presentOne(tx, locked);
    const { ratings, ...fields } = input;
    const [row] = await tx
      .update(partnershipReviews)
      .set({
        progress: fields.progress ?? null,
        addedValue: fields.addedValue ?? null,
        expectationsMet: fields.expectationsMet ?? null,
        toImprove: fields.toImprove ?? null,
        institutionalDevelopment: fields.institutionalDevelopment ?? null,
        strategicPositioning: fields.strategicPositioning ?? null,
        recommendation: fields.recommendation ?? null,
        recommendedLevel: fields.recommendedLevel ?? null,
        version: version + 1,
        updatedAt: now,
      })
      .where(eq(partnershipReviews.id, reviewId))
      .returning();
    await writeRatings(tx, reviewId, agencyRater, ratings);
    const after = await presentOne(tx, row!);
    await recordAudit(tx, actor, now, {
      action: 'partnership.review-changed',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}

/**
 * Completes a review: it needs a recommendation and the agency's rating of every principle in use.
 * The next review date then counts from today; a complete review does not change.
 */
export async function completeReview(
  platform: Platform,
  {
    actor,
    partnershipId,
    reviewId,
    version,
  }: { actor: UserActor; partnershipId: string; reviewId: string; version: number },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const locked = await lockedReview(tx, scope, partnershipId, reviewId);
    if (locked.version !== version) throw staleVersion(await presentOne(tx, locked));
    stillOpen(locked);
    const before = await presentOne(tx, locked);
    const errors: FieldError[] = [];
    if (!locked.recommendation)
      errors.push({ field: 'recommendation', message: 'Recommend what happens next.' });
    const rated = new Set(before.agencyRatings.map((r) => r.principleId));
    const unrated = (await principlesOf(tx, scope.agencyId)).filter((p) => !p.retiredAt && !rated.has(p.id));
    if (unrated.length)
      errors.push({
        field: 'ratings',
        message: `Rate every principle first: ${unrated.map((p) => p.name).join(', ')}.`,
      });
    if (errors.length) throw fieldProblems(errors);
    const [row] = await tx
      .update(partnershipReviews)
      .set({
        state: 'complete',
        completedOn: dayOf(now),
        completedBy: actor.userId,
        version: version + 1,
        updatedAt: now,
      })
      .where(eq(partnershipReviews.id, reviewId))
      .returning();
    const after = await presentOne(tx, row!);
    await recordAudit(tx, actor, now, {
      action: 'partnership.review-completed',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}

/** The organisation's side of an open review, from the portal; sent again, it replaces the last. */
export async function respondToReview(
  platform: Platform,
  {
    actor,
    organisationId,
    partnershipId,
    reviewId,
    input,
  }: {
    actor: Actor;
    organisationId: string;
    partnershipId: string;
    reviewId: string;
    input: {
      addedValue?: string | null | undefined;
      expectationsMet?: string | null | undefined;
      toImprove?: string | null | undefined;
      ratings: Rating[];
    };
  },
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:respond');
  const user = requireUser(actor);
  const partnership = await partnershipOf(platform.db, scope, partnershipId);
  const agency = systemScope(partnership.agencyId);
  await reviewRow(platform.db, agency, partnershipId, reviewId);
  await checkRatings(platform.db, partnership.agencyId, input.ratings);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const locked = await lockedReview(tx, agency, partnershipId, reviewId);
    stillOpen(locked);
    const [before] = await presentReviews(tx, [locked], organisationId);
    const response = {
      addedValue: input.addedValue ?? null,
      expectationsMet: input.expectationsMet ?? null,
      toImprove: input.toImprove ?? null,
      submittedAt: now,
      submittedBy: user.userId,
    };
    await tx
      .insert(partnershipReviewResponses)
      .values({ reviewId, organisationId, ...response })
      .onConflictDoUpdate({
        target: [partnershipReviewResponses.reviewId, partnershipReviewResponses.organisationId],
        set: response,
      });
    await writeRatings(tx, reviewId, organisationId, input.ratings);
    const [after] = await presentReviews(tx, [locked], organisationId);
    await recordAudit(tx, user, now, {
      action: 'partnership.review-responded',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: partnership.agencyId,
      before: before!.responses[0] ?? null,
      after: after!.responses[0],
    });
    return after!;
  });
}

/** The reviews of one partnership as a party sees them. */
export async function organisationReviews(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  partnershipId: string,
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:read');
  const partnership = await partnershipOf(platform.db, scope, partnershipId);
  const principles = (await principlesOf(platform.db, partnership.agencyId)).map(presentPrinciple);
  const rows = await reviewRowsOf(platform.db, partnershipId);
  return { principles, reviews: await presentReviews(platform.db, rows, organisationId) };
}
