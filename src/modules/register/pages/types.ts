// The register API's shapes as the pages see them: the Zod contracts, with dates as ISO strings.
// Only types are imported, so neither Zod nor the contracts reach the browser bundle.
import type { z } from 'zod';
import type {
  DirectoryCounts as DirectoryCountsSchema,
  DirectoryPage as DirectoryPageSchema,
  DuplicateCandidate as DuplicateCandidateSchema,
  NewOrganisation,
  OrganisationChange,
  OrganisationView as OrganisationViewSchema,
  PublicOrganisation as PublicOrganisationSchema,
  RegisterCounts as RegisterCountsSchema,
  RegisterPage as RegisterPageSchema,
  registerStatuses,
  Taxonomies as TaxonomiesSchema,
  CsoMemberView as CsoMemberSchema,
  PortalOrganisation as PortalOrganisationSchema,
  PrivateAccessView as PrivateAccessSchema,
  ProfileChangeView as ProfileChangeSchema,
  ProfileField,
} from '../contracts.ts';

/** What JSON makes of a type: every Date becomes an ISO string. */
type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type RegisterStatus = (typeof registerStatuses)[number];
export type Taxonomies = Wire<z.output<typeof TaxonomiesSchema>>;
export type Place = Taxonomies['places'][number];
export type Term = Taxonomies['kinds'][number];
export type Organisation = Wire<z.output<typeof OrganisationViewSchema>>;
export type RegisterPage = Wire<z.output<typeof RegisterPageSchema>>;
export type RegisterCounts = z.output<typeof RegisterCountsSchema>;
export type OrganisationSummary = RegisterPage['items'][number];
export type DuplicateCandidate = z.output<typeof DuplicateCandidateSchema>;
export type PublicOrganisation = Wire<z.output<typeof PublicOrganisationSchema>>;
export type DirectoryPage = Wire<z.output<typeof DirectoryPageSchema>>;
export type DirectoryCounts = z.output<typeof DirectoryCountsSchema>;
export type NewOrganisationBody = z.input<typeof NewOrganisation>;
export type OrganisationChangeBody = z.input<typeof OrganisationChange>;

export type RenewalDashboard = {
  counts: Record<RegisterStatus, number>;
  byPlace: { place: string; due: number; lapsed: number }[];
  byKind: { kind: string; due: number; lapsed: number }[];
};

export type HistoryEvent = {
  id: number;
  at: string;
  actor: { name: string };
  agencyName: string | null;
  action: string;
  before: unknown;
  after: unknown;
  changedFields: string[];
};

export type ProfileChange = Wire<z.output<typeof ProfileChangeSchema>>;
export type CsoMember = Wire<z.output<typeof CsoMemberSchema>>;
export type PortalOrganisation = Wire<z.output<typeof PortalOrganisationSchema>>;
export type PrivateAccess = Wire<z.output<typeof PrivateAccessSchema>>;
export type CsoLinkPreview = {
  kind: 'invitation' | 'sign-up';
  email: string;
  name: string | null;
  organisationName: string;
  existingAccount: boolean;
};

/** The contracts' profileFields, repeated here so Zod stays out of the bundle; the types keep them equal. */
export const profileFieldList = [
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
] as const satisfies readonly ProfileField[];
type NotListed = Exclude<ProfileField, (typeof profileFieldList)[number]>;
export const everyProfileFieldListed: NotListed extends never ? true : false = true;
