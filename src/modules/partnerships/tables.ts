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
import type { IssueAnswers } from './plan-contracts.ts';

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
    // Issue 4 item 8 (002 "Create a memorandum of understanding"): dates, conditions and the code
    // of conduct every party acknowledges. Named "conduct terms" because the audit trail hides keys
    // that contain "code".
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    conditions: text('conditions'),
    conductTerms: text('conduct_terms'),
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

/** The organisations an agreement binds (parties of its partnership) and what each is responsible for. */
export const agreementParties = pgTable(
  'agreement_parties',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => partnershipAgreements.id),
    organisationId: uuid('organisation_id').notNull(),
    responsibilities: text('responsibilities'),
    // 002: "all partners agree to a code of conduct"; who acknowledged it for the party, and when.
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedByName: text('acknowledged_by_name'),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.organisationId] }),
    index('agreement_parties_organisation_idx').on(t.organisationId),
  ],
);

/** Dated milestones of an agreement (002 "timelines"), in the order given. */
export const agreementMilestones = pgTable(
  'agreement_milestones',
  {
    id: id(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => partnershipAgreements.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    done: boolean('done').notNull().default(false),
  },
  (t) => [index('agreement_milestones_agreement_idx').on(t.agreementId, t.position)],
);

/**
 * The budget breakdown (002): money in minor units of its ISO 4217 currency (cents, or whole yen),
 * a bigint so sums are exact; see docs/decisions/0016.
 */
export const agreementBudgetLines = pgTable(
  'agreement_budget_lines',
  {
    id: id(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => partnershipAgreements.id),
    position: integer('position').notNull(),
    category: text('category').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    funder: text('funder'),
  },
  (t) => [index('agreement_budget_lines_agreement_idx').on(t.agreementId, t.position)],
);

/** Each signed copy uploaded is a new version; older ones stay downloadable. */
export const agreementFiles = pgTable(
  'agreement_files',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => partnershipAgreements.id),
    version: integer('version').notNull(),
    fileId: uuid('file_id').notNull(),
    uploadedAt: at('uploaded_at').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedByName: text('uploaded_by_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.version] })],
);

/** A change to a signed or active agreement: what changed (before and after) and why. */
export const agreementAmendments = pgTable(
  'agreement_amendments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => partnershipAgreements.id),
    // The agreement's version the amendment produced.
    version: integer('version').notNull(),
    reason: text('reason').notNull(),
    changes: jsonb('changes').$type<{ field: string; before: unknown; after: unknown }[]>().notNull(),
    amendedAt: at('amended_at').notNull(),
    amendedBy: uuid('amended_by').notNull(),
    amendedByName: text('amended_by_name').notNull(),
  },
  (t) => [index('agreement_amendments_agreement_idx').on(t.agreementId, t.amendedAt)],
);

/** An expiry reminder claimed before it is sent: once per agreement, end date and offset. */
export const agreementExpiryReminders = pgTable(
  'agreement_expiry_reminders',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => partnershipAgreements.id),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    daysBefore: integer('days_before').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.endsOn, t.daysBefore] })],
);

/**
 * A reminder before a decision request's deadline to the members who have not answered, claimed
 * in the transaction that queues it: once per request, deadline and offset (decision 0025).
 */
export const decisionDeadlineReminders = pgTable(
  'decision_deadline_reminders',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => decisionRequests.id),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    daysBefore: integer('days_before').notNull(),
    sentAt: at('sent_at').notNull(),
    recipients: integer('recipients').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.deadline, t.daysBefore] })],
);

/** A reminder to a partnership's coordinator before its review falls due: once per due date and offset. */
export const reviewDueReminders = pgTable(
  'review_due_reminders',
  {
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    daysBefore: integer('days_before').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.dueOn, t.daysBefore] })],
);

/** The joint action plan of a partnership (002 "Steps to guide the development of an Action Plan"). */
export const actionPlans = pgTable(
  'action_plans',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    // Step 1, the answers to its six questions; read and written whole.
    issue: jsonb('issue').$type<IssueAnswers>().notNull(),
    vision: text('vision'),
    signsOfSuccess: text('signs_of_success'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('action_plans_partnership_idx').on(t.partnershipId)],
);

/** Step 3: who will act, by when. The owner is a staff user of the agency or a party organisation. */
export const planActions = pgTable(
  'plan_actions',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    title: text('title').notNull(),
    ownerUserId: uuid('owner_user_id'),
    ownerOrganisationId: uuid('owner_organisation_id'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('plan_actions_plan_idx').on(t.planId, t.dueOn),
    index('plan_actions_due_idx').on(t.agencyId, t.status, t.dueOn),
  ],
);

/** Step 4, monitoring: dated progress notes, by whom (staff or the owning organisation's people). */
export const planActionNotes = pgTable(
  'plan_action_notes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => planActions.id),
    note: text('note').notNull(),
    status: text('status'),
    writtenAt: at('written_at').notNull(),
    writtenBy: uuid('written_by').notNull(),
    writtenByName: text('written_by_name').notNull(),
    organisationId: uuid('organisation_id'),
  },
  (t) => [index('plan_action_notes_action_idx').on(t.actionId, t.writtenAt)],
);

/** An overdue notice claimed before it is sent: once per action and due date. */
export const planActionOverdueNotices = pgTable(
  'plan_action_overdue_notices',
  {
    actionId: uuid('action_id')
      .notNull()
      .references(() => planActions.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.dueOn] })],
);
