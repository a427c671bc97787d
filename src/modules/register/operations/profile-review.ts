// A CSO keeps its own profile (issue 3 item 3). Fields an agency verified change only after a
// coordinator accepts the change, with a reason when rejected; the rest change at once.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { agencies, users } from '../../../platform/accounts/tables.ts';
import { appUrl } from '../../../platform/accounts/links.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound, Problem, staleVersion } from '../../../platform/http/problems.ts';
import {
  authorize,
  authorizeForOrganisation,
  scopeOf,
  type UserActor,
} from '../../../platform/policy/index.ts';
import { type OrganisationInput, type ProfileChangeView, type ProfileField } from '../contracts.ts';
import { loadOrganisation, profileColumns, writeRelations } from '../organisations.ts';
import {
  asSeenBy,
  changedFields,
  fieldsOfGroups,
  groupsHiddenFrom,
  inputOf,
  refuseHiddenFields,
} from '../profile-access.ts';
import { loadSettings } from '../register-status.ts';
import { organisations, organisationVerifications, privateAccess, profileChanges } from '../tables.ts';
import { checkAgainstRegister } from '../validation.ts';
import { MAIL_JOB } from '../../../platform/mail/index.ts';

/** Writes a whole profile if nobody moved its version first; the caller audits. */
async function writeProfile(tx: Db, id: string, input: OrganisationInput, version: number, now: Date) {
  const [updated] = await tx
    .update(organisations)
    .set({ ...profileColumns(input), version: version + 1, updatedAt: now })
    .where(and(eq(organisations.id, id), eq(organisations.version, version)))
    .returning({ version: organisations.version });
  if (!updated) return false;
  await writeRelations(tx, id, input);
  return true;
}

async function verifiedFieldsOf(db: Db, organisationId: string): Promise<Set<string>> {
  const rows = await db
    .select({ field: organisationVerifications.field })
    .from(organisationVerifications)
    .where(eq(organisationVerifications.organisationId, organisationId));
  return new Set(rows.map((row) => row.field));
}

/**
 * The CSO's edit of its own profile: unverified fields (and its visibility choices) apply now;
 * each changed verified field becomes a pending change, replacing an older pending one.
 */
export async function proposeProfile(
  platform: Platform,
  actor: UserActor,
  id: string,
  { version, ...input }: OrganisationInput & { version: number },
) {
  authorizeForOrganisation(actor, id, 'organisation:edit');
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  const current = await loadOrganisation(platform.db, id, settings, now);
  if (current.version !== version) throw staleVersion(current);
  await checkAgainstRegister(platform.db, input, id);
  const stored = inputOf(current);
  const verified = await verifiedFieldsOf(platform.db, id);
  const changed = changedFields(stored, input);
  const toReview = changed.filter((field) => verified.has(field));
  const applied: OrganisationInput = { ...input };
  for (const field of toReview) (applied as Record<string, unknown>)[field] = stored[field];

  return platform.db.transaction(async (tx) => {
    const appliesNow =
      changed.length > toReview.length ||
      JSON.stringify(input.visibility) !== JSON.stringify(stored.visibility);
    if (appliesNow) {
      if (!(await writeProfile(tx, id, applied, version, now)))
        throw staleVersion(await loadOrganisation(tx, id, settings, now));
    }
    const waiting: string[] = [];
    for (const field of toReview) {
      await tx
        .update(profileChanges)
        .set({ status: 'superseded', decidedAt: now })
        .where(
          and(
            eq(profileChanges.organisationId, id),
            eq(profileChanges.field, field),
            eq(profileChanges.status, 'pending'),
          ),
        );
      const [row] = await tx
        .insert(profileChanges)
        .values({
          organisationId: id,
          field,
          currentValue: stored[field] ?? null,
          proposedValue: input[field] ?? null,
          proposedBy: actor.userId,
          proposedAt: now,
        })
        .returning({ id: profileChanges.id });
      waiting.push(row!.id);
    }
    const after = await loadOrganisation(tx, id, settings, now);
    await recordAudit(tx, actor, now, {
      action: 'organisation.changed-by-organisation',
      entity: 'organisation',
      entityId: id,
      agencyId: null,
      before: current,
      after: { ...after, waitingForReview: toReview },
    });
    return { organisation: after, waitingForReview: await changesById(tx, waiting) };
  });
}

function changeColumns() {
  return {
    id: profileChanges.id,
    organisationId: profileChanges.organisationId,
    organisationName: organisations.legalName,
    field: profileChanges.field,
    currentValue: profileChanges.currentValue,
    proposedValue: profileChanges.proposedValue,
    proposedBy: users.name,
    proposedAt: profileChanges.proposedAt,
    status: profileChanges.status,
    reason: profileChanges.reason,
    decidedAt: profileChanges.decidedAt,
  };
}

async function changesById(db: Db, ids: string[]): Promise<ProfileChangeView[]> {
  if (ids.length === 0) return [];
  return db
    .select(changeColumns())
    .from(profileChanges)
    .innerJoin(organisations, eq(organisations.id, profileChanges.organisationId))
    .innerJoin(users, eq(users.id, profileChanges.proposedBy))
    .where(inArray(profileChanges.id, ids))
    .orderBy(asc(profileChanges.proposedAt));
}

/** The review queue for staff, or one organisation's own changes for its CSO users. */
export async function listProfileChanges(
  platform: Platform,
  actor: UserActor,
  filter: { status: string; organisation?: string | undefined },
): Promise<ProfileChangeView[]> {
  const ownOrganisation =
    filter.organisation && actor.organisations.some((m) => m.organisationId === filter.organisation);
  if (!ownOrganisation) authorize(actor, 'register:read');
  const conditions = [eq(profileChanges.status, filter.status)];
  if (filter.organisation) conditions.push(eq(profileChanges.organisationId, filter.organisation));
  const rows = await platform.db
    .select({ ...changeColumns(), visibility: organisations.visibility })
    .from(profileChanges)
    .innerJoin(organisations, eq(organisations.id, profileChanges.organisationId))
    .innerJoin(users, eq(users.id, profileChanges.proposedBy))
    .where(and(...conditions))
    .orderBy(filter.status === 'pending' ? asc(profileChanges.proposedAt) : desc(profileChanges.decidedAt))
    .limit(500);
  if (ownOrganisation) return rows.map(({ visibility: _visibility, ...change }) => change);
  // A change to a private part shows its values only to agencies the organisation chose.
  const { agencyId } = scopeOf(actor);
  const hiddenByOrganisation = new Map<string, string[]>();
  for (const row of rows) {
    if (hiddenByOrganisation.has(row.organisationId)) continue;
    const groups = await groupsHiddenFrom(
      platform.db,
      { id: row.organisationId, visibility: row.visibility },
      agencyId,
    );
    hiddenByOrganisation.set(row.organisationId, fieldsOfGroups(groups));
  }
  return rows.map(({ visibility: _visibility, ...change }) =>
    hiddenByOrganisation.get(change.organisationId)!.includes(change.field as ProfileField)
      ? { ...change, currentValue: null, proposedValue: null }
      : change,
  );
}

/**
 * A coordinator accepts (the field takes the proposed value and counts as verified by their
 * agency) or rejects with a reason; the proposer is told either way.
 */
export async function decideProfileChange(
  platform: Platform,
  actor: UserActor,
  changeId: string,
  decision: { accept: boolean; reason: string },
) {
  authorize(actor, 'register:review');
  const { agencyId } = scopeOf(actor);
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  const [change] = await platform.db.select().from(profileChanges).where(eq(profileChanges.id, changeId));
  if (!change) throw notFound('This change');
  if (change.status !== 'pending') throw new Problem('conflict', `This change was ${change.status} already.`);
  const field = change.field as ProfileField;
  const current = await loadOrganisation(platform.db, change.organisationId, settings, now);
  await refuseHiddenFields(platform.db, current, agencyId, [field]);
  const input = { ...inputOf(current), [field]: change.proposedValue } as OrganisationInput;
  if (decision.accept) await checkAgainstRegister(platform.db, input, change.organisationId);

  const result = await platform.db.transaction(async (tx) => {
    const [decided] = await tx
      .update(profileChanges)
      .set({
        status: decision.accept ? 'accepted' : 'rejected',
        reason: decision.reason || null,
        decidedBy: actor.userId,
        decidedAt: now,
        agencyId,
      })
      .where(and(eq(profileChanges.id, changeId), eq(profileChanges.status, 'pending')))
      .returning();
    if (!decided) throw new Problem('conflict', 'Someone decided on this change already.');
    if (decision.accept) {
      if (!(await writeProfile(tx, change.organisationId, input, current.version, now)))
        throw new Problem('stale-version', 'The profile changed while you decided. Look again and decide.');
      await markVerified(tx, change.organisationId, [field], agencyId, actor.userId, now);
    }
    await recordAudit(tx, actor, now, {
      action: decision.accept ? 'profile-change.accepted' : 'profile-change.rejected',
      entity: 'organisation',
      entityId: change.organisationId,
      agencyId,
      before: { [field]: change.currentValue },
      after: {
        [field]: decision.accept ? change.proposedValue : change.currentValue,
        reason: decision.reason || null,
      },
    });
    return (await changesById(tx, [changeId]))[0]!;
  });
  await tellProposer(platform, change.proposedBy, result, decision);
  return result;
}

async function tellProposer(
  platform: Platform,
  userId: string,
  change: ProfileChangeView,
  decision: { accept: boolean; reason: string },
) {
  const [person] = await platform.db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  if (!person) return;
  await platform.jobs.send(MAIL_JOB, {
    to: person.email,
    subject: `Your change to ${change.organisationName} was ${decision.accept ? 'accepted' : 'not accepted'}`,
    text: [
      `Kia orana ${person.name},`,
      '',
      `Your change to "${change.field}" of ${change.organisationName} was ${decision.accept ? 'accepted' : 'not accepted'}.`,
      ...(decision.reason ? ['', `The reason given: ${decision.reason}`] : []),
      '',
      appUrl(platform, `/portal/${change.organisationId}`),
    ].join('\n'),
  });
}

async function markVerified(
  tx: Db,
  organisationId: string,
  fields: string[],
  agencyId: string,
  userId: string,
  now: Date,
) {
  for (const field of fields) {
    await tx
      .insert(organisationVerifications)
      .values({ organisationId, field, agencyId, verifiedBy: userId, verifiedAt: now })
      .onConflictDoUpdate({
        target: [organisationVerifications.organisationId, organisationVerifications.field],
        set: { agencyId, verifiedBy: userId, verifiedAt: now },
      });
  }
}

/** Staff mark fields as checked against evidence; from then the CSO's changes to them are reviewed. */
export async function verifyFields(
  platform: Platform,
  actor: UserActor,
  organisationId: string,
  fields: string[],
) {
  authorize(actor, 'register:review');
  const { agencyId } = scopeOf(actor);
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  const current = await loadOrganisation(platform.db, organisationId, settings, now);
  await refuseHiddenFields(platform.db, current, agencyId, fields);
  await platform.db.transaction(async (tx) => {
    await markVerified(tx, organisationId, fields, agencyId, actor.userId, now);
    await recordAudit(tx, actor, now, {
      action: 'organisation.fields-verified',
      entity: 'organisation',
      entityId: organisationId,
      agencyId,
      after: { fields },
    });
  });
  return asSeenBy(platform.db, await loadOrganisation(platform.db, organisationId, settings, now), actor);
}

/** Every agency on the deployment, and whether the CSO lets it see its private parts. */
export async function showPrivateAccess(platform: Platform, actor: UserActor, organisationId: string) {
  authorizeForOrganisation(actor, organisationId, 'organisation:read');
  const rows = await platform.db
    .select({ id: agencies.id, name: agencies.name, grantedAt: privateAccess.grantedAt })
    .from(agencies)
    .leftJoin(
      privateAccess,
      and(eq(privateAccess.agencyId, agencies.id), eq(privateAccess.organisationId, organisationId)),
    )
    .orderBy(asc(agencies.name));
  return {
    agencies: rows.map((row) => ({ id: row.id, name: row.name, canSeePrivate: row.grantedAt !== null })),
  };
}

export async function choosePrivateAccess(
  platform: Platform,
  actor: UserActor,
  organisationId: string,
  agencyIds: string[],
) {
  authorizeForOrganisation(actor, organisationId, 'organisation:edit');
  const chosen = [...new Set(agencyIds)];
  const known = chosen.length
    ? await platform.db.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, chosen))
    : [];
  const unknown = chosen.filter((id) => !known.some((row) => row.id === id));
  if (unknown.length) throw invalid('agencyIds', `No agency ${unknown[0]} on this Vaka.`);
  const now = platform.clock.now();
  const before = await showPrivateAccess(platform, actor, organisationId);
  await platform.db.transaction(async (tx) => {
    await tx.delete(privateAccess).where(eq(privateAccess.organisationId, organisationId));
    if (chosen.length)
      await tx
        .insert(privateAccess)
        .values(
          chosen.map((agencyId) => ({ organisationId, agencyId, grantedBy: actor.userId, grantedAt: now })),
        );
    await recordAudit(tx, actor, now, {
      action: 'organisation.private-access-chosen',
      entity: 'organisation',
      entityId: organisationId,
      agencyId: null,
      before: before.agencies.filter((a) => a.canSeePrivate).map((a) => a.id),
      after: chosen,
    });
  });
  return showPrivateAccess(platform, actor, organisationId);
}
