import { z } from 'zod';
import { CalendarDate } from '../../platform/http/dates.ts';

// Request and response shapes of the register API, shared with the register's pages.
export const registerStatuses = ['current', 'due', 'lapsed'] as const;
export const RegisterStatus = z.enum(registerStatuses);
export const visibilityLevels = ['public', 'agencies', 'private'] as const;
export const fieldGroups = ['overview', 'contacts', 'places', 'finances', 'documents'] as const;

const Code = z.string().trim().min(1).max(60);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const OrganisationInput = z.strictObject({
  legalName: Text(300),
  otherNames: z
    .array(z.strictObject({ name: Text(300), language: z.string().trim().min(2).max(10) }))
    .max(20)
    .default([]),
  acronym: z.string().trim().max(30).nullable().optional(),
  kind: Code,
  legalStatus: z.string().trim().max(200).nullable().optional(),
  yearFounded: z.number().int().min(1800).max(2100).nullable().optional(),
  mission: z.string().trim().max(4000).nullable().optional(),
  focusAreas: z.array(Code).max(30).default([]),
  populations: z.array(Code).max(30).default([]),
  placeIds: z.array(z.uuid()).max(200).default([]),
  identifiers: z
    .array(z.strictObject({ scheme: Code, value: Text(100) }))
    .max(10)
    .default([]),
  contacts: z
    .array(
      z.strictObject({
        name: Text(200),
        role: z.string().trim().max(200).nullable().optional(),
        email: z.email().max(254).nullable().optional(),
        phone: z
          .string()
          .trim()
          .regex(/^[+0-9 ()-]{5,30}$/, 'A phone number has digits, spaces and + ( ) - only')
          .nullable()
          .optional(),
        language: z.string().trim().max(10).nullable().optional(),
        consentToContact: z.boolean().default(false),
      }),
    )
    .max(30)
    .default([]),
  staffCount: z.number().int().min(0).max(1_000_000).nullable().optional(),
  volunteerCount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  budgetBand: z.string().trim().max(60).nullable().optional(),
  // Only web addresses: a javascript: link in a public profile would run in visitors' browsers.
  website: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullable()
    .optional(),
  visibility: z.partialRecord(z.enum(fieldGroups), z.enum(visibilityLevels)).default({}),
});
export type OrganisationInput = z.infer<typeof OrganisationInput>;

export const NewOrganisation = OrganisationInput.extend({
  /** The person saw the likely duplicates and creates a new profile anyway. */
  acknowledgeDuplicates: z.boolean().default(false),
});
export const OrganisationChange = OrganisationInput.extend({ version: z.number().int().min(1) });

export const DuplicateQuery = z.strictObject({
  names: z.array(Text(300)).max(20).default([]),
  identifiers: z
    .array(z.strictObject({ scheme: Code, value: Text(100) }))
    .max(10)
    .default([]),
  emails: z.array(z.string().trim().max(254)).max(30).default([]),
  phones: z.array(z.string().trim().max(30)).max(30).default([]),
  excludeId: z.uuid().optional(),
});
export const DuplicateCandidate = z.object({
  id: z.uuid(),
  legalName: z.string(),
  reasons: z.array(z.string()),
  similarity: z.number(),
});

export const PlaceView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
  parentId: z.uuid().nullable(),
});
export const TermView = z.object({ code: z.string(), label: z.string() });
export const Taxonomies = z.object({
  kinds: z.array(TermView),
  focusAreas: z.array(TermView),
  populations: z.array(TermView),
  identifierSchemes: z.array(TermView),
  places: z.array(PlaceView),
});

export const OrganisationSummary = z.object({
  id: z.uuid(),
  legalName: z.string(),
  acronym: z.string().nullable(),
  kind: z.string(),
  registerStatus: RegisterStatus,
  lastConfirmedAt: z.date(),
  places: z.array(z.string()),
  focusAreas: z.array(z.string()),
});

// Governance documents (issue 3 item 1).
export const documentKinds = [
  'constitution',
  'certificate-of-incorporation',
  'annual-report',
  'financial-statement',
  'audit-report',
  'policy',
  'other',
] as const;
export const NewDocument = z.strictObject({
  title: Text(200),
  kind: z.enum(documentKinds),
  /** The day it runs out (YYYY-MM-DD), if it does: a certificate, an audited statement. */
  expiresOn: CalendarDate.optional(),
});
export const DocumentView = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.string(),
  expiresOn: z.string().nullable(),
  expired: z.boolean(),
  fileName: z.string(),
  size: z.number(),
  uploadedAt: z.date(),
});
export type DocumentView = z.infer<typeof DocumentView>;

export const OrganisationView = z.object({
  id: z.uuid(),
  legalName: z.string(),
  otherNames: z.array(z.object({ name: z.string(), language: z.string() })),
  acronym: z.string().nullable(),
  kind: z.string(),
  legalStatus: z.string().nullable(),
  yearFounded: z.number().nullable(),
  mission: z.string().nullable(),
  focusAreas: z.array(z.string()),
  populations: z.array(z.string()),
  places: z.array(PlaceView),
  identifiers: z.array(z.object({ scheme: z.string(), value: z.string() })),
  contacts: z.array(
    z.object({
      name: z.string(),
      role: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      language: z.string().nullable(),
      consentToContact: z.boolean(),
    }),
  ),
  staffCount: z.number().nullable(),
  volunteerCount: z.number().nullable(),
  budgetBand: z.string().nullable(),
  website: z.string().nullable(),
  visibility: z.record(z.string(), z.string()),
  affiliations: z.object({
    umbrellas: z.array(z.object({ id: z.uuid(), legalName: z.string() })),
    members: z.array(z.object({ id: z.uuid(), legalName: z.string() })),
  }),
  registerStatus: RegisterStatus,
  lastConfirmedAt: z.date(),
  renewalDueAt: z.date(),
  renewals: z.array(z.object({ confirmedAt: z.date(), note: z.string().nullable() })),
  documents: z.array(DocumentView),
  /** Field groups the organisation keeps private from the agency asking (shown empty). */
  hiddenGroups: z.array(z.string()),
  /** Fields an agency verified: the CSO's own changes to them wait for review. */
  verifiedFields: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const sortOrders = ['relevance', 'name', 'recent'] as const;
export const RegisterQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  kind: Code.optional(),
  focusArea: Code.optional(),
  population: Code.optional(),
  place: z.uuid().optional(),
  status: RegisterStatus.optional(),
  affiliation: z.uuid().optional(),
  sort: z.enum(sortOrders).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type RegisterQuery = z.infer<typeof RegisterQuery>;

const Facet = z.array(z.object({ code: z.string(), count: z.number() }));
// How a text search matched: its words as written, or similar words when none had them.
const Matched = z.enum(['words', 'similar']);
export const RegisterPage = z.object({
  items: z.array(OrganisationSummary),
  nextCursor: z.string().nullable(),
  matched: Matched.optional(),
});
/** The counts of a search, asked for on their own (decision 0024): the filters without paging. */
export const RegisterCountQuery = RegisterQuery.omit({ cursor: true, limit: true, sort: true });
export const RegisterCounts = z.object({
  total: z.number(),
  facets: z.object({ kind: Facet, focusArea: Facet, population: Facet, status: Facet }),
  matched: Matched.optional(),
});

export const Renewal = z.strictObject({ note: z.string().trim().max(1000).optional() });
export const Affiliation = z.strictObject({ umbrellaId: z.uuid() });

/** What anyone may see without signing in: the public field groups only. */
export const PublicOrganisation = z.object({
  id: z.uuid(),
  legalName: z.string(),
  otherNames: z.array(z.object({ name: z.string(), language: z.string() })),
  acronym: z.string().nullable(),
  kind: z.string(),
  mission: z.string().nullable(),
  focusAreas: z.array(z.string()),
  populations: z.array(z.string()),
  places: z.array(z.string()),
  website: z.string().nullable(),
  registerStatus: RegisterStatus,
});
export const DirectoryQuery = RegisterQuery.pick({
  q: true,
  kind: true,
  focusArea: true,
  place: true,
  cursor: true,
  limit: true,
});
export const DirectoryPage = z.object({
  items: z.array(PublicOrganisation),
  nextCursor: z.string().nullable(),
  matched: Matched.optional(),
});
export const DirectoryCountQuery = DirectoryQuery.omit({ cursor: true, limit: true });
export const DirectoryCounts = z.object({ total: z.number(), matched: Matched.optional() });

export const RegisterSettingsView = z.object({
  renewalMonths: z.number().int(),
  dueDaysBefore: z.number().int(),
  graceDays: z.number().int(),
  reminderDaysBefore: z.array(z.number().int()),
  version: z.number().int(),
});
export const RegisterSettingsChange = z
  .strictObject({
    renewalMonths: z.number().int().min(1).max(60),
    dueDaysBefore: z.number().int().min(0).max(365),
    graceDays: z.number().int().min(0).max(730),
    reminderDaysBefore: z.array(z.number().int().min(0).max(365)).max(6),
    version: z.number().int().min(1),
  })
  .partial({ renewalMonths: true, dueDaysBefore: true, graceDays: true, reminderDaysBefore: true });

export const taxonomies = ['kind', 'focus-area', 'population', 'identifier-scheme'] as const;
export const NewTerm = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,60}$/, 'Letters, digits and dashes only'),
  label: z.string().trim().min(1).max(200),
});
export const TermChange = z
  .strictObject({
    label: z.string().trim().min(1).max(200).optional(),
    active: z.boolean().optional(),
  })
  // An empty change has nothing to write (and Drizzle refuses an update that sets nothing).
  .refine((change) => change.label !== undefined || change.active !== undefined, {
    message: 'Give a new label or say whether the term is active.',
    path: ['label'],
  });

// The CSO portal (issue 3 item 3).

/** The profile's fields an agency can verify, each changed or reviewed as a whole. */
export const profileFields = [
  'legalName',
  'otherNames',
  'acronym',
  'kind',
  'legalStatus',
  'yearFounded',
  'mission',
  'focusAreas',
  'populations',
  'placeIds',
  'identifiers',
  'contacts',
  'staffCount',
  'volunteerCount',
  'budgetBand',
  'website',
] as const;
export type ProfileField = (typeof profileFields)[number];

/** Which fields each visibility group covers; names, kind and identifiers stay visible to agencies. */
export const fieldsOfGroup: Record<(typeof fieldGroups)[number], ProfileField[]> = {
  overview: ['mission', 'legalStatus', 'yearFounded', 'website'],
  contacts: ['contacts'],
  places: ['placeIds'],
  finances: ['staffCount', 'volunteerCount', 'budgetBand'],
  documents: [],
};

export const Verification = z.strictObject({
  fields: z.array(z.enum(profileFields)).min(1).max(profileFields.length),
});

export const ProfileChangeView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  field: z.string(),
  currentValue: z.unknown(),
  proposedValue: z.unknown(),
  proposedBy: z.string(),
  proposedAt: z.date(),
  status: z.string(),
  reason: z.string().nullable(),
  decidedAt: z.date().nullable(),
});
export type ProfileChangeView = z.infer<typeof ProfileChangeView>;

export const ProfileChangeQuery = z.strictObject({
  status: z.enum(['pending', 'accepted', 'rejected', 'superseded']).default('pending'),
  organisation: z.uuid().optional(),
});

export const ProfileChangeDecision = z
  .strictObject({
    accept: z.boolean(),
    reason: z.string().trim().max(2000).default(''),
  })
  .refine((decision) => decision.accept || decision.reason.length > 0, {
    path: ['reason'],
    message: 'Say why the change is rejected; the organisation is told.',
  });

export const PortalProfileChange = OrganisationChange;
export const PortalProfileResult = z.object({
  organisation: OrganisationView,
  /** Changes to verified fields, now waiting for a coordinator. */
  waitingForReview: z.array(ProfileChangeView),
});

export const PortalOrganisation = z.object({
  id: z.uuid(),
  legalName: z.string(),
  role: z.string(),
  registerStatus: RegisterStatus,
});

export const PrivateAccessChoice = z.strictObject({ agencyIds: z.array(z.uuid()).max(500) });
export const PrivateAccessView = z.object({
  agencies: z.array(z.object({ id: z.uuid(), name: z.string(), canSeePrivate: z.boolean() })),
});

export const CsoSignUp = z.strictObject({
  email: z.email().max(254),
  name: Text(200),
  organisationId: z.uuid(),
  /** Left empty by people; filled by bots that fill every field. */
  website: z.string().max(0, 'Leave this field empty.').optional(),
});
export const CsoLinkAcceptance = z.strictObject({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1).max(200).optional(),
  password: z.string().max(256).optional(),
  code: z
    .string()
    .regex(/^\d{6}$/, 'Six digits')
    .optional(),
});
export const CsoInvitation = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().max(200).optional(),
  role: z.enum(['cso-administrator', 'cso-member']),
});
export const CsoMemberConfirmation = z.strictObject({
  role: z.enum(['cso-administrator', 'cso-member']).default('cso-member'),
});
export const CsoMemberRefusal = z.strictObject({ reason: Text(2000) });
export const CsoMemberView = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  status: z.string(),
  createdAt: z.date(),
});
