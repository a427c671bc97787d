// The partnerships API's shapes as the pages see them: the Zod contracts, with dates as ISO strings.
// Only types are imported, so neither Zod nor the contracts reach the browser bundle.
import type { z } from 'zod';
import type {
  agencyRoles as agencyRoleList,
  agreementKinds as agreementKindList,
  agreementStates as agreementStateList,
  Board as BoardSchema,
  continuumLevels as continuumLevelList,
  formalities as formalityList,
  lifecycleStates as lifecycleStateList,
  NewPartnership,
  partnershipForms as partnershipFormList,
  PartnershipPage as PartnershipPageSchema,
  PartnershipView as PartnershipViewSchema,
  PoolByLevel as PoolByLevelSchema,
  riskRatings as riskRatingList,
  strategicQuestions as strategicQuestionList,
} from '../contracts.ts';

/** What JSON makes of a type: every Date becomes an ISO string. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Partnership = Wire<z.output<typeof PartnershipViewSchema>>;
export type PartnershipPage = Wire<z.output<typeof PartnershipPageSchema>>;
export type PartnershipSummary = PartnershipPage['items'][number];
export type Board = Wire<z.output<typeof BoardSchema>>;
export type Pool = Wire<z.output<typeof PoolByLevelSchema>>;
export type NewPartnershipBody = z.input<typeof NewPartnership>;

// The vocabularies, repeated here as values (the contracts stay out of the bundle); the types make
// the compiler refuse any list that drifts from its contract.
export type LifecycleState = (typeof lifecycleStateList)[number];
export type ContinuumLevel = (typeof continuumLevelList)[number];
export const lifecycleStates: typeof lifecycleStateList = [
  'identified',
  'scoping',
  'due-diligence',
  'awaiting-decision',
  'agreed',
  'active',
  'under-review',
  'phasing-out',
  'closed',
  'declined',
  'withdrawn',
];
export const continuumLevels: typeof continuumLevelList = [
  'networking',
  'coordinating',
  'cooperating',
  'collaborating',
];
export const formalities: typeof formalityList = ['formal', 'informal'];
export const partnershipForms: typeof partnershipFormList = [
  'contract',
  'mou',
  'alliance',
  'network',
  'consortium',
  'forum',
  'topical-group',
  'lobbying-platform',
];
export const agencyRoles: typeof agencyRoleList = [
  'facilitator',
  'supporter',
  'encourager',
  'linker',
  'bridge-builder',
  'capacity-builder',
  'advocate',
  'funding-resource-generator',
  'social-investor',
];
export const strategicQuestions: typeof strategicQuestionList = [
  'sharedVision',
  'servesStrategy',
  'beyondDeliverable',
  'moreThanMoney',
];
export const riskRatings: typeof riskRatingList = ['low', 'moderate', 'significant', 'high'];
export const agreementKinds: typeof agreementKindList = [
  'mou',
  'contract',
  'grant-agreement',
  'letter-of-intent',
  'code-of-conduct',
  'data-sharing',
];
export const agreementStates: typeof agreementStateList = [
  'draft',
  'negotiating',
  'signed',
  'active',
  'expired',
  'terminated',
];

export type Term = { code: string; label: string };
export type Place = { id: string; code: string; name: string; level: string; parentId: string | null };
export type Taxonomies = { focusAreas: Term[]; places: Place[] };
export type OrganisationHit = { id: string; legalName: string; acronym: string | null };
export type HistoryEvent = { id: number; at: string; actor: { name: string }; action: string };
