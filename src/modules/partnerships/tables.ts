import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt, version } from '../../platform/db/columns.ts';
import type {
  agreementKinds,
  AgreementState,
  AssessmentQuestion,
  riskRatings,
  TemplateSection,
  Thresholds,
} from './contracts.ts';

// Partnerships belong to one agency (agency_id on every table): another agency partnering with the
// same organisation sees nothing of this one (PRODUCT.md "Register once, partner with many").

export type StrategicAnswers = {
  sharedVision: boolean | null;
  servesStrategy: boolean | null;
  beyondDeliverable: boolean | null;
  moreThanMoney: boolean | null;
};
export type StrategicOverride = { strategic: boolean; reason: string; at: string; by: string };

export const partnerships = pgTable(
  'partnerships',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    title: text('title').notNull(),
    purpose: text('purpose'),
    sharedVision: text('shared_vision'),
    // Codes of the register's focus-area taxonomy and ids of its places; arrays, since they are only
    // ever filtered by "contains" (GIN indexes below).
    focusAreas: text('focus_areas')
      .array()
      .notNull()
      .default(sql`'{}'`),
    placeIds: uuid('place_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    formality: text('formality').notNull(),
    form: text('form').notNull(),
    agencyRoles: text('agency_roles')
      .array()
      .notNull()
      .default(sql`'{}'`),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    level: text('level').notNull(),
    state: text('state').notNull(),
    strategicAnswers: jsonb('strategic_answers').$type<StrategicAnswers>().notNull(),
    strategicOverride: jsonb('strategic_override').$type<StrategicOverride>(),
    // The override if there is one, else the four answers' classification; kept for the filter.
    strategic: boolean('strategic'),
    phaseOutPlan: text('phase_out_plan'),
    // 001 §15d: whether money changes hands shapes what due diligence asks.
    involvesFunding: boolean('involves_funding').notNull().default(false),
    // Ids of the dialogue module's policy register that this partnership serves (issue 4 item 1).
    policyIds: uuid('policy_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    // 001 §16d: how often the partnership is reviewed; null until the agency sets a cadence.
    reviewEveryMonths: integer('review_every_months'),
    createdBy: uuid('created_by').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('partnerships_agency_idx').on(t.agencyId, t.updatedAt, t.id),
    index('partnerships_state_idx').on(t.agencyId, t.state),
    index('partnerships_focus_idx').using('gin', t.focusAreas),
    index('partnerships_places_idx').using('gin', t.placeIds),
  ],
);

/** The register organisations in a partnership; a consortium names exactly one lead. */
export const partnershipParties = pgTable(
  'partnership_parties',
  {
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    organisationId: uuid('organisation_id').notNull(),
    lead: boolean('lead').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.organisationId] }),
    index('partnership_parties_organisation_idx').on(t.organisationId),
  ],
);

/** Each move along the continuum (000 §1) and each lifecycle move, dated, with its reason. */
export const partnershipMoves = pgTable(
  'partnership_moves',
  {
    // A sequence, not a uuid: moves in the same instant keep the order they were made in.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    agencyId: uuid('agency_id').notNull(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    kind: text('kind').notNull(), // 'level' or 'state'
    fromValue: text('from_value'),
    toValue: text('to_value').notNull(),
    reason: text('reason'),
    movedAt: at('moved_at').notNull(),
    movedBy: uuid('moved_by').notNull(),
    movedByName: text('moved_by_name').notNull(),
  },
  (t) => [
    index('partnership_moves_partnership_idx').on(t.partnershipId, t.movedAt),
    index('partnership_moves_agency_idx').on(t.agencyId, t.kind, t.movedAt),
  ],
);

/**
 * An agency's due diligence questionnaire (001 §15d): sections of weighted questions, some required
 * only for some partnerships, the score thresholds of each risk rating and how long a result holds.
 * Sections live in one jsonb value: they are read and replaced whole, never queried inside.
 */
export const dueDiligenceTemplates = pgTable(
  'due_diligence_templates',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    name: text('name').notNull(),
    direction: text('direction').notNull(),
    sections: jsonb('sections').$type<TemplateSection[]>().notNull(),
    thresholds: jsonb('thresholds').$type<Thresholds>().notNull(),
    validityMonths: integer('validity_months').notNull(),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('due_diligence_templates_name_idx').on(t.agencyId, t.name)],
);

/**
 * One due diligence of one party (001 §15d): the template's questions as they applied to this
 * partnership when it started (so a later template change does not move the goalposts), the
 * answers, and once complete the score, risk rating and validity.
 */
export const partnershipAssessments = pgTable(
  'partnership_assessments',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    organisationId: uuid('organisation_id').notNull(),
    direction: text('direction').notNull(),
    templateId: uuid('template_id').notNull(),
    questions: jsonb('questions').$type<AssessmentQuestion[]>().notNull(),
    answers: jsonb('answers').$type<Record<string, boolean | number | string>>().notNull(),
    score: integer('score'),
    state: text('state').$type<'open' | 'complete'>().notNull(),
    riskRating: text('risk_rating').$type<(typeof riskRatings)[number]>(),
    completedAt: at('completed_at'),
    validUntil: date('valid_until', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('partnership_assessments_partnership_idx').on(t.partnershipId)],
);

/** Agreements of a partnership; this slice keeps kind, title and state (signed ones open "active"). */
export const partnershipAgreements = pgTable(
  'partnership_agreements',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    kind: text('kind').$type<(typeof agreementKinds)[number]>().notNull(),
    title: text('title').notNull(),
    state: text('state').$type<AgreementState>().notNull(),
    signedOn: date('signed_on', { mode: 'string' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('partnership_agreements_partnership_idx').on(t.partnershipId)],
);

/**
 * The agency's partnership principles (000 §5 and 003), rated by both sides at each review. A
 * principle is retired rather than deleted, so the ratings already given keep their meaning.
 */
export const partnershipPrinciples = pgTable(
  'partnership_principles',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    // Where a seeded principle comes from (e.g. "003"), null for the agency's own.
    source: text('source'),
    position: integer('position').notNull(),
    retiredAt: at('retired_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('partnership_principles_name_idx').on(t.agencyId, t.name)],
);

/**
 * A periodic review of one partnership (001 §16d): the agency's reflection and recommendation;
 * organisations add their side in the portal while it is open. Complete reviews do not change.
 */
export const partnershipReviews = pgTable(
  'partnership_reviews',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    state: text('state').$type<'open' | 'complete'>().notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    progress: text('progress'),
    addedValue: text('added_value'),
    expectationsMet: text('expectations_met'),
    toImprove: text('to_improve'),
    institutionalDevelopment: text('institutional_development'),
    strategicPositioning: text('strategic_positioning'),
    recommendation: text('recommendation'),
    recommendedLevel: text('recommended_level'),
    completedOn: date('completed_on', { mode: 'string' }),
    completedBy: uuid('completed_by'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('partnership_reviews_partnership_idx').on(t.partnershipId, t.createdAt),
    index('partnership_reviews_agency_idx').on(t.agencyId, t.completedOn),
  ],
);

/** An organisation's side of a review, written in the portal (001 §16d: reviews go both ways). */
export const partnershipReviewResponses = pgTable(
  'partnership_review_responses',
  {
    reviewId: uuid('review_id')
      .notNull()
      .references(() => partnershipReviews.id),
    organisationId: uuid('organisation_id').notNull(),
    addedValue: text('added_value'),
    expectationsMet: text('expectations_met'),
    toImprove: text('to_improve'),
    submittedAt: at('submitted_at').notNull(),
    submittedBy: uuid('submitted_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.organisationId] })],
);

/** One principle rated 1 to 5 by one side of a review: the agency, or a party organisation. */
export const principleRatings = pgTable(
  'principle_ratings',
  {
    reviewId: uuid('review_id')
      .notNull()
      .references(() => partnershipReviews.id),
    principleId: uuid('principle_id')
      .notNull()
      .references(() => partnershipPrinciples.id),
    // 'agency', or the id of the organisation that rated.
    rater: text('rater').notNull(),
    rating: integer('rating').notNull(),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.principleId, t.rater] }),
    index('principle_ratings_principle_idx').on(t.principleId),
  ],
);

/** The annual partners' meeting of the whole pool (001 §16d "collective annual partnership meetings"). */
export const partnersMeetings = pgTable(
  'partners_meetings',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    organisationIds: uuid('organisation_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    attendees: text('attendees'),
    notes: text('notes'),
    decisions: text('decisions'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('partners_meetings_agency_idx').on(t.agencyId, t.heldOn)],
);

/**
 * The agency's approval committee (001 §18c: "3-4 senior managers"), one per agency. A null quorum
 * means a majority of the members; a number is the least count of members who must vote.
 */
export const decisionCommittees = pgTable(
  'decision_committees',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    name: text('name').notNull(),
    quorum: integer('quorum'),
    chairId: uuid('chair_id'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('decision_committees_agency_idx').on(t.agencyId)],
);

/** Staff of the same agency who sit on its committee. */
export const decisionCommitteeMembers = pgTable(
  'decision_committee_members',
  {
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => decisionCommittees.id),
    agencyId: uuid('agency_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.committeeId, t.userId] }),
    index('decision_committee_members_user_idx').on(t.agencyId, t.userId),
  ],
);

/**
 * A question put to the committee about one partnership. The members and the quorum are copied
 * when it is raised, so a later change of the committee does not change who may vote on it.
 */
export const decisionRequests = pgTable(
  'decision_requests',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    question: text('question').notNull(),
    summary: text('summary'),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    memberIds: uuid('member_ids').array().notNull(),
    quorum: integer('quorum').notNull(),
    state: text('state').$type<'open' | 'closed'>().notNull(),
    outcome: text('outcome').$type<'approved' | 'declined' | 'no-quorum'>(),
    raisedBy: uuid('raised_by').notNull(),
    raisedAt: at('raised_at').notNull(),
    closedBy: uuid('closed_by'),
    closedAt: at('closed_at'),
    version: version(),
  },
  (t) => [
    index('decision_requests_partnership_idx').on(t.partnershipId, t.raisedAt),
    index('decision_requests_agency_idx').on(t.agencyId, t.state),
  ],
);

/** Papers put before the committee with a request (files of the agency). */
export const decisionPapers = pgTable(
  'decision_papers',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => decisionRequests.id),
    fileId: uuid('file_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    addedAt: at('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.fileId] })],
);

/** One vote per member and request; votes are final (docs/decisions/0015). */
export const decisionVotes = pgTable(
  'decision_votes',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => decisionRequests.id),
    agencyId: uuid('agency_id').notNull(),
    userId: uuid('user_id').notNull(),
    vote: text('vote').$type<'approve' | 'decline' | 'abstain'>().notNull(),
    comment: text('comment'),
    castAt: at('cast_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.userId] })],
);

/** A member's declared conflict of interest on a request: they may not vote nor count to quorum. */
export const decisionConflicts = pgTable(
  'decision_conflicts',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => decisionRequests.id),
    agencyId: uuid('agency_id').notNull(),
    userId: uuid('user_id').notNull(),
    note: text('note').notNull(),
    declaredAt: at('declared_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.userId] })],
);
