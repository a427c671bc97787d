// What the partnerships and dialogue modules ask of the register, through index.ts.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { notPrivate } from './profile-access.ts';
import {
  contacts,
  organisationPlaces,
  organisations,
  organisationTerms,
  places,
  taxonomyTerms,
} from './tables.ts';

export type OrganisationSummary = { id: string; legalName: string; acronym: string | null; kind: string };

/** Names of live (not merged) organisations by id; ids that are missing or merged are left out. */
export async function organisationSummaries(
  db: Db,
  ids: string[],
): Promise<Map<string, OrganisationSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: organisations.id,
      legalName: organisations.legalName,
      acronym: organisations.acronym,
      kind: organisations.kind,
    })
    .from(organisations)
    .where(and(inArray(organisations.id, [...new Set(ids)]), isNull(organisations.mergedIntoId)));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The ids of this list that are not live organisations of the register. */
export async function missingOrganisations(db: Db, ids: string[]): Promise<string[]> {
  const found = await organisationSummaries(db, ids);
  return ids.filter((id) => !found.has(id));
}

/** The codes of this list that are not active terms of a taxonomy ('focus-area', 'population', 'kind'). */
export async function unknownTerms(db: Db, taxonomy: string, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select({ code: taxonomyTerms.code })
    .from(taxonomyTerms)
    .where(
      and(
        eq(taxonomyTerms.taxonomy, taxonomy),
        eq(taxonomyTerms.active, true),
        inArray(taxonomyTerms.code, codes),
      ),
    );
  const known = new Set(rows.map((row) => row.code));
  return codes.filter((code) => !known.has(code));
}

/** The ids of this list that are not places. */
export async function unknownPlaces(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: places.id }).from(places).where(inArray(places.id, ids));
  const known = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !known.has(id));
}

/** A place and every place below it (an island and its villages), for "in this place" filters. */
export async function placesWithin(db: Db, placeId: string): Promise<string[]> {
  const rows = await db
    .select({ id: places.id })
    .from(places)
    .where(sql`${places.path} like (select path from places where id = ${placeId}) || '%'`);
  return rows.map((row) => row.id);
}

/**
 * Live organisations working in any of these focus areas, places (or below) and kinds; an empty
 * list does not filter. For announcements to a chosen audience (issue 5 item 7).
 */
export async function organisationsMatching(
  db: Db,
  audience: { focusAreas: string[]; placeIds: string[]; kinds: string[] },
): Promise<string[]> {
  const conditions = [isNull(organisations.mergedIntoId)];
  if (audience.kinds.length > 0) conditions.push(inArray(organisations.kind, audience.kinds));
  if (audience.focusAreas.length > 0)
    conditions.push(
      inArray(
        organisations.id,
        db
          .select({ id: organisationTerms.organisationId })
          .from(organisationTerms)
          .where(
            and(
              eq(organisationTerms.taxonomy, 'focus-area'),
              inArray(organisationTerms.code, audience.focusAreas),
            ),
          ),
      ),
    );
  // Private places choose no audience: who received an announcement would tell where they are.
  if (audience.placeIds.length > 0)
    conditions.push(
      notPrivate('places', organisations.visibility),
      inArray(
        organisations.id,
        db
          .select({ id: organisationPlaces.organisationId })
          .from(organisationPlaces)
          .innerJoin(places, eq(places.id, organisationPlaces.placeId))
          .where(
            sql`exists (select 1 from places p where p.id in ${audience.placeIds} and ${places.path} like p.path || '%')`,
          ),
      ),
    );
  const rows = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(...conditions));
  return rows.map((row) => row.id);
}

/** Contacts of the organisations who agreed to be contacted, with an e-mail address, by organisation. */
export async function contactsToWrite(db: Db, organisationIds: string[]) {
  const found: { organisationId: string; name: string; email: string | null; language: string | null }[] = [];
  // In slices, so an announcement to the whole register is a few queries, not one per organisation.
  for (let from = 0; from < organisationIds.length; from += 5_000) {
    const slice = organisationIds.slice(from, from + 5_000);
    found.push(
      ...(await db
        .select({
          organisationId: contacts.organisationId,
          name: contacts.name,
          email: contacts.email,
          language: contacts.language,
        })
        .from(contacts)
        .where(
          and(
            inArray(contacts.organisationId, slice),
            eq(contacts.consentToContact, true),
            sql`${contacts.email} is not null`,
          ),
        )
        .orderBy(contacts.organisationId, contacts.id)),
    );
  }
  return found;
}

/** Labels of active terms of a taxonomy, in the taxonomy's order (for pages naming focus areas). */
export async function termLabels(db: Db, taxonomy: string): Promise<{ code: string; label: string }[]> {
  return db
    .select({ code: taxonomyTerms.code, label: taxonomyTerms.label })
    .from(taxonomyTerms)
    .where(and(eq(taxonomyTerms.taxonomy, taxonomy), eq(taxonomyTerms.active, true)))
    .orderBy(taxonomyTerms.position, taxonomyTerms.label);
}
