import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { invalid, notFound, Problem } from '../../platform/http/problems.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import { organisationSummaries } from '../register/index.ts';
import type { ConsultationInput, ConsultationView } from './contracts.ts';
import { consultationResponses, consultations, consultationSubmissions, policies } from './tables.ts';

type ConsultationRow = typeof consultations.$inferSelect;

const isOpen = (row: { opensAt: Date; closesAt: Date }, now: Date) =>
  row.opensAt <= now && now < row.closesAt;

/** A consultation by id alone: what the public page and submitters see, whichever agency runs it. */
export async function findConsultation(
  db: Db,
  id: string,
): Promise<ConsultationRow & { policyTitle: string }> {
  const [row] = await db
    .select({ consultation: consultations, policyTitle: policies.title })
    .from(consultations)
    .innerJoin(policies, eq(policies.id, consultations.policyId))
    .where(eq(consultations.id, id));
  if (!row) throw notFound('This consultation');
  return { ...row.consultation, policyTitle: row.policyTitle };
}

export async function publicConsultation(db: Db, id: string, now: Date) {
  const row = await findConsultation(db, id);
  const responses = await db
    .select({
      theme: consultationResponses.theme,
      youSaid: consultationResponses.youSaid,
      weDid: consultationResponses.weDid,
      publishedAt: consultationResponses.publishedAt,
    })
    .from(consultationResponses)
    .where(eq(consultationResponses.consultationId, id))
    .orderBy(asc(consultationResponses.theme));
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    policy: { id: row.policyId, title: row.policyTitle },
    questions: row.questions,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    open: isOpen(row, now),
    responses,
  };
}

/** The staff view: the public one with every submission and its themes; 404 for another agency. */
export async function loadConsultation(
  db: Db,
  scope: AgencyScope,
  id: string,
  now: Date,
): Promise<ConsultationView> {
  const row = await findConsultation(db, id);
  if (row.agencyId !== scope.agencyId) throw notFound('This consultation');
  const submissions = await db
    .select()
    .from(consultationSubmissions)
    .where(eq(consultationSubmissions.consultationId, id))
    .orderBy(asc(consultationSubmissions.submittedAt), asc(consultationSubmissions.id));
  const names = await organisationSummaries(
    db,
    submissions.flatMap((s) => (s.organisationId ? [s.organisationId] : [])),
  );
  return {
    ...(await publicConsultation(db, id, now)),
    submissions: submissions.map((s) => ({
      id: s.id,
      organisation: s.organisationId
        ? { id: s.organisationId, name: names.get(s.organisationId)?.legalName ?? '' }
        : null,
      name: s.name,
      email: s.email,
      answers: s.answers,
      themes: s.themes,
      submittedAt: s.submittedAt,
    })),
  };
}

export async function listConsultations(db: Db, scope: AgencyScope, now: Date, policyId?: string) {
  const rows = await db
    .select({
      id: consultations.id,
      title: consultations.title,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      submissions: sql<number>`(select count(*)::int from consultation_submissions s where s.consultation_id = consultations.id)`,
    })
    .from(consultations)
    .where(
      and(
        eq(consultations.agencyId, scope.agencyId),
        policyId ? eq(consultations.policyId, policyId) : undefined,
      ),
    )
    .orderBy(desc(consultations.closesAt))
    .limit(200);
  return {
    items: rows.map((row) => ({ ...row, submissions: Number(row.submissions), open: isOpen(row, now) })),
  };
}

export async function checkConsultationInput(db: Db, scope: AgencyScope, input: ConsultationInput) {
  if (Date.parse(input.closesAt) <= Date.parse(input.opensAt))
    throw invalid('closesAt', 'A consultation must close after it opens.');
  const [policy] = await db
    .select({ id: policies.id })
    .from(policies)
    .where(and(eq(policies.id, input.policyId), eq(policies.agencyId, scope.agencyId)));
  if (!policy) throw invalid('policyId', 'This is not a policy of your agency.');
}

/** Submissions are taken only while the consultation is open, and answer every question at most. */
export function checkSubmission(consultation: ConsultationRow, answers: string[], now: Date) {
  if (now < consultation.opensAt)
    throw new Problem(
      'conflict',
      `This consultation opens on ${consultation.opensAt.toISOString().slice(0, 10)}.`,
    );
  if (now >= consultation.closesAt)
    throw new Problem(
      'conflict',
      `This consultation closed on ${consultation.closesAt.toISOString().slice(0, 10)}; submissions are no longer taken.`,
    );
  if (answers.length > consultation.questions.length)
    throw invalid('answers', `This consultation asks ${consultation.questions.length} questions.`);
  if (answers.every((answer) => answer.trim() === ''))
    throw invalid('answers', 'Answer at least one question.');
}
