import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { storeFile } from '../../../platform/files/upload.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { notFound, Problem } from '../../../platform/http/problems.ts';
import {
  authorizeForOrganisation,
  requireUser,
  type Actor,
  type OrganisationScope,
} from '../../../platform/policy/index.ts';
import { questionsFor, templatesOf } from '../due-diligence.ts';
import { presentAssessment, summariesOf } from '../partnerships.ts';
import { partnershipAssessments, partnershipParties, partnerships } from '../tables.ts';
import { applyAnswers, finishAssessment, openNewAssessment } from './due-diligence.ts';

// The CSO portal's side of partnerships (001 §15d: due diligence goes both ways). An organisation
// sees the partnerships it is a party to, with any agency, and assesses the agency in each.

const direction = 'organisation-assesses-agency';

export async function partnershipOf(db: Db, scope: OrganisationScope, partnershipId: string) {
  const [row] = await db
    .select({ partnership: partnerships })
    .from(partnerships)
    .innerJoin(partnershipParties, eq(partnershipParties.partnershipId, partnerships.id))
    .where(
      and(eq(partnerships.id, partnershipId), eq(partnershipParties.organisationId, scope.organisationId)),
    );
  if (!row) throw notFound('This partnership');
  return row.partnership;
}

export async function organisationPartnerships(platform: Platform, actor: Actor, organisationId: string) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:read');
  const rows = await platform.db
    .select({ partnership: partnerships })
    .from(partnerships)
    .innerJoin(partnershipParties, eq(partnershipParties.partnershipId, partnerships.id))
    .where(eq(partnershipParties.organisationId, scope.organisationId))
    .orderBy(desc(partnerships.updatedAt))
    .limit(200);
  return {
    items: await summariesOf(
      platform.db,
      rows.map((row) => row.partnership),
    ),
  };
}

/**
 * A file an organisation attaches to an answer of its due diligence of the agency (a policy, a
 * report). CSO users belong to no agency, so `/files` is not theirs: the file is stored with the
 * partnership's agency, whose staff read the assessment, and audited in the same transaction.
 */
export async function storeAssessmentEvidence(
  platform: Platform,
  {
    actor,
    organisationId,
    partnershipId,
    file,
  }: {
    actor: Actor;
    organisationId: string;
    partnershipId: string;
    file: { bytes: Buffer; name: string; contentType: string };
  },
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:respond');
  const user = requireUser(actor);
  const partnership = await partnershipOf(platform.db, scope, partnershipId);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const stored = await storeFile(platform, tx, {
      agencyId: partnership.agencyId,
      userId: user.userId,
      ownerEntity: 'partnership',
      ...file,
    });
    await recordAudit(tx, user, now, {
      action: 'file.uploaded',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: partnership.agencyId,
      after: {
        fileId: stored.id,
        name: file.name,
        contentType: file.contentType,
        size: file.bytes.length,
        organisationId,
      },
    });
    return stored;
  });
}

/** One partnership as its organisation sees it: the summary and its own assessments of the agency. */
export async function organisationPartnership(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  partnershipId: string,
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:read');
  const row = await partnershipOf(platform.db, scope, partnershipId);
  const [summary] = await summariesOf(platform.db, [row]);
  const assessments = await platform.db
    .select()
    .from(partnershipAssessments)
    .where(
      and(
        eq(partnershipAssessments.partnershipId, partnershipId),
        eq(partnershipAssessments.organisationId, scope.organisationId),
        inArray(partnershipAssessments.direction, [direction]),
      ),
    );
  return { ...summary!, assessments: assessments.map(presentAssessment) };
}

export async function startAgencyAssessment(
  platform: Platform,
  { actor, organisationId, partnershipId }: { actor: Actor; organisationId: string; partnershipId: string },
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:respond');
  const user = requireUser(actor);
  const partnership = await partnershipOf(platform.db, scope, partnershipId);
  const template = (await templatesOf(platform.db, partnership.agencyId)).find(
    (t) => t.active && t.direction === direction,
  );
  if (!template)
    throw new Problem('conflict', 'The agency has no questionnaire for organisations to answer.');
  const subject = {
    form: partnership.form as Parameters<typeof questionsFor>[1]['form'],
    formality: partnership.formality as Parameters<typeof questionsFor>[1]['formality'],
    focusAreas: partnership.focusAreas,
    involvesFunding: partnership.involvesFunding,
  };
  return openNewAssessment(platform, user, {
    agencyId: partnership.agencyId,
    partnershipId,
    organisationId: scope.organisationId,
    direction,
    templateId: template.id,
    questions: questionsFor(template.sections, subject),
  });
}

const ownAssessment = (scope: OrganisationScope, partnershipId: string, assessmentId: string) =>
  and(
    eq(partnershipAssessments.id, assessmentId),
    eq(partnershipAssessments.partnershipId, partnershipId),
    eq(partnershipAssessments.organisationId, scope.organisationId),
    eq(partnershipAssessments.direction, direction),
  );

async function lockOwn(tx: Db, scope: OrganisationScope, partnershipId: string, assessmentId: string) {
  const [row] = await tx
    .select()
    .from(partnershipAssessments)
    .where(ownAssessment(scope, partnershipId, assessmentId))
    .for('update');
  if (!row) throw notFound('This assessment');
  if (row.state !== 'open') throw new Problem('conflict', 'This assessment is complete and cannot change.');
  return row;
}

export async function answerAgencyAssessment(
  platform: Platform,
  {
    actor,
    organisationId,
    partnershipId,
    assessmentId,
    answers,
  }: {
    actor: Actor;
    organisationId: string;
    partnershipId: string;
    assessmentId: string;
    answers: Record<string, boolean | number | string | null>;
  },
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:respond');
  const user = requireUser(actor);
  return platform.db.transaction(async (tx) =>
    applyAnswers(
      tx,
      user,
      platform.clock.now(),
      await lockOwn(tx, scope, partnershipId, assessmentId),
      answers,
    ),
  );
}

export async function completeAgencyAssessment(
  platform: Platform,
  {
    actor,
    organisationId,
    partnershipId,
    assessmentId,
  }: { actor: Actor; organisationId: string; partnershipId: string; assessmentId: string },
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:respond');
  const user = requireUser(actor);
  return platform.db.transaction(async (tx) =>
    finishAssessment(tx, user, platform.clock.now(), await lockOwn(tx, scope, partnershipId, assessmentId)),
  );
}
