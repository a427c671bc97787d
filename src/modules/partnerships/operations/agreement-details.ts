import { and, eq, max, notInArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { receiveDocument, storeFile } from '../../../platform/files/upload.ts';
import { invalid, notFound, Problem, staleVersion } from '../../../platform/http/problems.ts';
import {
  authorize,
  authorizeForOrganisation,
  requireUser,
  scopeOf,
  type Actor,
  type UserActor,
} from '../../../platform/policy/index.ts';
import type { AgreementDetails } from '../agreement-contracts.ts';
import {
  agreementRow,
  changesBetween,
  checkAgreementDetails,
  comparable,
  presentAgreementDetails,
} from '../agreement-details.ts';
import { toMinorUnits } from '../currencies.ts';
import { partnershipRow } from '../partnerships.ts';
import {
  agreementAmendments,
  agreementBudgetLines,
  agreementFiles,
  agreementMilestones,
  agreementParties,
  partnershipAgreements,
  partnershipParties,
  partnerships,
} from '../tables.ts';

// Issue 4 item 8: an agreement's details, its amendments, signed copies and the code of conduct
// each party acknowledges (002 "all partners agree to a code of conduct").

/** Drafts change freely; signed and active agreements only by amendment; ended ones not at all. */
const amendable = new Set(['signed', 'active']);
const ended = new Set(['expired', 'terminated']);

async function writeDetails(
  tx: Db,
  agreementId: string,
  input: AgreementDetails,
  keepAcknowledgements: boolean,
) {
  const kept = input.parties.map((party) => party.organisationId);
  await tx
    .delete(agreementParties)
    .where(
      and(
        eq(agreementParties.agreementId, agreementId),
        ...(kept.length ? [notInArray(agreementParties.organisationId, kept)] : []),
      ),
    );
  for (const party of input.parties) {
    await tx
      .insert(agreementParties)
      .values({
        agreementId,
        organisationId: party.organisationId,
        responsibilities: party.responsibilities ?? null,
      })
      .onConflictDoUpdate({
        target: [agreementParties.agreementId, agreementParties.organisationId],
        set: {
          responsibilities: party.responsibilities ?? null,
          // A changed code of conduct must be acknowledged again.
          ...(keepAcknowledgements
            ? {}
            : { acknowledgedAt: null, acknowledgedBy: null, acknowledgedByName: null }),
        },
      });
  }
  await tx.delete(agreementMilestones).where(eq(agreementMilestones.agreementId, agreementId));
  if (input.milestones.length)
    await tx
      .insert(agreementMilestones)
      .values(input.milestones.map((m, position) => ({ agreementId, position, ...m })));
  await tx.delete(agreementBudgetLines).where(eq(agreementBudgetLines.agreementId, agreementId));
  if (input.budgetLines.length)
    await tx.insert(agreementBudgetLines).values(
      input.budgetLines.map((line, position) => ({
        agreementId,
        position,
        category: line.category,
        amountMinor: toMinorUnits(line.amount, line.currency)!,
        currency: line.currency,
        funder: line.funder ?? null,
      })),
    );
}

/**
 * Changes an agreement's details with the version it started from. Once signed, a change is an
 * amendment: it needs a reason, and what changed is kept with it (issue 4 item 8).
 */
export async function changeAgreement(
  platform: Platform,
  {
    actor,
    partnershipId,
    agreementId,
    input,
    version,
    amendmentReason,
  }: {
    actor: UserActor;
    partnershipId: string;
    agreementId: string;
    input: AgreementDetails;
    version: number;
    amendmentReason: string | null | undefined;
  },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  await partnershipRow(platform.db, scope, partnershipId);
  await checkAgreementDetails(platform.db, partnershipId, input);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const row = await agreementRow(tx, scope.agencyId, partnershipId, agreementId);
    const [before] = await presentAgreementDetails(tx, [row]);
    if (row.version !== version) throw staleVersion(before);
    if (ended.has(row.state))
      throw new Problem('conflict', `An agreement that is ${row.state} cannot change.`);
    const amendment = amendable.has(row.state);
    if (amendment && !amendmentReason?.trim())
      throw invalid('amendmentReason', 'A signed agreement changes only by an amendment: say why.');
    const changes = changesBetween(comparable(before!), comparable(input));
    if (changes.length === 0) return before!;
    await tx
      .update(partnershipAgreements)
      .set({
        kind: input.kind,
        title: input.title,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        conditions: input.conditions ?? null,
        conductTerms: input.conductTerms ?? null,
        version: version + 1,
        updatedAt: now,
      })
      .where(eq(partnershipAgreements.id, agreementId));
    await writeDetails(
      tx,
      agreementId,
      input,
      (input.conductTerms ?? null) === (before!.conductTerms ?? null),
    );
    if (amendment)
      await tx.insert(agreementAmendments).values({
        agreementId,
        version: version + 1,
        reason: amendmentReason!.trim(),
        changes,
        amendedAt: now,
        amendedBy: actor.userId,
        amendedByName: actor.name,
      });
    await recordAudit(tx, actor, now, {
      action: amendment ? 'partnership.agreement-amended' : 'partnership.agreement-changed',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      before: { agreementId, changes: changes.map((c) => ({ field: c.field, value: c.before })) },
      after: {
        agreementId,
        reason: amendmentReason ?? null,
        changes: changes.map((c) => ({ field: c.field, value: c.after })),
      },
    });
    const [after] = await presentAgreementDetails(tx, [
      await agreementRow(tx, scope.agencyId, partnershipId, agreementId),
    ]);
    return after!;
  });
}

/** A signed copy: each upload is the next version; earlier ones stay (issue 4 item 8). */
export async function uploadSignedCopy(
  platform: Platform,
  request: FastifyRequest,
  { actor, partnershipId, agreementId }: { actor: UserActor; partnershipId: string; agreementId: string },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  await agreementRow(platform.db, scope.agencyId, partnershipId, agreementId);
  const { bytes, name, contentType } = await receiveDocument(platform, request);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    // Lock the agreement so two uploads at once get consecutive versions.
    await tx
      .select({ id: partnershipAgreements.id })
      .from(partnershipAgreements)
      .where(eq(partnershipAgreements.id, agreementId))
      .for('update');
    const [last] = await tx
      .select({ version: max(agreementFiles.version) })
      .from(agreementFiles)
      .where(eq(agreementFiles.agreementId, agreementId));
    const stored = await storeFile(platform, tx, {
      agencyId: scope.agencyId,
      userId: actor.userId,
      name,
      contentType,
      bytes,
      ownerEntity: 'partnership-agreement',
    });
    const version = (last?.version ?? 0) + 1;
    await tx.insert(agreementFiles).values({
      agreementId,
      version,
      fileId: stored.id,
      uploadedAt: now,
      uploadedBy: actor.userId,
      uploadedByName: actor.name,
    });
    await recordAudit(tx, actor, now, {
      action: 'partnership.agreement-file-added',
      entity: 'partnership',
      entityId: partnershipId,
      agencyId: scope.agencyId,
      after: { agreementId, version, fileId: stored.id, name, sha256: stored.sha256 },
    });
    return { version, fileId: stored.id };
  });
}

/** The agreements of a partnership an organisation is a party to, as the organisation sees them. */
export async function organisationAgreements(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  partnershipId: string,
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:read');
  const [party] = await platform.db
    .select({ agencyId: partnerships.agencyId })
    .from(partnershipParties)
    .innerJoin(partnerships, eq(partnerships.id, partnershipParties.partnershipId))
    .where(
      and(
        eq(partnershipParties.partnershipId, partnershipId),
        eq(partnershipParties.organisationId, scope.organisationId),
      ),
    );
  if (!party) throw notFound('This partnership');
  // Drafts are the agency's working copies; the organisation sees agreements once negotiated.
  const rows = (
    await platform.db
      .select()
      .from(partnershipAgreements)
      .where(
        and(
          eq(partnershipAgreements.partnershipId, partnershipId),
          eq(partnershipAgreements.agencyId, party.agencyId),
        ),
      )
  ).filter((row) => row.state !== 'draft');
  return { items: await presentAgreementDetails(platform.db, rows) };
}

/**
 * A CSO user acknowledges the agreement's code of conduct for their organisation: who and when are
 * kept. Only a party of the agreement may; once is enough (a second call changes nothing).
 */
export async function acknowledgeConduct(
  platform: Platform,
  {
    actor,
    organisationId,
    partnershipId,
    agreementId,
  }: { actor: Actor; organisationId: string; partnershipId: string; agreementId: string },
) {
  const scope = authorizeForOrganisation(actor, organisationId, 'organisation:respond');
  const user = requireUser(actor);
  const now = platform.clock.now();
  const [partyOfPartnership] = await platform.db
    .select({ organisationId: partnershipParties.organisationId })
    .from(partnershipParties)
    .where(
      and(
        eq(partnershipParties.partnershipId, partnershipId),
        eq(partnershipParties.organisationId, scope.organisationId),
      ),
    );
  if (!partyOfPartnership) throw notFound('This partnership');
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ agreement: partnershipAgreements, party: agreementParties })
      .from(partnershipAgreements)
      .leftJoin(
        agreementParties,
        and(
          eq(agreementParties.agreementId, partnershipAgreements.id),
          eq(agreementParties.organisationId, scope.organisationId),
        ),
      )
      .where(
        and(
          eq(partnershipAgreements.id, agreementId),
          eq(partnershipAgreements.partnershipId, partnershipId),
        ),
      );
    if (!row || row.agreement.state === 'draft') throw notFound('This agreement');
    if (!row.party) throw new Problem('forbidden', 'Your organisation is not a party to this agreement.');
    if (!row.agreement.conductTerms)
      throw new Problem('conflict', 'This agreement has no code of conduct to acknowledge.');
    if (!row.party.acknowledgedAt) {
      await tx
        .update(agreementParties)
        .set({ acknowledgedAt: now, acknowledgedBy: user.userId, acknowledgedByName: user.name })
        .where(
          and(
            eq(agreementParties.agreementId, agreementId),
            eq(agreementParties.organisationId, scope.organisationId),
          ),
        );
      await recordAudit(tx, user, now, {
        action: 'partnership.conduct-acknowledged',
        entity: 'partnership',
        entityId: partnershipId,
        agencyId: row.agreement.agencyId,
        after: { agreementId, organisationId: scope.organisationId },
      });
    }
    const [view] = await presentAgreementDetails(tx, [row.agreement]);
    return view!;
  });
}

/**
 * Before signing, what the code of conduct still waits for, if anything (002: "all partners agree
 * to a code of conduct"): every party's acknowledgement, and so at least one party named to give it.
 */
export async function conductStopsSigning(
  tx: Db,
  agreement: typeof partnershipAgreements.$inferSelect,
): Promise<string | null> {
  if (!agreement.conductTerms) return null;
  const parties = await tx
    .select({ at: agreementParties.acknowledgedAt })
    .from(agreementParties)
    .where(eq(agreementParties.agreementId, agreement.id));
  if (parties.length === 0)
    return 'The agreement has a code of conduct but names no party to acknowledge it: add its parties first.';
  const waiting = parties.filter((party) => !party.at).length;
  if (waiting === 0) return null;
  return `${waiting} part${waiting === 1 ? 'y has' : 'ies have'} not acknowledged the code of conduct.`;
}
