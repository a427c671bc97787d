import { and, eq, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { storedFiles } from '../../../platform/files/tables.ts';
import { invalid, notFound, Problem, type FieldError } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type AgencyScope, type UserActor } from '../../../platform/policy/index.ts';
import { checkAnswer, questionsFor, ratingOf, scoreOf, templateOf, templatesOf } from '../due-diligence.ts';
import { fieldProblems, loadPartnership } from '../partnerships.ts';
import { partnershipAssessments, partnershipParties } from '../tables.ts';

// 001 §15d: the agency's due diligence of each party, on one of its templates. The organisation's
// side (it assesses the agency, in the portal) is the template direction not yet used here.

export async function startAssessment(
  platform: Platform,
  {
    actor,
    partnershipId,
    organisationId,
    templateId,
  }: { actor: UserActor; partnershipId: string; organisationId: string; templateId?: string },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const partnership = await loadPartnership(platform.db, scope, partnershipId);
  const [party] = await platform.db
    .select()
    .from(partnershipParties)
    .where(
      and(
        eq(partnershipParties.partnershipId, partnershipId),
        eq(partnershipParties.organisationId, organisationId),
      ),
    );
  if (!party) throw invalid('organisationId', 'This organisation is not a party to the partnership.');
  const direction = 'agency-assesses-organisation';
  const template = templateId
    ? await templateOf(platform.db, scope.agencyId, templateId)
    : (await templatesOf(platform.db, scope.agencyId)).find((t) => t.active && t.direction === direction);
  if (!template || template.direction !== direction || !template.active)
    throw invalid('templateId', 'No active template for the agency’s due diligence of an organisation.');
  return openNewAssessment(platform, actor, {
    agencyId: scope.agencyId,
    partnershipId,
    organisationId,
    direction,
    templateId: template.id,
    questions: questionsFor(template.sections, partnership),
  });
}

/** A new open assessment for either side, with its audit row under the partnership's agency. */
export async function openNewAssessment(
  platform: Platform,
  actor: UserActor,
  values: Omit<typeof partnershipAssessments.$inferInsert, 'answers' | 'state' | 'createdAt'>,
) {
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnershipAssessments)
      .values({ ...values, answers: {}, state: 'open', createdAt: now })
      .returning();
    await recordAudit(tx, actor, now, {
      action:
        values.direction === 'agency-assesses-organisation'
          ? 'partnership.assessment-started'
          : 'partnership.agency-assessment-started',
      entity: 'partnership',
      entityId: values.partnershipId,
      agencyId: values.agencyId,
      after: row,
    });
    return row!;
  });
}

type AssessmentRow = typeof partnershipAssessments.$inferSelect;

/** The assessment, locked for this transaction, if it matches `where` and is still open. */
async function openAssessment(tx: Db, where: SQL | undefined): Promise<AssessmentRow> {
  const [row] = await tx.select().from(partnershipAssessments).where(where).for('update');
  if (!row) throw notFound('This assessment');
  if (row.state !== 'open') throw new Problem('conflict', 'This assessment is complete and cannot change.');
  return row;
}

const agencySide = (scope: AgencyScope, partnershipId: string, assessmentId: string) =>
  and(
    eq(partnershipAssessments.id, assessmentId),
    eq(partnershipAssessments.partnershipId, partnershipId),
    eq(partnershipAssessments.agencyId, scope.agencyId),
    eq(partnershipAssessments.direction, 'agency-assesses-organisation'),
  );

/** Answers are merged into those given before; null takes one back. Each is checked by its kind. */
export async function answerAssessment(
  platform: Platform,
  {
    actor,
    partnershipId,
    assessmentId,
    answers,
  }: {
    actor: UserActor;
    partnershipId: string;
    assessmentId: string;
    answers: Record<string, boolean | number | string | null>;
  },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  return platform.db.transaction(async (tx) =>
    applyAnswers(
      tx,
      actor,
      platform.clock.now(),
      await openAssessment(tx, agencySide(scope, partnershipId, assessmentId)),
      answers,
    ),
  );
}

/** Merges and checks answers, for either side; the audit row goes to the partnership's agency. */
export async function applyAnswers(
  tx: Db,
  actor: UserActor,
  now: Date,
  before: AssessmentRow,
  answers: Record<string, boolean | number | string | null>,
) {
  const errors: FieldError[] = [];
  const merged = { ...before.answers };
  for (const [id, value] of Object.entries(answers)) {
    const question = before.questions.find((q) => q.id === id);
    const field = `answers.${id}`;
    if (!question) {
      errors.push({ field, message: 'No such question in this assessment.' });
      continue;
    }
    if (value === null) {
      delete merged[id];
      continue;
    }
    const problem = checkAnswer(question, value);
    if (problem) errors.push({ field, message: problem });
    else if (question.kind === 'evidence' && !(await agencyFile(tx, before.agencyId, String(value))))
      errors.push({ field, message: 'No such file of this agency.' });
    else merged[id] = typeof value === 'string' ? value.trim() : value;
  }
  if (errors.length) throw fieldProblems(errors);
  const [after] = await tx
    .update(partnershipAssessments)
    .set({ answers: merged })
    .where(eq(partnershipAssessments.id, before.id))
    .returning();
  await recordAudit(tx, actor, now, {
    action: 'partnership.assessment-answered',
    entity: 'partnership',
    entityId: before.partnershipId,
    agencyId: before.agencyId,
    before: before.answers,
    after: merged,
  });
  return after!;
}

async function agencyFile(tx: Db, agencyId: string, id: string) {
  const [row] = await tx
    .select({ id: storedFiles.id })
    .from(storedFiles)
    .where(and(eq(storedFiles.id, id), eq(storedFiles.agencyId, agencyId)));
  return row;
}

/**
 * Complete once every required question is answered: the weighted score gives the risk rating by
 * the template's thresholds, and the result holds for the template's validity period.
 */
export async function completeAssessment(
  platform: Platform,
  { actor, partnershipId, assessmentId }: { actor: UserActor; partnershipId: string; assessmentId: string },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  return platform.db.transaction(async (tx) =>
    finishAssessment(
      tx,
      actor,
      platform.clock.now(),
      await openAssessment(tx, agencySide(scope, partnershipId, assessmentId)),
    ),
  );
}

/**
 * Complete once every required question is answered: the weighted score gives the risk rating by
 * the template's thresholds, and the result holds for the template's validity period.
 */
export async function finishAssessment(tx: Db, actor: UserActor, now: Date, before: AssessmentRow) {
  const missing = before.questions.filter((q) => q.required && before.answers[q.id] === undefined);
  if (missing.length)
    throw new Problem(
      'invalid-request',
      `${missing.length} required question${missing.length === 1 ? ' is' : 's are'} not answered.`,
      {
        errors: missing.map((q) => ({ field: `answers.${q.id}`, message: 'Required for this partnership.' })),
      },
    );
  const template = await templateOf(tx, before.agencyId, before.templateId);
  if (!template) throw notFound('This assessment’s template');
  const score = scoreOf(before.questions, before.answers);
  const validUntil = new Date(now);
  validUntil.setUTCMonth(validUntil.getUTCMonth() + template.validityMonths);
  const [after] = await tx
    .update(partnershipAssessments)
    .set({
      state: 'complete',
      score,
      riskRating: ratingOf(score, template.thresholds),
      validUntil: validUntil.toISOString().slice(0, 10),
      completedAt: now,
    })
    .where(eq(partnershipAssessments.id, before.id))
    .returning();
  await recordAudit(tx, actor, now, {
    action: 'partnership.assessment-completed',
    entity: 'partnership',
    entityId: before.partnershipId,
    agencyId: before.agencyId,
    before,
    after,
  });
  return after!;
}
