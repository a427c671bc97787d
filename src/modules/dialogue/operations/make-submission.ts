import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { authorizeForOrganisation, type Actor } from '../../../platform/policy/index.ts';
import { checkSubmission, findConsultation } from '../consultations.ts';
import { consultationSubmissions } from '../tables.ts';

type Submitter =
  | { kind: 'public'; name: string | null; email: string | null }
  | { kind: 'organisation'; organisationId: string };

/**
 * A written submission while the consultation is open: from anyone on the public page, or from a
 * CSO user for their organisation (authorizeForOrganisation). Nothing is taken after closing.
 */
export async function makeSubmission(
  platform: Platform,
  {
    actor,
    consultationId,
    submitter,
    answers,
  }: { actor: Actor; consultationId: string; submitter: Submitter; answers: string[] },
) {
  const organisation =
    submitter.kind === 'organisation'
      ? authorizeForOrganisation(actor, submitter.organisationId, 'organisation:respond')
      : null;
  const now = platform.clock.now();
  const consultation = await findConsultation(platform.db, consultationId);
  checkSubmission(consultation, answers, now);
  const userId = actor.kind === 'user' ? actor.userId : null;
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consultationSubmissions)
      .values({
        agencyId: consultation.agencyId,
        consultationId,
        organisationId: organisation?.organisationId ?? null,
        userId,
        name: submitter.kind === 'public' ? submitter.name : actor.kind === 'user' ? actor.name : null,
        email: submitter.kind === 'public' ? submitter.email : actor.kind === 'user' ? actor.email : null,
        answers,
        submittedAt: now,
      })
      .returning({ id: consultationSubmissions.id });
    await recordAudit(tx, actor, now, {
      action: 'consultation.submission-received',
      entity: 'consultation',
      entityId: consultationId,
      agencyId: consultation.agencyId,
      after: { submissionId: row!.id, organisationId: organisation?.organisationId ?? null },
    });
    return { id: row!.id, submittedAt: now };
  });
}
