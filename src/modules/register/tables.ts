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

// The register is shared by every agency on a deployment (PRODUCT.md "Register once, partner with
// many"), so these tables carry no agency_id; who changed what is in the audit trail.

/** Lists an administrator can extend: organisation kinds, focus areas, populations, identifier schemes. */
export const taxonomyTerms = pgTable(
  'taxonomy_terms',
  {
    taxonomy: text('taxonomy').notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.taxonomy, t.code] })],
);

/** Country, island or province, district, village. `path` makes "this place and below" one LIKE. */
export const places = pgTable(
  'places',
  {
    id: id(),
    parentId: uuid('parent_id'),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    path: text('path').notNull(),
  },
  (t) => [index('places_path_idx').on(t.path), index('places_parent_idx').on(t.parentId)],
);

export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    legalName: text('legal_name').notNull(),
    acronym: text('acronym'),
    kind: text('kind').notNull(),
    legalStatus: text('legal_status'),
    yearFounded: integer('year_founded'),
    mission: text('mission'),
    staffCount: integer('staff_count'),
    volunteerCount: integer('volunteer_count'),
    budgetBand: text('budget_band'),
    website: text('website'),
    // Who may see which group of fields: public, agencies, or private (000 Focus area 2).
    visibility: jsonb('visibility').$type<Record<string, string>>().notNull().default({}),
    lastConfirmedAt: at('last_confirmed_at').notNull(),
    // Names in every language, acronym and identifiers, lower-cased and without accents: what the
    // search box matches with trigrams. Kept by the operations that change any of them.
    searchText: text('search_text').notNull().default(''),
    // The profile's names alone (legal, then other names), normalised the same way: a search ranks
    // profiles whose name holds the words first, and the duplicate probe compares names here; this
    // column's own trigram index finds them without reading every match (decision 0037).
    nameText: text('name_text').notNull().default(''),
    // The profile's focus areas and populations as 'taxonomy:code', kept beside search_text by the
    // same operations, so the search's counts read one row per profile, not a join (issue 6).
    termCodes: text('term_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // The ids of the profile's places (organisation_places), kept beside term_codes by the same
    // operations, so a change to a profile carries its places and the renewal dashboard's counts by
    // island follow it (decision 0035).
    placeIds: uuid('place_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    mergedIntoId: uuid('merged_into_id'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('organisations_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('organisations_name_trgm_idx').using('gin', sql`${t.nameText} gin_trgm_ops`),
    // The search's order (names as search_text begins with them): a common word's first page is
    // read by walking it, not by sorting every match (decision 0027).
    index('organisations_search_order_idx')
      .on(sql`left(${t.searchText}, 40)`, t.id)
      .where(sql`${t.mergedIntoId} is null`),
    index('organisations_term_codes_idx').using('gin', t.termCodes),
    // Live profiles only, like every search: the unfiltered counts group kinds from it alone.
    index('organisations_live_kind_idx')
      .on(t.kind)
      .where(sql`${t.mergedIntoId} is null`),
    // Only live profiles (not merged away): every status count and renewal query reads these. With
    // kind and id in the index the renewal dashboard counts from the index alone (decision 0024).
    index('organisations_live_confirmed_idx')
      .on(t.lastConfirmedAt, t.kind, t.id)
      .where(sql`${t.mergedIntoId} is null`),
    index('organisations_name_idx').on(t.legalName, t.id),
  ],
);

/**
 * Every word the register's search text holds, once: a mistyped word is matched against these few
 * tens of thousands of words, not against every profile (decision 0027). Words are added as profiles
 * are written and never removed; a word no profile holds any more finds nothing.
 */
export const searchWords = pgTable('search_words', { word: text('word').primaryKey() }, (t) => [
  index('search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);

export const organisationNames = pgTable(
  'organisation_names',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    language: text('language').notNull(),
  },
  (t) => [index('organisation_names_organisation_idx').on(t.organisationId)],
);

// An identifier belongs to one profile only: the same scheme and value twice is a duplicate.
export const organisationIdentifiers = pgTable(
  'organisation_identifiers',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    scheme: text('scheme').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    uniqueIndex('organisation_identifiers_scheme_value_idx').on(t.scheme, t.value),
    index('organisation_identifiers_organisation_idx').on(t.organisationId),
  ],
);

/** Focus areas and populations served, by taxonomy code. */
export const organisationTerms = pgTable(
  'organisation_terms',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    taxonomy: text('taxonomy').notNull(),
    code: text('code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.taxonomy, t.code] }),
    index('organisation_terms_code_idx').on(t.taxonomy, t.code),
  ],
);

export const organisationPlaces = pgTable(
  'organisation_places',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.placeId] }),
    index('organisation_places_place_idx').on(t.placeId),
  ],
);

/** Membership of umbrella bodies and networks: a graph kept free of cycles. */
export const affiliations = pgTable(
  'affiliations',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => organisations.id),
    umbrellaId: uuid('umbrella_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.umbrellaId] }),
    index('affiliations_umbrella_idx').on(t.umbrellaId),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    role: text('role'),
    email: text('email'),
    phone: text('phone'),
    language: text('language'),
    consentToContact: boolean('consent_to_contact').notNull().default(false),
  },
  (t) => [
    index('contacts_organisation_idx').on(t.organisationId),
    index('contacts_email_idx').on(t.email),
    // The duplicate probe compares phones by their digits alone ("+682 31 042" is "68231042").
    index('contacts_phone_digits_idx').on(sql`regexp_replace(${t.phone}, '\\D', '', 'g')`),
  ],
);

/** Each yearly confirmation of a profile, with or without edits (000 Focus area 1). */
export const renewals = pgTable(
  'renewals',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    confirmedAt: at('confirmed_at').notNull(),
    confirmedBy: uuid('confirmed_by'),
    note: text('note'),
  },
  (t) => [index('renewals_organisation_idx').on(t.organisationId, t.confirmedAt)],
);

/** One row: how long a confirmation lasts, when it falls due and how long the grace is. */
export const registerSettings = pgTable('register_settings', {
  id: integer('id').primaryKey().default(1),
  renewalMonths: integer('renewal_months').notNull().default(12),
  dueDaysBefore: integer('due_days_before').notNull().default(60),
  graceDays: integer('grace_days').notNull().default(90),
  reminderDaysBefore: jsonb('reminder_days_before').$type<number[]>().notNull().default([60, 30, 7]),
  version: version(),
});

/**
 * A number that every transaction changing what the search's counts read (profiles, their terms,
 * places and affiliations, and places) raises by one as it commits: a deferred trigger, migration
 * 0023. Counts kept in memory are valid while it stays the same (decision 0032). One row, written by
 * the trigger on first use, so a fresh database stays empty for a restore.
 */
export const registerRevision = pgTable('register_revision', {
  id: integer('id').primaryKey().default(1),
  revision: bigint('revision', { mode: 'number' }).notNull(),
  // Changes of every revision after this one are in register_changes (migration 0024): counts kept
  // at an older revision are read afresh.
  changesKeptAfter: bigint('changes_kept_after', { mode: 'number' }).notNull().default(0),
});

/**
 * What a transaction changed in the profiles that the search's counts read, for counts kept in
 * memory to follow it instead of being read afresh (decision 0033): each row is a profile as it was
 * (sign -1) or as it became (+1), in the columns and names of `organisations`, so the counts'
 * conditions read it as they read a profile. Written by statement triggers (migration 0024) under the
 * transaction's batch; `register_batches` names the revision a batch committed as.
 */
export const registerChanges = pgTable(
  'register_changes',
  {
    batch: uuid('batch').notNull(),
    sign: integer('sign').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    termCodes: text('term_codes').array().notNull(),
    placeIds: uuid('place_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    searchText: text('search_text').notNull(),
    mergedIntoId: uuid('merged_into_id'),
    visibility: jsonb('visibility').$type<Record<string, string>>().notNull(),
    lastConfirmedAt: at('last_confirmed_at').notNull(),
  },
  (t) => [index('register_changes_batch_idx').on(t.batch)],
);

export const registerBatches = pgTable(
  'register_batches',
  {
    batch: uuid('batch').primaryKey(),
    revision: bigint('revision', { mode: 'number' }).notNull(),
  },
  (t) => [index('register_batches_revision_idx').on(t.revision)],
);

/** A reminder sent for one renewal cycle at one offset, so none is sent twice. */
export const renewalReminders = pgTable(
  'renewal_reminders',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    cycleConfirmedAt: at('cycle_confirmed_at').notNull(),
    daysBefore: integer('days_before').notNull(),
    sentAt: at('sent_at').notNull(),
    recipients: integer('recipients').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.cycleConfirmedAt, t.daysBefore] })],
);

/** A spreadsheet on its way into the register: uploaded, mapped, checked, then run as one job. */
/** An import check's findings: rows with errors or likely duplicates, up to a limit each, and their counts. */
export type ImportReport = {
  errorRows: number;
  duplicateRows: number;
  rows: {
    row: number;
    action: 'create' | 'skip' | 'error';
    legalName: string;
    errors: { column: string; message: string }[];
    duplicates: { id: string; legalName: string; reasons: string[] }[];
  }[];
};

export const registerImports = pgTable(
  'register_imports',
  {
    id: id(),
    agencyId: uuid('agency_id').notNull(),
    fileId: uuid('file_id').notNull(),
    fileName: text('file_name').notNull(),
    columns: jsonb('columns').$type<string[]>().notNull(),
    rowCount: integer('row_count').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull(),
    state: text('state').notNull(),
    summary: jsonb('summary').$type<{ create: number; skip: number; error: number }>(),
    jobId: uuid('job_id'),
    /** The check job now or last run (decision 0019), and its report: only rows to look at. */
    checkJobId: uuid('check_job_id'),
    report: jsonb('report').$type<ImportReport>(),
    createdBy: uuid('created_by').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('register_imports_agency_idx').on(t.agencyId, t.createdAt)],
);

/** Each imported row's fingerprint, so the same file imported twice creates nothing new. */
export const importedRows = pgTable('imported_rows', {
  fingerprint: text('fingerprint').primaryKey(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  importId: uuid('import_id').notNull(),
});

/**
 * A field of a profile that an agency checked against evidence (issue 3 item 3). The CSO's own
 * changes to it wait in the review queue; the rest of its profile it edits freely.
 */
export const organisationVerifications = pgTable(
  'organisation_verifications',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    field: text('field').notNull(),
    agencyId: uuid('agency_id').notNull(),
    verifiedBy: uuid('verified_by').notNull(),
    verifiedAt: at('verified_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.field] })],
);

/** A CSO's change to a verified field, waiting for a coordinator to accept or reject it with a reason. */
export const profileChanges = pgTable(
  'profile_changes',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    field: text('field').notNull(),
    currentValue: jsonb('current_value'),
    proposedValue: jsonb('proposed_value'),
    proposedBy: uuid('proposed_by').notNull(),
    proposedAt: at('proposed_at').notNull(),
    // pending, accepted, rejected, or superseded by a later proposal for the same field
    status: text('status').notNull().default('pending'),
    reason: text('reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    agencyId: uuid('agency_id'),
  },
  (t) => [
    index('profile_changes_status_idx').on(t.status, t.proposedAt),
    index('profile_changes_organisation_idx').on(t.organisationId),
  ],
);

/** The agencies a CSO lets see the parts of its profile it marked private (issue 3 item 1). */
export const privateAccess = pgTable(
  'private_access',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agencyId: uuid('agency_id').notNull(),
    grantedBy: uuid('granted_by').notNull(),
    grantedAt: at('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.agencyId] })],
);

/** Governance documents (constitution, certificate, reports) with the date each runs out (issue 3 item 1). */
export const organisationDocuments = pgTable(
  'organisation_documents',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    fileId: uuid('file_id').notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    expiresOn: date('expires_on'),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: at('uploaded_at').notNull(),
    removedAt: at('removed_at'),
  },
  (t) => [index('organisation_documents_organisation_idx').on(t.organisationId)],
);
