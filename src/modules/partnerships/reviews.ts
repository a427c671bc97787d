import { and, asc, desc, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import { dayOf } from '../../platform/clock.ts';
import { together, type Db } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/problems.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import { organisationSummaries } from '../register/index.ts';
import type { ContinuumLevel, LifecycleState } from './contracts.ts';
import { partnershipRow } from './partnerships.ts';
import { presentPrinciple, principlesOf } from './principles.ts';
import type { recommendations, ReviewView } from './review-contracts.ts';
import { partnershipReviewResponses, partnershipReviews, partnerships, principleRatings } from './tables.ts';

type ReviewRow = typeof partnershipReviews.$inferSelect;
type RatingRow = typeof principleRatings.$inferSelect;

// A partnership that has ended is not reviewed any more (its last review stays readable).
export const endedStates: LifecycleState[] = ['closed', 'declined', 'withdrawn'];
export const agencyRater = 'agency';

/** A calendar date some months on; the 31st of a shorter month becomes its last day. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * 001 §16d "periodic reviews": the next one falls a cadence after the last complete review, or
 * after the start (or the record's creation) when there has been none.
 */
export function nextReviewOn(
  partnership: { reviewEveryMonths: number | null; startsOn: string | null; createdAt: Date },
  lastCompletedOn: string | null,
): string | null {
  if (!partnership.reviewEveryMonths) return null;
  const from = lastCompletedOn ?? partnership.startsOn ?? dayOf(partnership.createdAt);
  return addMonths(from, partnership.reviewEveryMonths);
}

const ratingView = (row: RatingRow) => ({
  principleId: row.principleId,
  rating: row.rating,
  comment: row.comment,
});

/** Reviews with both sides' ratings; `organisationId` narrows them to what one party may see. */
export async function presentReviews(
  db: Db,
  rows: ReviewRow[],
  organisationId?: string,
): Promise<ReviewView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [ratings, responses] = await together(db, [
    () => db.select().from(principleRatings).where(inArray(principleRatings.reviewId, ids)),
    () =>
      db.select().from(partnershipReviewResponses).where(inArray(partnershipReviewResponses.reviewId, ids)),
  ]);
  const names = await organisationSummaries(
    db,
    responses.map((r) => r.organisationId),
  );
  return rows.map((row) => {
    // An organisation sees the agency's side only once the review is complete, and only its own
    // response: the parties of a consortium answer each for itself.
    const hidden = organisationId !== undefined && row.state === 'open';
    const agency = (value: string | null) => (hidden ? null : value);
    return {
      id: row.id,
      partnershipId: row.partnershipId,
      state: row.state,
      dueOn: row.dueOn,
      progress: agency(row.progress),
      addedValue: agency(row.addedValue),
      expectationsMet: agency(row.expectationsMet),
      toImprove: agency(row.toImprove),
      institutionalDevelopment: agency(row.institutionalDevelopment),
      strategicPositioning: agency(row.strategicPositioning),
      recommendation: hidden ? null : (row.recommendation as (typeof recommendations)[number] | null),
      recommendedLevel: hidden ? null : (row.recommendedLevel as ContinuumLevel | null),
      completedOn: row.completedOn,
      agencyRatings: hidden
        ? []
        : ratings.filter((r) => r.reviewId === row.id && r.rater === agencyRater).map(ratingView),
      responses: responses
        .filter((r) => r.reviewId === row.id)
        .filter((r) => organisationId === undefined || r.organisationId === organisationId)
        .map((r) => ({
          organisationId: r.organisationId,
          legalName: names.get(r.organisationId)?.legalName ?? '—',
          addedValue: r.addedValue,
          expectationsMet: r.expectationsMet,
          toImprove: r.toImprove,
          submittedAt: r.submittedAt,
          ratings: ratings
            .filter((rating) => rating.reviewId === row.id && rating.rater === r.organisationId)
            .map(ratingView),
        })),
      version: row.version,
      createdAt: row.createdAt,
    };
  });
}

export async function reviewRowsOf(db: Db, partnershipId: string) {
  return db
    .select()
    .from(partnershipReviews)
    .where(eq(partnershipReviews.partnershipId, partnershipId))
    .orderBy(desc(partnershipReviews.createdAt));
}

export async function reviewRow(db: Db, scope: AgencyScope, partnershipId: string, reviewId: string) {
  const [row] = await db
    .select()
    .from(partnershipReviews)
    .where(
      and(
        eq(partnershipReviews.id, reviewId),
        eq(partnershipReviews.partnershipId, partnershipId),
        eq(partnershipReviews.agencyId, scope.agencyId),
      ),
    );
  if (!row) throw notFound('This review');
  return row;
}

const mean = (values: number[]) =>
  values.length === 0 ? null : Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 10) / 10;

/** Per principle, one point per complete review, oldest first: the agency's rating and the parties' mean. */
function trendsOf(
  principles: ReturnType<typeof presentPrinciple>[],
  reviews: ReviewView[],
): {
  principleId: string;
  name: string;
  points: { at: string; agency: number | null; organisations: number | null }[];
}[] {
  const done = reviews.filter((r) => r.state === 'complete').reverse();
  return principles
    .map((principle) => ({
      principleId: principle.id,
      name: principle.name,
      points: done.map((review) => ({
        at: review.completedOn!,
        agency: review.agencyRatings.find((r) => r.principleId === principle.id)?.rating ?? null,
        organisations: mean(
          review.responses.flatMap((response) =>
            response.ratings.filter((r) => r.principleId === principle.id).map((r) => r.rating),
          ),
        ),
      })),
    }))
    .filter((trend) => trend.points.some((p) => p.agency !== null || p.organisations !== null));
}

/** The reviews tab: cadence, next date, principles to rate, the reviews and each principle's trend. */
export async function partnershipReviewsOf(db: Db, scope: AgencyScope, partnershipId: string) {
  const partnership = await partnershipRow(db, scope, partnershipId);
  const [principles, rows] = await together(db, [
    () => principlesOf(db, scope.agencyId),
    () => reviewRowsOf(db, partnershipId),
  ]);
  const reviews = await presentReviews(db, rows);
  const lastCompleted = rows.find((row) => row.state === 'complete')?.completedOn ?? null;
  const views = principles.map(presentPrinciple);
  return {
    cadenceMonths: partnership.reviewEveryMonths,
    nextReviewOn: endedStates.includes(partnership.state as LifecycleState)
      ? null
      : nextReviewOn(partnership, lastCompleted),
    version: partnership.version,
    principles: views,
    reviews,
    trends: trendsOf(views, reviews),
  };
}

/**
 * The partnerships whose next review falls within the coming days or has passed (001 §16d), soonest
 * first, with the review already opened for it if there is one.
 */
export async function dueReviews(db: Db, scope: AgencyScope, now: Date, withinDays: number) {
  const rows = await db
    .select()
    .from(partnerships)
    .where(
      and(
        eq(partnerships.agencyId, scope.agencyId),
        isNotNull(partnerships.reviewEveryMonths),
        notInArray(partnerships.state, endedStates),
      ),
    );
  if (rows.length === 0) return { items: [] };
  const reviews = await db
    .select()
    .from(partnershipReviews)
    .where(
      and(
        eq(partnershipReviews.agencyId, scope.agencyId),
        inArray(
          partnershipReviews.partnershipId,
          rows.map((row) => row.id),
        ),
      ),
    )
    .orderBy(desc(partnershipReviews.completedOn));
  const today = dayOf(now);
  const horizon = dayOf(new Date(now.getTime() + withinDays * 86_400_000));
  const items = rows
    .map((row) => {
      const mine = reviews.filter((review) => review.partnershipId === row.id);
      const lastCompleted = mine.find((review) => review.state === 'complete')?.completedOn ?? null;
      return {
        partnershipId: row.id,
        title: row.title,
        state: row.state as LifecycleState,
        nextReviewOn: nextReviewOn(row, lastCompleted)!,
        overdue: false,
        openReviewId: mine.find((review) => review.state === 'open')?.id ?? null,
      };
    })
    .filter((item) => item.nextReviewOn <= horizon)
    .map((item) => ({ ...item, overdue: item.nextReviewOn < today }))
    .sort((a, b) => a.nextReviewOn.localeCompare(b.nextReviewOn) || a.title.localeCompare(b.title));
  return { items };
}

const halfOf = (day: string) => `${day.slice(0, 4)}-H${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;

/**
 * Across the pool (000 §5, 003): each principle's mean rating per half-year, from the agency and
 * from the organisations, over the reviews completed in that half-year.
 */
export async function poolTrends(db: Db, scope: AgencyScope, now: Date, years: number) {
  const principles = (await principlesOf(db, scope.agencyId)).map(presentPrinciple);
  const from = `${now.getUTCFullYear() - years + 1}-01-01`;
  const rows = await db
    .select({
      principleId: principleRatings.principleId,
      rater: principleRatings.rater,
      rating: principleRatings.rating,
      completedOn: partnershipReviews.completedOn,
    })
    .from(principleRatings)
    .innerJoin(partnershipReviews, eq(partnershipReviews.id, principleRatings.reviewId))
    .where(and(eq(partnershipReviews.agencyId, scope.agencyId), eq(partnershipReviews.state, 'complete')))
    .orderBy(asc(partnershipReviews.completedOn));
  const periods: string[] = [];
  for (let year = now.getUTCFullYear() - years + 1; year <= now.getUTCFullYear(); year++) {
    periods.push(`${year}-H1`);
    if (`${year}-07-01` <= dayOf(now)) periods.push(`${year}-H2`);
  }
  const inRange = rows.filter((row) => row.completedOn && row.completedOn >= from);
  const trends = principles
    .map((principle) => ({
      principleId: principle.id,
      name: principle.name,
      points: periods.map((period) => {
        const here = inRange.filter(
          (row) => row.principleId === principle.id && halfOf(row.completedOn!) === period,
        );
        return {
          at: period,
          agency: mean(here.filter((row) => row.rater === agencyRater).map((row) => row.rating)),
          organisations: mean(here.filter((row) => row.rater !== agencyRater).map((row) => row.rating)),
        };
      }),
    }))
    // A retired principle stays while it has ratings in the periods shown.
    .filter(
      (trend) =>
        !principles.find((p) => p.id === trend.principleId)?.retired ||
        trend.points.some((p) => p.agency !== null || p.organisations !== null),
    );
  return { periods, trends };
}
