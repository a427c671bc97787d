import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { together, type Db } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/problems.ts';
import { insertRecords } from '../../platform/db/insert-records.ts';
import type { OrganisationInput, OrganisationView } from './contracts.ts';
import { listDocuments } from './documents.ts';
import { renewalDueAt, statusOf, type RegisterSettings } from './register-status.ts';
import {
  affiliations,
  contacts,
  organisationIdentifiers,
  organisationNames,
  organisationPlaces,
  organisations,
  organisationTerms,
  organisationVerifications,
  places,
  renewals,
} from './tables.ts';

/** The whole profile as the API shows it to agency staff. */
export async function loadOrganisation(
  db: Db,
  id: string,
  settings: RegisterSettings,
  now: Date,
): Promise<OrganisationView> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw notFound('This organisation');
  const [
    names,
    identifiers,
    terms,
    placeRows,
    contactRows,
    umbrellas,
    members,
    renewalRows,
    verified,
    documents,
  ] = await together(db, [
    () =>
      db
        .select({ name: organisationNames.name, language: organisationNames.language })
        .from(organisationNames)
        .where(eq(organisationNames.organisationId, id)),
    () =>
      db
        .select({ scheme: organisationIdentifiers.scheme, value: organisationIdentifiers.value })
        .from(organisationIdentifiers)
        .where(eq(organisationIdentifiers.organisationId, id)),
    () =>
      db
        .select()
        .from(organisationTerms)
        .where(eq(organisationTerms.organisationId, id))
        .orderBy(asc(organisationTerms.code)),
    () =>
      db
        .select({
          id: places.id,
          code: places.code,
          name: places.name,
          level: places.level,
          parentId: places.parentId,
        })
        .from(organisationPlaces)
        .innerJoin(places, eq(places.id, organisationPlaces.placeId))
        .where(eq(organisationPlaces.organisationId, id))
        .orderBy(asc(places.path)),
    () => db.select().from(contacts).where(eq(contacts.organisationId, id)).orderBy(asc(contacts.name)),
    () =>
      db
        .select({ id: organisations.id, legalName: organisations.legalName })
        .from(affiliations)
        .innerJoin(organisations, eq(organisations.id, affiliations.umbrellaId))
        .where(eq(affiliations.memberId, id)),
    () =>
      db
        .select({ id: organisations.id, legalName: organisations.legalName })
        .from(affiliations)
        .innerJoin(organisations, eq(organisations.id, affiliations.memberId))
        .where(eq(affiliations.umbrellaId, id)),
    () =>
      db.select().from(renewals).where(eq(renewals.organisationId, id)).orderBy(desc(renewals.confirmedAt)),
    () =>
      db
        .select({ field: organisationVerifications.field })
        .from(organisationVerifications)
        .where(eq(organisationVerifications.organisationId, id))
        .orderBy(asc(organisationVerifications.field)),
    () => listDocuments(db, id, now.toISOString().slice(0, 10)),
  ]);
  return {
    id: row.id,
    legalName: row.legalName,
    otherNames: names,
    acronym: row.acronym,
    kind: row.kind,
    legalStatus: row.legalStatus,
    yearFounded: row.yearFounded,
    mission: row.mission,
    focusAreas: terms.filter((t) => t.taxonomy === 'focus-area').map((t) => t.code),
    populations: terms.filter((t) => t.taxonomy === 'population').map((t) => t.code),
    places: placeRows,
    identifiers,
    contacts: contactRows.map((c) => ({
      name: c.name,
      role: c.role,
      email: c.email,
      phone: c.phone,
      language: c.language,
      consentToContact: c.consentToContact,
    })),
    staffCount: row.staffCount,
    volunteerCount: row.volunteerCount,
    budgetBand: row.budgetBand,
    website: row.website,
    visibility: row.visibility,
    affiliations: { umbrellas, members },
    registerStatus: statusOf(row.lastConfirmedAt, settings, now),
    lastConfirmedAt: row.lastConfirmedAt,
    renewalDueAt: renewalDueAt(row.lastConfirmedAt, settings),
    renewals: renewalRows.map((r) => ({ confirmedAt: r.confirmedAt, note: r.note })),
    documents,
    hiddenGroups: [],
    verifiedFields: verified.map((v) => v.field),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function profileColumns(input: OrganisationInput) {
  return {
    legalName: input.legalName,
    acronym: input.acronym ?? null,
    kind: input.kind,
    legalStatus: input.legalStatus ?? null,
    yearFounded: input.yearFounded ?? null,
    mission: input.mission ?? null,
    staffCount: input.staffCount ?? null,
    volunteerCount: input.volunteerCount ?? null,
    budgetBand: input.budgetBand ?? null,
    website: input.website ?? null,
    visibility: input.visibility as Record<string, string>,
  };
}

/** Replaces the profile's names, identifiers, terms, places and contacts with the input's. */
export async function writeRelations(tx: Db, organisationId: string, input: OrganisationInput) {
  await tx.delete(organisationNames).where(eq(organisationNames.organisationId, organisationId));
  await tx.delete(organisationIdentifiers).where(eq(organisationIdentifiers.organisationId, organisationId));
  await tx.delete(organisationTerms).where(eq(organisationTerms.organisationId, organisationId));
  await tx.delete(organisationPlaces).where(eq(organisationPlaces.organisationId, organisationId));
  await tx.delete(contacts).where(eq(contacts.organisationId, organisationId));
  await insertRelations(tx, [{ organisationId, input }]);
}

/**
 * The relations of new profiles, many at once: one insert per table rather than per profile, so an
 * import of thousands of rows makes a few dozen round trips (issue 6 item 2), then the search text.
 */
export async function insertRelations(
  tx: Db,
  profiles: { organisationId: string; input: OrganisationInput }[],
) {
  const names = profiles.flatMap(({ organisationId, input }) =>
    input.otherNames.map((n) => ({ ...n, organisationId })),
  );
  const identifiers = profiles.flatMap(({ organisationId, input }) =>
    input.identifiers.map((i) => ({ ...i, organisationId })),
  );
  const terms = profiles.flatMap(({ organisationId, input }) =>
    [
      ...new Set(input.focusAreas.map((code) => `focus-area|${code}`)),
      ...new Set(input.populations.map((code) => `population|${code}`)),
    ].map((key) => {
      const [taxonomy, code] = key.split('|') as [string, string];
      return { organisationId, taxonomy, code };
    }),
  );
  const placeRows = profiles.flatMap(({ organisationId, input }) =>
    [...new Set(input.placeIds)].map((placeId) => ({ organisationId, placeId })),
  );
  const contactRows = profiles.flatMap(({ organisationId, input }) =>
    input.contacts.map((c) => ({
      organisationId,
      name: c.name,
      role: c.role ?? null,
      email: c.email?.toLowerCase() ?? null,
      phone: c.phone ?? null,
      language: c.language ?? null,
      consentToContact: c.consentToContact,
    })),
  );
  await insertRecords(tx, organisationNames, names);
  await insertRecords(tx, organisationIdentifiers, identifiers);
  await insertRecords(tx, organisationTerms, terms);
  await insertRecords(tx, organisationPlaces, placeRows);
  await insertRecords(tx, contacts, contactRows);
  await refreshSearchTexts(
    tx,
    profiles.map((profile) => profile.organisationId),
  );
}

/**
 * What the search reads from the profile's own row: names in every language, the acronym, mission
 * and identifiers normalised once (search_text), the legal name alone (name_text), its focus areas
 * and populations (term_codes) and its places (place_ids); and the words of that text in the words a typo is matched
 * against (search_words, decision 0027).
 */
export async function refreshSearchText(tx: Db, organisationId: string) {
  await refreshSearchTexts(tx, [organisationId]);
}

async function refreshSearchTexts(tx: Db, organisationIds: string[]) {
  if (organisationIds.length === 0) return;
  await refreshSearchTextsWhere(
    tx,
    sql`o.id in (${sql.join(
      organisationIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
}

/** What separates the words of search_text for the typo dictionary: spaces and punctuation (a class that holds in every locale, PGlite's too). */
const wordSeparator = '[[:space:][:punct:]]+';

/** The same for the profiles a condition on `o` picks: the large-volume generator writes thousands at once. */
export async function refreshSearchTextsWhere(tx: Db, which: SQL) {
  await tx.execute(sql`update organisations o set search_text = lower(unaccent(concat_ws(' ',
      o.legal_name, o.acronym, o.mission,
      (select string_agg(n.name, ' ') from organisation_names n where n.organisation_id = o.id),
      (select string_agg(i.value, ' ') from organisation_identifiers i where i.organisation_id = o.id)))),
      name_text = lower(unaccent(o.legal_name)),
      term_codes = array(select t.taxonomy || ':' || t.code from organisation_terms t
        where t.organisation_id = o.id order by t.taxonomy, t.code),
      place_ids = array(select op.place_id from organisation_places op
        where op.organisation_id = o.id order by op.place_id)
    where ${which}`);
  await tx.execute(sql`insert into search_words (word)
    select distinct w from organisations o, regexp_split_to_table(o.search_text, ${wordSeparator}) w
    where ${which} and length(w) between 3 and 60
    on conflict do nothing`);
}

export async function existingIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: places.id }).from(places).where(inArray(places.id, ids));
  return new Set(rows.map((row) => row.id));
}

export async function organisationExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, id), sql`${organisations.mergedIntoId} is null`));
  return Boolean(row);
}

/** The profile a merged one now lives in, if it was merged. */
export async function mergedInto(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ mergedIntoId: organisations.mergedIntoId })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row?.mergedIntoId ?? null;
}
