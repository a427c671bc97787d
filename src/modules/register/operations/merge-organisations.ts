import { eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { forbidden, invalid, notFound } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { fieldGroups, visibilityLevels, type OrganisationView } from '../contracts.ts';
import { loadOrganisation, refreshSearchText } from '../organisations.ts';
import { groupsHiddenFrom } from '../profile-access.ts';
import { loadSettings } from '../register-status.ts';
import {
  affiliations,
  contacts,
  organisationIdentifiers,
  organisationNames,
  organisationPlaces,
  organisations,
  organisationTerms,
  privateAccess,
  profileChanges,
  renewals,
} from '../tables.ts';

/**
 * Issue 3 §5: two profiles of one organisation become one. Everything attached to the duplicate
 * moves to the survivor; the duplicate stays as a redirect so old links and exports still resolve.
 */
export async function mergeOrganisations(
  platform: Platform,
  { actor, survivorId, duplicateId }: { actor: UserActor; survivorId: string; duplicateId: string },
) {
  authorize(actor, 'register:edit');
  const { agencyId } = scopeOf(actor);
  if (survivorId === duplicateId)
    throw invalid('duplicateId', 'An organisation cannot be merged into itself.');
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  return platform.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(organisations)
      .where(inArray(organisations.id, [survivorId, duplicateId]))
      .for('update');
    const survivor = rows.find((row) => row.id === survivorId);
    const duplicate = rows.find((row) => row.id === duplicateId);
    if (!survivor || survivor.mergedIntoId) throw notFound('This organisation');
    if (!duplicate || duplicate.mergedIntoId)
      throw invalid('duplicateId', 'No such organisation in the register, or it was merged already.');
    const before = {
      survivor: await loadOrganisation(tx, survivorId, settings, now),
      duplicate: await loadOrganisation(tx, duplicateId, settings, now),
    };
    // An agency merges only what it sees whole: a merge moves every part (issue 18 item 3).
    for (const profile of [before.survivor, before.duplicate])
      if ((await groupsHiddenFrom(tx, profile, agencyId)).length > 0)
        throw forbidden(
          `${profile.legalName} keeps parts of its profile private from your agency, so your agency cannot merge it. An agency it chose, or its administrators, can.`,
        );

    await moveRelations(tx, survivorId, duplicateId, duplicate.legalName);
    await keepPrivateAsPrivate(tx, before.survivor, before.duplicate);
    // The survivor keeps the more recent confirmation of the two.
    const lastConfirmedAt =
      survivor.lastConfirmedAt > duplicate.lastConfirmedAt
        ? survivor.lastConfirmedAt
        : duplicate.lastConfirmedAt;
    await tx
      .update(organisations)
      .set({ lastConfirmedAt, version: survivor.version + 1, updatedAt: now })
      .where(eq(organisations.id, survivorId));
    await tx
      .update(organisations)
      .set({ mergedIntoId: survivorId, version: duplicate.version + 1, updatedAt: now, searchText: '' })
      .where(eq(organisations.id, duplicateId));
    await refreshSearchText(tx, survivorId);

    const after = await loadOrganisation(tx, survivorId, settings, now);
    await recordAudit(tx, actor, now, {
      action: 'organisation.merged',
      entity: 'organisation',
      entityId: survivorId,
      agencyId,
      before,
      after: { ...after, mergedFrom: duplicateId },
    });
    await recordAudit(tx, actor, now, {
      action: 'organisation.merged-away',
      entity: 'organisation',
      entityId: duplicateId,
      agencyId,
      before: before.duplicate,
      after: { mergedInto: survivorId },
    });
    return after;
  });
}

async function moveRelations(tx: Db, survivorId: string, duplicateId: string, duplicateName: string) {
  await tx
    .insert(organisationNames)
    .values({ organisationId: survivorId, name: duplicateName, language: 'und' });
  await tx
    .update(organisationNames)
    .set({ organisationId: survivorId })
    .where(eq(organisationNames.organisationId, duplicateId));
  await tx
    .update(organisationIdentifiers)
    .set({ organisationId: survivorId })
    .where(eq(organisationIdentifiers.organisationId, duplicateId));
  await tx
    .update(contacts)
    .set({ organisationId: survivorId })
    .where(eq(contacts.organisationId, duplicateId));
  await tx
    .update(renewals)
    .set({ organisationId: survivorId })
    .where(eq(renewals.organisationId, duplicateId));
  // Terms, places and affiliations are sets: copy what the survivor lacks, then drop the duplicate's.
  await tx.execute(sql`insert into organisation_terms (organisation_id, taxonomy, code)
    select ${survivorId}, taxonomy, code from organisation_terms where organisation_id = ${duplicateId} on conflict do nothing`);
  await tx.delete(organisationTerms).where(eq(organisationTerms.organisationId, duplicateId));
  await tx.execute(sql`insert into organisation_places (organisation_id, place_id)
    select ${survivorId}, place_id from organisation_places where organisation_id = ${duplicateId} on conflict do nothing`);
  await tx.delete(organisationPlaces).where(eq(organisationPlaces.organisationId, duplicateId));
  await tx.execute(sql`insert into affiliations (member_id, umbrella_id, created_at)
    select ${survivorId}, umbrella_id, created_at from affiliations where member_id = ${duplicateId} and umbrella_id <> ${survivorId} on conflict do nothing`);
  await tx.execute(sql`insert into affiliations (member_id, umbrella_id, created_at)
    select member_id, ${survivorId}, created_at from affiliations where umbrella_id = ${duplicateId} and member_id <> ${survivorId} on conflict do nothing`);
  await tx.delete(affiliations).where(eq(affiliations.memberId, duplicateId));
  await tx.delete(affiliations).where(eq(affiliations.umbrellaId, duplicateId));
  // The CSO's users and its pending changes follow it to the survivor (its sharing choices: below).
  await tx.execute(sql`insert into organisation_members (organisation_id, user_id, role, status, confirmed_at, confirmed_by, created_at)
    select ${survivorId}, user_id, role, status, confirmed_at, confirmed_by, created_at from organisation_members where organisation_id = ${duplicateId} on conflict do nothing`);
  await tx.execute(sql`delete from organisation_members where organisation_id = ${duplicateId}`);
  await tx
    .update(profileChanges)
    .set({ organisationId: survivorId })
    .where(eq(profileChanges.organisationId, duplicateId));
}

const strictness = (level: string) => visibilityLevels.indexOf(level as (typeof visibilityLevels)[number]);
const hasPrivate = (view: OrganisationView) => Object.values(view.visibility).includes('private');

/**
 * The merged profile holds both profiles' values, so each group takes the stricter of the two
 * choices, and its private parts go only to agencies both profiles chose: a union would show one
 * profile's private values to the agencies the other chose.
 */
async function keepPrivateAsPrivate(tx: Db, survivor: OrganisationView, duplicate: OrganisationView) {
  const visibility: OrganisationView['visibility'] = {};
  for (const group of fieldGroups) {
    const levels = [survivor.visibility[group], duplicate.visibility[group]].filter((l) => l !== undefined);
    if (levels.length === 0) continue;
    visibility[group] = levels.reduce((a, b) => (strictness(b) > strictness(a) ? b : a));
  }
  await tx.update(organisations).set({ visibility }).where(eq(organisations.id, survivor.id));
  if (hasPrivate(duplicate) && !hasPrivate(survivor)) {
    await tx.delete(privateAccess).where(eq(privateAccess.organisationId, survivor.id));
    await tx.execute(sql`insert into private_access (organisation_id, agency_id, granted_by, granted_at)
      select ${survivor.id}, agency_id, granted_by, granted_at from private_access where organisation_id = ${duplicate.id}`);
  } else if (hasPrivate(duplicate)) {
    await tx.execute(sql`delete from private_access s where s.organisation_id = ${survivor.id}
      and not exists (select 1 from private_access d where d.organisation_id = ${duplicate.id} and d.agency_id = s.agency_id)`);
  }
  await tx.delete(privateAccess).where(eq(privateAccess.organisationId, duplicate.id));
}
