import { sql } from 'drizzle-orm';
import {
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
import { agencies, units, users } from '../../platform/accounts/tables.ts';
import { at, createdAt, id, updatedAt, version } from '../../platform/db/columns.ts';

// Policies, reviews and meetings belong to one agency (ARCHITECTURE.md "Tenancy"): every table
// carries agency_id and every query is scoped by it.

/** The agency's policies and plans, each with whom to contact and when it is next reviewed (000 §8). */
export const policies = pgTable(
  'policies',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    summary: text('summary'),
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    contactUserId: uuid('contact_user_id')
      .notNull()
      .references(() => users.id),
    implementationDate: date('implementation_date', { mode: 'string' }).notNull(),
    strategicObjectives: jsonb('strategic_objectives').$type<string[]>().notNull().default([]),
    focusAreas: jsonb('focus_areas').$type<string[]>().notNull().default([]),
    status: text('status').notNull(),
    documentIds: jsonb('document_ids').$type<string[]>().notNull().default([]),
    // 000 §8: first review 24 months after implementation, then every 36; editable per policy.
    firstReviewMonths: integer('first_review_months').notNull().default(24),
    reviewEveryMonths: integer('review_every_months').notNull().default(36),
    lastReviewedOn: date('last_reviewed_on', { mode: 'string' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('policies_agency_title_idx').on(t.agencyId, t.title, t.id),
    index('policies_focus_areas_idx').using('gin', sql`${t.focusAreas} jsonb_path_ops`),
  ],
);

/** Each review recorded: it moves the next review date on. */
export const policyReviews = pgTable(
  'policy_reviews',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    summary: text('summary').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('policy_reviews_policy_idx').on(t.policyId, t.reviewedOn)],
);

/** A reminder claimed before it is sent, so each offset before a due date is mailed once only. */
export const policyReviewReminders = pgTable(
  'policy_review_reminders',
  {
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    daysBefore: integer('days_before').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.policyId, t.dueOn, t.daysBefore] })],
);

/** Boards, reference groups, expert panels, working groups and forums (000 Focus area 4; 003). */
export const advisoryBodies = pgTable(
  'advisory_bodies',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    // 003: advisory committees at local and national level; a local one sits in a place of the register.
    level: text('level').notNull(),
    placeId: uuid('place_id'),
    termsOfReference: text('terms_of_reference'),
    contactUserId: uuid('contact_user_id')
      .notNull()
      .references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('advisory_bodies_agency_name_idx').on(t.agencyId, t.name, t.id)],
);

/** A seat on a body: a person, an organisation of the register, or a person for an organisation. */
export const bodyMembers = pgTable(
  'body_members',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => advisoryBodies.id),
    personName: text('person_name'),
    email: text('email'),
    organisationId: uuid('organisation_id'),
    role: text('role').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('body_members_body_idx').on(t.bodyId), index('body_members_ends_idx').on(t.endsOn)],
);

/** A term-end reminder claimed before it is sent, once per member, end date and offset. */
export const bodyTermReminders = pgTable(
  'body_term_reminders',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => bodyMembers.id),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    daysBefore: integer('days_before').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.endsOn, t.daysBefore] })],
);

/** A meeting, of an advisory body or on its own, optionally about a policy (its consultation schedule). */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    policyId: uuid('policy_id').references(() => policies.id),
    bodyId: uuid('body_id').references(() => advisoryBodies.id),
    title: text('title').notNull(),
    description: text('description'),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    // IANA zone the meeting is held in, so invitations show local time (Pacific/Rarotonga).
    timeZone: text('time_zone').notNull(),
    place: text('place'),
    onlineLink: text('online_link'),
    minutes: text('minutes'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meetings_agency_starts_idx').on(t.agencyId, t.startsAt, t.id),
    index('meetings_policy_idx').on(t.policyId),
    index('meetings_body_idx').on(t.bodyId),
  ],
);

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    paperIds: jsonb('paper_ids').$type<string[]>().notNull().default([]),
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)],
);

/** Someone invited: a staff user, a register contact or a plain address, with their reply. */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    name: text('name'),
    email: text('email').notNull(),
    userId: uuid('user_id').references(() => users.id),
    organisationId: uuid('organisation_id'),
    reply: text('reply'),
    note: text('note'),
    repliedAt: at('replied_at'),
    attended: boolean('attended'),
    invitedAt: at('invited_at').notNull(),
  },
  (t) => [index('meeting_invitations_meeting_idx').on(t.meetingId, t.email)],
);

/** Decisions and action items of a meeting; an action has an owner and a date. */
export const meetingOutcomes = pgTable(
  'meeting_outcomes',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    ownerName: text('owner_name'),
    dueOn: date('due_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_outcomes_meeting_idx').on(t.meetingId)],
);

/** One row: the key that signs reply links. Made at first start, shared by every Vaka process. */
export const dialogueSecrets = pgTable('dialogue_secrets', {
  id: integer('id').primaryKey().default(1),
  linkKey: text('link_key').notNull(),
  createdAt: createdAt(),
});

/**
 * A private calendar subscription: the agency's calendar, or one body's meetings, for one user. The
 * URL carries a random token; only its hash is kept, and a revoked or orphaned feed answers nothing.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    bodyId: uuid('body_id').references(() => advisoryBodies.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('calendar_feeds_user_idx').on(t.userId)],
);

/** A consultation on a policy: open between two moments, with its questions (000 Focus area 4). */
export const consultations = pgTable(
  'consultations',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id),
    title: text('title').notNull(),
    description: text('description'),
    questions: jsonb('questions').$type<string[]>().notNull(),
    opensAt: at('opens_at').notNull(),
    closesAt: at('closes_at').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('consultations_agency_closes_idx').on(t.agencyId, t.closesAt)],
);

/** A written submission, from a CSO user for an organisation or from anyone; staff tag it by theme. */
export const consultationSubmissions = pgTable(
  'consultation_submissions',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    organisationId: uuid('organisation_id'),
    userId: uuid('user_id').references(() => users.id),
    name: text('name'),
    email: text('email'),
    answers: jsonb('answers').$type<string[]>().notNull(),
    themes: jsonb('themes').$type<string[]>().notNull().default([]),
    submittedAt: at('submitted_at').notNull(),
  },
  (t) => [index('consultation_submissions_consultation_idx').on(t.consultationId, t.submittedAt)],
);

/** "You said, we did": the agency's published answer to one theme of a consultation (001 §16c). */
export const consultationResponses = pgTable(
  'consultation_responses',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    theme: text('theme').notNull(),
    youSaid: text('you_said').notNull(),
    weDid: text('we_did').notNull(),
    publishedAt: at('published_at').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
  },
  (t) => [uniqueIndex('consultation_responses_theme_idx').on(t.consultationId, t.theme)],
);

/**
 * "Open and right door" (000 §6 Focus area 1): whom the public should contact about a policy or a
 * focus area, as the agency chooses to publish it. Nothing of a staff member's own account is shown
 * publicly unless it is written here: a role name and a shared mailbox are as good as a person.
 */
export const publishedContacts = pgTable(
  'published_contacts',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    // Exactly one of the two: a policy, or a focus area code of the register's taxonomy.
    policyId: uuid('policy_id').references(() => policies.id),
    focusArea: text('focus_area'),
    name: text('name').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    email: text('email'),
    phone: text('phone'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('published_contacts_policy_idx').on(t.policyId),
    uniqueIndex('published_contacts_focus_area_idx').on(t.agencyId, t.focusArea),
  ],
);

/** An announcement to organisations chosen by focus area, place and kind (issue 5 item 7; 001 §16c). */
export const announcements = pgTable(
  'announcements',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    // The audience as chosen; the organisations it matched at sending are in announcement_organisations.
    audience: jsonb('audience')
      .$type<{ focusAreas: string[]; placeIds: string[]; kinds: string[]; everyone: boolean }>()
      .notNull(),
    organisationCount: integer('organisation_count').notNull(),
    emailCount: integer('email_count').notNull().default(0),
    jobId: text('job_id'),
    sentAt: at('sent_at').notNull(),
    sentBy: uuid('sent_by').references(() => users.id),
  },
  (t) => [index('announcements_agency_sent_idx').on(t.agencyId, t.sentAt)],
);

/** Who an announcement went to, so each organisation reads its own in the portal. */
export const announcementOrganisations = pgTable(
  'announcement_organisations',
  {
    announcementId: uuid('announcement_id')
      .notNull()
      .references(() => announcements.id),
    organisationId: uuid('organisation_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.organisationId] }),
    index('announcement_organisations_organisation_idx').on(t.organisationId),
  ],
);

/**
 * Each address an announcement's e-mail was queued for, written in the transaction that queues it:
 * a retried job skips the addresses already here, so each gets the announcement once (decision 0025).
 */
export const announcementDeliveries = pgTable(
  'announcement_deliveries',
  {
    announcementId: uuid('announcement_id')
      .notNull()
      .references(() => announcements.id),
    // Lower case: the same address written twice by two organisations is one delivery.
    email: text('email').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    queuedAt: at('queued_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.email] })],
);

/**
 * The disclosure log (001 §16c, proactive disclosure): what the agency told partners, when and to
 * whom. Announcements and published consultation responses add themselves; staff add the rest.
 */
export const disclosures = pgTable(
  'disclosures',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    toWhom: text('to_whom').notNull(),
    recipientCount: integer('recipient_count'),
    disclosedOn: date('disclosed_on', { mode: 'string' }).notNull(),
    // What it is about, when Vaka holds it (an announcement, a consultation, a meeting).
    entity: text('entity'),
    entityId: uuid('entity_id'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('disclosures_agency_day_idx').on(t.agencyId, t.disclosedOn, t.createdAt)],
);
