import { z } from 'zod';
import { CalendarDate } from '../../platform/http/dates.ts';
import { agreementKinds, agreementStates } from './contracts.ts';

// Request and response shapes of an agreement's details (issue 4 item 8; 002 "Create a memorandum
// of understanding": responsibilities, timelines, budget breakdown, code of conduct, conditions).

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Day = CalendarDate;

/** A decimal amount as text ("12500.50"): money never travels as a float. */
export const Amount = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,4})?$/, 'An amount like 12500 or 12500.50, without separators');

export const AgreementPartyInput = z.strictObject({
  organisationId: z.uuid(),
  responsibilities: OptionalText(4000),
});
export const MilestoneInput = z.strictObject({
  title: Text(300),
  dueOn: Day,
  done: z.boolean().default(false),
});
export const BudgetLineInput = z.strictObject({
  category: Text(200),
  amount: Amount,
  // Checked against the ISO 4217 list in currencies.ts, so the 400 names the line's field.
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'A three-letter ISO 4217 code such as NZD'),
  funder: OptionalText(300),
});

export const AgreementDetails = z.strictObject({
  kind: z.enum(agreementKinds),
  title: Text(300),
  startsOn: Day.nullable().optional(),
  endsOn: Day.nullable().optional(),
  conditions: OptionalText(8000),
  conductTerms: OptionalText(8000),
  parties: z.array(AgreementPartyInput).max(50).default([]),
  milestones: z.array(MilestoneInput).max(100).default([]),
  budgetLines: z.array(BudgetLineInput).max(200).default([]),
});
export type AgreementDetails = z.infer<typeof AgreementDetails>;

export const AgreementChange = AgreementDetails.extend({
  version: z.number().int().min(1),
  // Required once the agreement is signed: the change is then an amendment (what changed and why).
  amendmentReason: z.string().trim().max(2000).nullable().optional(),
});

const Party = z.object({
  organisationId: z.uuid(),
  legalName: z.string(),
  responsibilities: z.string().nullable(),
  acknowledgement: z.object({ at: z.date(), by: z.string() }).nullable(),
});
const Milestone = z.object({ id: z.uuid(), title: z.string(), dueOn: z.string(), done: z.boolean() });
const BudgetLine = z.object({
  id: z.uuid(),
  category: z.string(),
  amount: z.string(),
  amountMinor: z.number(),
  currency: z.string(),
  funder: z.string().nullable(),
});
const SignedFile = z.object({
  version: z.number(),
  fileId: z.uuid(),
  name: z.string(),
  size: z.number(),
  uploadedAt: z.date(),
  uploadedBy: z.string(),
});
const Amendment = z.object({
  version: z.number(),
  reason: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  at: z.date(),
  by: z.string(),
});

export const AgreementDetailView = z.object({
  id: z.uuid(),
  partnershipId: z.uuid(),
  kind: z.enum(agreementKinds),
  title: z.string(),
  state: z.enum(agreementStates),
  signedOn: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  conditions: z.string().nullable(),
  conductTerms: z.string().nullable(),
  parties: z.array(Party),
  milestones: z.array(Milestone),
  budgetLines: z.array(BudgetLine),
  /** Per currency, exact: minor units added, then written back as a decimal. */
  budgetTotals: z.array(z.object({ currency: z.string(), amount: z.string() })),
  files: z.array(SignedFile),
  amendments: z.array(Amendment),
  allowedMoves: z.array(z.enum(agreementStates)),
  version: z.number(),
  updatedAt: z.date(),
});
export type AgreementDetailView = z.infer<typeof AgreementDetailView>;

export const AgreementList = z.object({ items: z.array(AgreementDetailView) });
export const CurrencyList = z.object({
  items: z.array(z.object({ code: z.string(), minorUnits: z.number() })),
});
