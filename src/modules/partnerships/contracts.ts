import { z } from 'zod';
import { CalendarDate } from '../../platform/http/dates.ts';

// Request and response shapes of the partnerships API, shared with the module's pages.

// 001 §13c and Annex 1: the forms a partnership takes; formal or informal is asked separately.
export const partnershipForms = [
  'contract',
  'mou',
  'alliance',
  'network',
  'consortium',
  'forum',
  'topical-group',
  'lobbying-platform',
] as const;
export const formalities = ['formal', 'informal'] as const;
// 002 "How are partnerships established": the roles the agency plays in a partnership.
export const agencyRoles = [
  'facilitator',
  'supporter',
  'encourager',
  'linker',
  'bridge-builder',
  'capacity-builder',
  'advocate',
  'funding-resource-generator',
  'social-investor',
] as const;
// 000 §1 "Partnership Continuum", from networking through to collaboration.
export const continuumLevels = ['networking', 'coordinating', 'cooperating', 'collaborating'] as const;
export const lifecycleStates = [
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
] as const;
// 001 §12: the four questions that tell a strategic partnership from a transaction.
export const strategicQuestions = [
  'sharedVision',
  'servesStrategy',
  'beyondDeliverable',
  'moreThanMoney',
] as const;
export const riskRatings = ['low', 'moderate', 'significant', 'high'] as const;
export const agreementKinds = [
  'mou',
  'contract',
  'grant-agreement',
  'letter-of-intent',
  'code-of-conduct',
  'data-sharing',
] as const;
export const agreementStates = ['draft', 'negotiating', 'signed', 'active', 'expired', 'terminated'] as const;

export type ContinuumLevel = (typeof continuumLevels)[number];
export type LifecycleState = (typeof lifecycleStates)[number];
export type AgreementState = (typeof agreementStates)[number];

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Day = CalendarDate;
const Reason = Text(2000);

export const PartyInput = z.strictObject({ organisationId: z.uuid(), lead: z.boolean().default(false) });

export const PartnershipInput = z.strictObject({
  title: Text(300),
  purpose: OptionalText(4000),
  sharedVision: OptionalText(4000),
  parties: z.array(PartyInput).min(1).max(50),
  focusAreas: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  placeIds: z.array(z.uuid()).max(200).default([]),
  formality: z.enum(formalities),
  form: z.enum(partnershipForms),
  agencyRoles: z.array(z.enum(agencyRoles)).max(agencyRoles.length).default([]),
  startsOn: Day.nullable().optional(),
  endsOn: Day.nullable().optional(),
  phaseOutPlan: OptionalText(8000),
  involvesFunding: z.boolean().default(false),
  // The agency's policies (dialogue module's register) this partnership serves.
  policyIds: z.array(z.uuid()).max(50).default([]),
});
export type PartnershipInput = z.infer<typeof PartnershipInput>;

export const NewPartnership = PartnershipInput.extend({
  level: z.enum(continuumLevels).default('networking'),
});
export const PartnershipChange = PartnershipInput.extend({ version: z.number().int().min(1) });

export const PartnershipQuery = z.strictObject({
  state: z.enum(lifecycleStates).optional(),
  level: z.enum(continuumLevels).optional(),
  strategic: z.enum(['yes', 'no', 'unknown']).optional(),
  focusArea: z.string().max(60).optional(),
  place: z.uuid().optional(),
  organisation: z.uuid().optional(),
  policy: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PartnershipQuery = z.infer<typeof PartnershipQuery>;

const Strategic = z.boolean().nullable();

export const PartnershipSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  state: z.enum(lifecycleStates),
  level: z.enum(continuumLevels),
  formality: z.enum(formalities),
  form: z.enum(partnershipForms),
  strategic: Strategic,
  parties: z.array(z.object({ organisationId: z.uuid(), legalName: z.string(), lead: z.boolean() })),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  /** The moves the lifecycle table allows from here; guards may still refuse one. */
  allowedMoves: z.array(z.enum(lifecycleStates)),
  version: z.number(),
  updatedAt: z.date(),
});
export type PartnershipSummary = z.infer<typeof PartnershipSummary>;

export const PartnershipPage = z.object({
  items: z.array(PartnershipSummary),
  nextCursor: z.string().nullable(),
});

const Move = z.object({ reason: z.string().nullable(), at: z.date(), by: z.string() });
export const LevelMove = Move.extend({
  from: z.enum(continuumLevels).nullable(),
  to: z.enum(continuumLevels),
});
export const StateMove = Move.extend({
  from: z.enum(lifecycleStates).nullable(),
  to: z.enum(lifecycleStates),
});

export const StrategicAnswers = z.strictObject({
  sharedVision: z.boolean().nullable(),
  servesStrategy: z.boolean().nullable(),
  beyondDeliverable: z.boolean().nullable(),
  moreThanMoney: z.boolean().nullable(),
});

// Due diligence (001 §15d): questions of four kinds, weighted, some required only when the
// partnership's form, formality, focus areas (its purpose) or funding match.
export const questionKinds = ['yes-no', 'scale', 'text', 'evidence'] as const;
export const assessmentDirections = ['agency-assesses-organisation', 'organisation-assesses-agency'] as const;
export const RequiredWhen = z.strictObject({
  forms: z.array(z.enum(partnershipForms)).max(10).optional(),
  formalities: z.array(z.enum(formalities)).max(2).optional(),
  focusAreas: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
  funding: z.boolean().optional(),
});
export const TemplateQuestion = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,60}$/, 'Lower-case letters, digits and dashes'),
  text: Text(1000),
  kind: z.enum(questionKinds),
  weight: z.number().int().min(0).max(10),
  // true: always required; false: optional; an object: required when the partnership matches any part.
  required: z.union([z.boolean(), RequiredWhen]),
});
export const TemplateSection = z.strictObject({
  title: Text(300),
  questions: z.array(TemplateQuestion).min(1).max(100),
});
export type TemplateSection = z.infer<typeof TemplateSection>;
/** The lowest score (in %) that still earns each rating; below `significant` is high risk. */
export const Thresholds = z
  .strictObject({
    low: z.number().int().min(0).max(100),
    moderate: z.number().int().min(0).max(100),
    significant: z.number().int().min(0).max(100),
  })
  .refine((t) => t.low >= t.moderate && t.moderate >= t.significant, {
    message: 'Thresholds go down from low to moderate to significant.',
  });
export type Thresholds = z.infer<typeof Thresholds>;
export const TemplateInput = z.strictObject({
  name: Text(300),
  direction: z.enum(assessmentDirections),
  sections: z.array(TemplateSection).min(1).max(30),
  thresholds: Thresholds,
  validityMonths: z.number().int().min(1).max(120),
});
export const TemplateChange = TemplateInput.extend({ version: z.number().int().min(1) });
export const TemplateView = TemplateInput.extend({
  id: z.uuid(),
  active: z.boolean(),
  version: z.number(),
});

export const AssessmentQuestion = z.object({
  id: z.string(),
  section: z.string(),
  text: z.string(),
  kind: z.enum(questionKinds),
  weight: z.number(),
  required: z.boolean(),
});
export type AssessmentQuestion = z.infer<typeof AssessmentQuestion>;
export const AnswerValue = z.union([z.boolean(), z.number(), z.string().max(4000)]);
export const AssessmentView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  direction: z.enum(assessmentDirections),
  templateId: z.uuid(),
  questions: z.array(AssessmentQuestion),
  answers: z.record(z.string(), AnswerValue),
  state: z.enum(['open', 'complete']),
  score: z.number().nullable(),
  riskRating: z.enum(riskRatings).nullable(),
  completedAt: z.date().nullable(),
  validUntil: z.string().nullable(),
});

export const AgreementView = z.object({
  id: z.uuid(),
  kind: z.enum(agreementKinds),
  title: z.string(),
  state: z.enum(agreementStates),
  signedOn: z.string().nullable(),
  allowedMoves: z.array(z.enum(agreementStates)),
  version: z.number(),
});

export const PartnershipView = PartnershipSummary.extend({
  purpose: z.string().nullable(),
  sharedVision: z.string().nullable(),
  focusAreas: z.array(z.string()),
  placeIds: z.array(z.uuid()),
  agencyRoles: z.array(z.enum(agencyRoles)),
  phaseOutPlan: z.string().nullable(),
  involvesFunding: z.boolean(),
  policies: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.string() })),
  strategicTest: z.object({
    answers: StrategicAnswers,
    classification: Strategic,
    override: z
      .object({ strategic: z.boolean(), reason: z.string(), at: z.date(), by: z.string() })
      .nullable(),
  }),
  levelHistory: z.array(LevelMove),
  stateHistory: z.array(StateMove),
  assessments: z.array(AssessmentView),
  agreements: z.array(AgreementView),
  createdAt: z.date(),
});
export type PartnershipView = z.infer<typeof PartnershipView>;

export const LevelChange = z.strictObject({
  level: z.enum(continuumLevels),
  reason: Reason,
  version: z.number().int().min(1),
});
export const StrategicTestChange = z.strictObject({
  answers: StrategicAnswers,
  version: z.number().int().min(1),
});
export const StrategicOverride = z.strictObject({
  // null takes the override away, so the four answers decide again.
  strategic: z.boolean().nullable(),
  reason: Reason,
  version: z.number().int().min(1),
});
export const StateChange = z.strictObject({
  state: z.enum(lifecycleStates),
  reason: Reason,
  version: z.number().int().min(1),
});

export const NewAssessment = z.strictObject({ organisationId: z.uuid(), templateId: z.uuid().optional() });
export const AssessmentAnswers = z.strictObject({
  answers: z.record(z.string().max(60), AnswerValue.nullable()),
});
export const NewAgreement = z.strictObject({ kind: z.enum(agreementKinds), title: Text(300) });
export const AgreementStateChange = z.strictObject({
  state: z.enum(agreementStates),
  reason: Reason,
  version: z.number().int().min(1),
});

export const PoolQuery = z.strictObject({ months: z.coerce.number().int().min(1).max(60).default(12) });
export const PoolByLevel = z.object({
  points: z.array(
    z.object({
      at: z.string(),
      networking: z.number(),
      coordinating: z.number(),
      cooperating: z.number(),
      collaborating: z.number(),
    }),
  ),
});
export type PoolByLevel = z.infer<typeof PoolByLevel>;

export const Board = z.object({
  columns: z.array(z.object({ state: z.enum(lifecycleStates), items: z.array(PartnershipSummary) })),
});

export const PortalPartnershipView = PartnershipSummary.extend({ assessments: z.array(AssessmentView) });
