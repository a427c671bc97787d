// The shapes of the reviews API (review-contracts.ts) as the pages see them, written out by hand:
// the layout rules let pages import only a module's contracts.ts, and this keeps that file small.
import type { ContinuumLevel, LifecycleState } from './types.ts';

export const recommendations = ['continue', 'move-level', 'phase-out'] as const;
export type Recommendation = (typeof recommendations)[number];
export const reviewCadences = [3, 6, 12, 24] as const;

export type Principle = {
  id: string;
  name: string;
  description: string | null;
  source: string | null;
  retired: boolean;
  version: number;
};
export type Rating = { principleId: string; rating: number; comment: string | null };
export type OrganisationResponse = {
  organisationId: string;
  legalName: string;
  addedValue: string | null;
  expectationsMet: string | null;
  toImprove: string | null;
  submittedAt: string;
  ratings: Rating[];
};
export type Review = {
  id: string;
  partnershipId: string;
  state: 'open' | 'complete';
  dueOn: string | null;
  progress: string | null;
  addedValue: string | null;
  expectationsMet: string | null;
  toImprove: string | null;
  institutionalDevelopment: string | null;
  strategicPositioning: string | null;
  recommendation: Recommendation | null;
  recommendedLevel: ContinuumLevel | null;
  completedOn: string | null;
  agencyRatings: Rating[];
  responses: OrganisationResponse[];
  version: number;
  createdAt: string;
};
export type TrendPoint = { at: string; agency: number | null; organisations: number | null };
export type PrincipleTrend = { principleId: string; name: string; points: TrendPoint[] };
export type PartnershipReviews = {
  cadenceMonths: number | null;
  nextReviewOn: string | null;
  version: number;
  principles: Principle[];
  reviews: Review[];
  trends: PrincipleTrend[];
};
export type DueReview = {
  partnershipId: string;
  title: string;
  state: LifecycleState;
  nextReviewOn: string;
  overdue: boolean;
  openReviewId: string | null;
};
export type PoolTrends = { periods: string[]; trends: PrincipleTrend[] };
export type PartnersMeeting = {
  id: string;
  heldOn: string;
  title: string;
  organisations: { organisationId: string; legalName: string }[];
  attendees: string | null;
  notes: string | null;
  decisions: string | null;
  version: number;
};
export type PortalReviews = { principles: Principle[]; reviews: Review[] };

/** The text fields of a review, in the order of 001 §16d. */
export const reflectionFields = [
  'progress',
  'addedValue',
  'expectationsMet',
  'toImprove',
  'institutionalDevelopment',
  'strategicPositioning',
] as const;
/** What an organisation writes on its side. */
export const responseFields = ['addedValue', 'expectationsMet', 'toImprove'] as const;
