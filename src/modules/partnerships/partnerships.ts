import { and, asc, eq, inArray } from 'drizzle-orm';
import { together, type Db } from '../../platform/db/client.ts';
import { notFound, Problem, type FieldError } from '../../platform/http/problems.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import {
  missingOrganisations,
  organisationSummaries,
  unknownPlaces,
  unknownTerms,
} from '../register/index.ts';
import { missingPolicies, policySummaries } from '../dialogue/index.ts';
import type {
  ContinuumLevel,
  LifecycleState,
  PartnershipInput,
  PartnershipSummary,
  PartnershipView,
} from './contracts.ts';
import { agreementLifecycle, lifecycle } from './lifecycle.ts';
import {
  partnershipAgreements,
  partnershipAssessments,
  partnershipMoves,
  partnershipParties,
  partnerships,
  type StrategicAnswers,
} from './tables.ts';

type PartnershipRow = typeof partnerships.$inferSelect;

/**
 * 001 §12: a partnership with no shared vision, no link to the strategy, no intent beyond one
 * deliverable, or that is purely money or a service contract is not strategic. All four "yes" make
 * it strategic; any "no" makes it not; unanswered questions leave it unclassified.
 */
export function classify(answers: StrategicAnswers): boolean | null {
  const values = Object.values(answers);
  if (values.some((value) => value === false)) return false;
  if (values.every((value) => value === true)) return true;
  return null;
}

export const unanswered: StrategicAnswers = {
  sharedVision: null,
  servesStrategy: null,
  beyondDeliverable: null,
  moreThanMoney: null,
};

/** One 400 naming every failing field, so a form can show each beside its input. */
export const fieldProblems = (errors: FieldError[]) =>
  new Problem('invalid-request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });

/** What Zod cannot check: parties, focus areas and places exist in the register, dates in order. */
export async function checkPartnershipInput(db: Db, input: PartnershipInput): Promise<void> {
  const errors: FieldError[] = [];
  const ids = input.parties.map((party) => party.organisationId);
  const missing = new Set(await missingOrganisations(db, ids));
  input.parties.forEach((party, index) => {
    if (missing.has(party.organisationId))
      errors.push({
        field: `parties.${index}.organisationId`,
        message: 'This organisation is not in the register.',
      });
    if (ids.indexOf(party.organisationId) !== index)
      errors.push({ field: `parties.${index}.organisationId`, message: 'The same organisation twice.' });
  });
  const leads = input.parties.filter((party) => party.lead).length;
  if (input.form === 'consortium' && leads !== 1)
    errors.push({ field: 'parties', message: 'A consortium has exactly one lead organisation.' });
  else if (leads > 1) errors.push({ field: 'parties', message: 'Only one organisation can lead.' });
  const unknownAreas = new Set(await unknownTerms(db, 'focus-area', input.focusAreas));
  input.focusAreas.forEach((code, index) => {
    if (unknownAreas.has(code))
      errors.push({ field: `focusAreas.${index}`, message: `Unknown focus area "${code}".` });
  });
  const unknown = new Set(await unknownPlaces(db, input.placeIds));
  input.placeIds.forEach((placeId, index) => {
    if (unknown.has(placeId)) errors.push({ field: `placeIds.${index}`, message: 'No such place.' });
  });
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn)
    errors.push({ field: 'endsOn', message: 'The end date is before the start date.' });
  if (errors.length) throw fieldProblems(errors);
}

export function inputColumns(input: PartnershipInput) {
  return {
    title: input.title,
    purpose: input.purpose ?? null,
    sharedVision: input.sharedVision ?? null,
    focusAreas: [...new Set(input.focusAreas)],
    placeIds: [...new Set(input.placeIds)],
    formality: input.formality,
    form: input.form,
    agencyRoles: [...new Set(input.agencyRoles)],
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    phaseOutPlan: input.phaseOutPlan ?? null,
    involvesFunding: input.involvesFunding,
    policyIds: [...new Set(input.policyIds)],
  };
}

export async function writeParties(tx: Db, partnershipId: string, input: PartnershipInput) {
  await tx.delete(partnershipParties).where(eq(partnershipParties.partnershipId, partnershipId));
  await tx.insert(partnershipParties).values(
    input.parties.map((party) => ({
      partnershipId,
      organisationId: party.organisationId,
      lead: party.lead,
    })),
  );
}

/** Issue 4 item 1: a partnership serves policies of its own agency's register, nothing else. */
export async function checkPolicies(db: Db, scope: AgencyScope, policyIds: string[]): Promise<void> {
  const missing = new Set(await missingPolicies(db, scope, policyIds));
  const errors = policyIds.flatMap((id, index) =>
    missing.has(id)
      ? [{ field: `policyIds.${index}`, message: "This is not one of the agency's policies." }]
      : [],
  );
  if (errors.length) throw fieldProblems(errors);
}

/** The partnership row, only if it belongs to the scope's agency. */
export async function partnershipRow(db: Db, scope: AgencyScope, id: string): Promise<PartnershipRow> {
  const [row] = await db
    .select()
    .from(partnerships)
    .where(and(eq(partnerships.id, id), eq(partnerships.agencyId, scope.agencyId)));
  if (!row) throw notFound('This partnership');
  return row;
}

/** List rows with their parties' names, in the order given. */
export async function summariesOf(db: Db, rows: PartnershipRow[]): Promise<PartnershipSummary[]> {
  if (rows.length === 0) return [];
  const parties = await db
    .select()
    .from(partnershipParties)
    .where(
      inArray(
        partnershipParties.partnershipId,
        rows.map((row) => row.id),
      ),
    );
  const names = await organisationSummaries(
    db,
    parties.map((party) => party.organisationId),
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    state: row.state as LifecycleState,
    level: row.level as ContinuumLevel,
    formality: row.formality as PartnershipSummary['formality'],
    form: row.form as PartnershipSummary['form'],
    strategic: row.strategic,
    parties: parties
      .filter((party) => party.partnershipId === row.id)
      .sort((a, b) => Number(b.lead) - Number(a.lead))
      .map((party) => ({
        organisationId: party.organisationId,
        // A party merged away in the register keeps its id here until the merge is followed.
        legalName: names.get(party.organisationId)?.legalName ?? '—',
        lead: party.lead,
      })),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    allowedMoves: lifecycle[row.state as LifecycleState],
    version: row.version,
    updatedAt: row.updatedAt,
  }));
}

/** The whole partnership as staff see it. */
export async function loadPartnership(db: Db, scope: AgencyScope, id: string): Promise<PartnershipView> {
  const row = await partnershipRow(db, scope, id);
  const [summary] = await summariesOf(db, [row]);
  const [moves, assessments, agreements, policies] = await together(db, [
    () =>
      db
        .select()
        .from(partnershipMoves)
        .where(eq(partnershipMoves.partnershipId, id))
        .orderBy(asc(partnershipMoves.movedAt), asc(partnershipMoves.id)),
    () =>
      db
        .select()
        .from(partnershipAssessments)
        .where(eq(partnershipAssessments.partnershipId, id))
        .orderBy(asc(partnershipAssessments.createdAt)),
    () =>
      db
        .select()
        .from(partnershipAgreements)
        .where(eq(partnershipAgreements.partnershipId, id))
        .orderBy(asc(partnershipAgreements.createdAt)),
    () => policySummaries(db, scope, row.policyIds),
  ]);
  const history = (kind: string) =>
    moves
      .filter((move) => move.kind === kind)
      .map((move) => ({
        from: move.fromValue,
        to: move.toValue,
        reason: move.reason,
        at: move.movedAt,
        by: move.movedByName,
      }));
  const override = row.strategicOverride;
  return {
    ...summary!,
    purpose: row.purpose,
    sharedVision: row.sharedVision,
    focusAreas: row.focusAreas,
    placeIds: row.placeIds,
    agencyRoles: row.agencyRoles as PartnershipView['agencyRoles'],
    phaseOutPlan: row.phaseOutPlan,
    involvesFunding: row.involvesFunding,
    // A policy removed from the register drops out of the list rather than showing a bare id.
    policies: row.policyIds.flatMap((policyId) => {
      const policy = policies.get(policyId);
      return policy ? [{ id: policy.id, title: policy.title, status: policy.status }] : [];
    }),
    strategicTest: {
      answers: row.strategicAnswers,
      classification: classify(row.strategicAnswers),
      override: override ? { ...override, at: new Date(override.at) } : null,
    },
    levelHistory: history('level') as PartnershipView['levelHistory'],
    stateHistory: history('state') as PartnershipView['stateHistory'],
    assessments: assessments.map(presentAssessment),
    agreements: agreements.map(presentAgreement),
    createdAt: row.createdAt,
  };
}

/** A dated move along the continuum or the lifecycle, kept for the history and the pool chart. */
export async function recordMove(
  tx: Db,
  scope: AgencyScope,
  move: {
    partnershipId: string;
    kind: 'level' | 'state';
    from: string | null;
    to: string;
    reason: string | null;
    at: Date;
    actor: { userId: string; name: string };
  },
) {
  await tx.insert(partnershipMoves).values({
    agencyId: scope.agencyId,
    partnershipId: move.partnershipId,
    kind: move.kind,
    fromValue: move.from,
    toValue: move.to,
    reason: move.reason,
    movedAt: move.at,
    movedBy: move.actor.userId,
    movedByName: move.actor.name,
  });
}

export function presentAgreement(row: typeof partnershipAgreements.$inferSelect) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    state: row.state,
    signedOn: row.signedOn,
    allowedMoves: agreementLifecycle[row.state],
    version: row.version,
  };
}

export function presentAssessment(row: typeof partnershipAssessments.$inferSelect) {
  return {
    id: row.id,
    organisationId: row.organisationId,
    direction: row.direction as PartnershipView['assessments'][number]['direction'],
    templateId: row.templateId,
    questions: row.questions,
    answers: row.answers,
    state: row.state,
    score: row.score,
    riskRating: row.riskRating,
    completedAt: row.completedAt,
    validUntil: row.validUntil,
  };
}
