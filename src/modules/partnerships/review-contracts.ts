import { z } from 'zod';
import { CalendarDate } from '../../platform/http/dates.ts';
import { continuumLevels, lifecycleStates } from './contracts.ts';

// Request and response shapes of principles, reviews and the annual partners' meeting (001 §16d,
// 000 §5, 003). Pages keep their own copies of these types in pages/review-types.ts.

// What a review recommends (001 §16d "strategic positioning"): carry on, move along the continuum
// (000 §1), or start to let go.
export const recommendations = ['continue', 'move-level', 'phase-out'] as const;
export const reviewCadences = [3, 6, 12, 24] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Version = z.number().int().min(1);

export const PrincipleInput = z.strictObject({ name: Text(200), description: OptionalText(2000) });
export const PrincipleChange = PrincipleInput.extend({
  // true retires the principle (it is no longer rated), false brings it back.
  retired: z.boolean().default(false),
  version: Version,
});
export const PrincipleView = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  source: z.string().nullable(),
  retired: z.boolean(),
  version: z.number(),
});
export type PrincipleView = z.infer<typeof PrincipleView>;

/** 1 (not at all) to 5 (fully): how well the partnership lives up to a principle. */
export const Rating = z.strictObject({
  principleId: z.uuid(),
  rating: z.number().int().min(1).max(5),
  comment: OptionalText(1000),
});
const Ratings = z.array(Rating).max(50);

export const NewReview = z.strictObject({ dueOn: CalendarDate.nullable().optional() });
export const ReviewChange = z.strictObject({
  progress: OptionalText(8000),
  addedValue: OptionalText(8000),
  expectationsMet: OptionalText(8000),
  toImprove: OptionalText(8000),
  institutionalDevelopment: OptionalText(8000),
  strategicPositioning: OptionalText(8000),
  recommendation: z.enum(recommendations).nullable().optional(),
  recommendedLevel: z.enum(continuumLevels).nullable().optional(),
  ratings: Ratings.default([]),
  version: Version,
});
export const ReviewCompletion = z.strictObject({ version: Version });
export const OrganisationResponseInput = z.strictObject({
  addedValue: OptionalText(8000),
  expectationsMet: OptionalText(8000),
  toImprove: OptionalText(8000),
  ratings: Ratings.min(1),
});

const RatingView = z.object({ principleId: z.uuid(), rating: z.number(), comment: z.string().nullable() });
export const OrganisationResponseView = z.object({
  organisationId: z.uuid(),
  legalName: z.string(),
  addedValue: z.string().nullable(),
  expectationsMet: z.string().nullable(),
  toImprove: z.string().nullable(),
  submittedAt: z.date(),
  ratings: z.array(RatingView),
});
export const ReviewView = z.object({
  id: z.uuid(),
  partnershipId: z.uuid(),
  state: z.enum(['open', 'complete']),
  dueOn: z.string().nullable(),
  progress: z.string().nullable(),
  addedValue: z.string().nullable(),
  expectationsMet: z.string().nullable(),
  toImprove: z.string().nullable(),
  institutionalDevelopment: z.string().nullable(),
  strategicPositioning: z.string().nullable(),
  recommendation: z.enum(recommendations).nullable(),
  recommendedLevel: z.enum(continuumLevels).nullable(),
  completedOn: z.string().nullable(),
  agencyRatings: z.array(RatingView),
  responses: z.array(OrganisationResponseView),
  version: z.number(),
  createdAt: z.date(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const ReviewCadence = z.strictObject({
  months: z
    .number()
    .int()
    .refine((m) => (reviewCadences as readonly number[]).includes(m), 'Every 3, 6, 12 or 24 months.')
    .nullable(),
  version: Version,
});

/** One point of a principle's trend: the ratings of one review (per partnership) or period (pool). */
const TrendPoint = z.object({
  at: z.string(),
  agency: z.number().nullable(),
  organisations: z.number().nullable(),
});
export const PrincipleTrend = z.object({
  principleId: z.uuid(),
  name: z.string(),
  points: z.array(TrendPoint),
});
export const PartnershipReviews = z.object({
  cadenceMonths: z.number().nullable(),
  nextReviewOn: z.string().nullable(),
  version: z.number(),
  principles: z.array(PrincipleView),
  reviews: z.array(ReviewView),
  trends: z.array(PrincipleTrend),
});

export const DueQuery = z.strictObject({ withinDays: z.coerce.number().int().min(0).max(366).default(30) });
export const DueReview = z.object({
  partnershipId: z.uuid(),
  title: z.string(),
  state: z.enum(lifecycleStates),
  nextReviewOn: z.string(),
  overdue: z.boolean(),
  openReviewId: z.uuid().nullable(),
});
export const PoolTrendQuery = z.strictObject({ years: z.coerce.number().int().min(1).max(10).default(3) });
export const PoolTrends = z.object({ periods: z.array(z.string()), trends: z.array(PrincipleTrend) });

export const PartnersMeetingInput = z.strictObject({
  heldOn: CalendarDate,
  title: Text(300),
  organisationIds: z.array(z.uuid()).max(500).default([]),
  attendees: OptionalText(8000),
  notes: OptionalText(20000),
  decisions: OptionalText(20000),
});
export const PartnersMeetingChange = PartnersMeetingInput.extend({ version: Version });
export const PartnersMeetingView = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  title: z.string(),
  organisations: z.array(z.object({ organisationId: z.uuid(), legalName: z.string() })),
  attendees: z.string().nullable(),
  notes: z.string().nullable(),
  decisions: z.string().nullable(),
  version: z.number(),
});

export const PortalReviews = z.object({
  principles: z.array(PrincipleView),
  reviews: z.array(ReviewView),
});
