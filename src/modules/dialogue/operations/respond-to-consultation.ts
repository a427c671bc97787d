import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { invalid, notFound, Problem } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { appUrl } from '../../../platform/accounts/links.ts';
import { loadConsultation } from '../consultations.ts';
import { logDisclosure } from '../disclosures.ts';
import { consultationResponses, consultationSubmissions } from '../tables.ts';
import { MAIL_JOB } from '../../../platform/mail/index.ts';

/** Staff tag a submission with the themes it raises, so each theme can be answered. */
export async function tagSubmission(
  platform: Platform,
  {
    actor,
    consultationId,
    submissionId,
    themes,
  }: { actor: UserActor; consultationId: string; submissionId: string; themes: string[] },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const before = await loadConsultation(platform.db, scope, consultationId, now);
  const submission = before.submissions.find((s) => s.id === submissionId);
  if (!submission) throw notFound('This submission');
  const tidy = [...new Set(themes.map((theme) => theme.trim().toLowerCase()))];
  return platform.db.transaction(async (tx) => {
    await tx
      .update(consultationSubmissions)
      .set({ themes: tidy })
      .where(
        and(
          eq(consultationSubmissions.id, submissionId),
          eq(consultationSubmissions.consultationId, consultationId),
        ),
      );
    await recordAudit(tx, actor, now, {
      action: 'consultation.submission-tagged',
      entity: 'consultation',
      entityId: consultationId,
      agencyId: scope.agencyId,
      before: { submissionId, themes: submission.themes },
      after: { submissionId, themes: tidy },
    });
    return loadConsultation(tx, scope, consultationId, now);
  });
}

/**
 * "You said, we did" for one theme, published once the consultation has closed (001 §16c:
 * feedback to partners). Everyone who raised that theme and left an address is told.
 */
export async function publishResponse(
  platform: Platform,
  {
    actor,
    consultationId,
    response,
  }: {
    actor: UserActor;
    consultationId: string;
    response: { theme: string; youSaid: string; weDid: string };
  },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const consultation = await loadConsultation(platform.db, scope, consultationId, now);
  if (consultation.closesAt > now)
    throw new Problem('conflict', 'Publish responses once the consultation has closed.');
  const theme = response.theme.trim().toLowerCase();
  const raisedBy = consultation.submissions.filter((s) => s.themes.includes(theme));
  if (raisedBy.length === 0) throw invalid('theme', 'No submission is tagged with this theme.');
  if (consultation.responses.some((r) => r.theme === theme))
    throw new Problem('conflict', 'A response to this theme is already published.');
  const after = await platform.db.transaction(async (tx) => {
    await tx.insert(consultationResponses).values({
      agencyId: scope.agencyId,
      consultationId,
      theme,
      youSaid: response.youSaid,
      weDid: response.weDid,
      publishedAt: now,
      publishedBy: actor.userId,
    });
    // 001 §16c: a published response is something told to partners; the log keeps it.
    await logDisclosure(
      tx,
      {
        agencyId: scope.agencyId,
        kind: 'consultation-response',
        subject: `${consultation.title}: you said, we did (${theme})`,
        toWhom: `Published on the consultation's public page; ${raisedBy.length} submitter(s) who raised it told by e-mail`,
        recipientCount: raisedBy.length,
        disclosedOn: now.toISOString().slice(0, 10),
        entity: 'consultation',
        entityId: consultationId,
        recordedBy: actor.userId,
      },
      now,
    );
    await recordAudit(tx, actor, now, {
      action: 'consultation.response-published',
      entity: 'consultation',
      entityId: consultationId,
      agencyId: scope.agencyId,
      after: {
        theme,
        youSaid: response.youSaid,
        weDid: response.weDid,
        told: raisedBy.filter((s) => s.email).length,
      },
    });
    return loadConsultation(tx, scope, consultationId, now);
  });
  const told = new Set<string>();
  for (const submission of raisedBy) {
    if (!submission.email || told.has(submission.email.toLowerCase())) continue;
    told.add(submission.email.toLowerCase());
    await platform.jobs.send(MAIL_JOB, {
      to: submission.email,
      subject: `${consultation.title}: what we did about ${theme}`,
      text: [
        `Kia orana${submission.name ? ` ${submission.name}` : ''},`,
        '',
        `Thank you for your submission to ${consultation.title}. You raised ${theme}.`,
        '',
        `You said: ${response.youSaid}`,
        `We did: ${response.weDid}`,
        '',
        appUrl(platform, `/consultations/${consultationId}`),
      ].join('\n'),
    });
  }
  return after;
}
