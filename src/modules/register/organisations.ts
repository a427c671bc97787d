import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, together, type Db } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/problems.ts';
import { insertRecords } from '../../platform/db/insert-records.ts';
import type { OrganisationInput, OrganisationView } from './contracts.ts';
import { listDocuments } from './documents.ts';
import { renewalDueAt, statusOf, type RegisterSettings } from './register-status.ts';
import { notPrivate } from './profile-access.ts';
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
 * import of thousands of rows makes a few dozen round trips (issue 6 item 2), then the search text
 * (unless the rows were written with it, `withSearchColumns`) and the words it adds.
 */
export async function insertRelations(
  tx: Db,
  profiles: { organisationId: string; input: OrganisationInput }[],
  options: { searchColumnsWritten: boolean } = { searchColumnsWritten: false },
) {
  if (profiles.length === 0) return;
  const names = profiles.flatMap(({ organisationId, input }) =>
    input.otherNames.map((n) => ({ ...n, organisationId })),
  );
  const identifiers = profiles.flatMap(({ organisationId, input }) =>
    input.identifiers.map((i) => ({ ...i, organisationId })),
  );
  const terms = profiles.flatMap(({ organisationId, input }) =>
    termsOf(input).map((term) => ({ organisationId, ...term })),
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
  const written = sql`o.id in (${sql.join(
    profiles.map((profile) => sql`${profile.organisationId}`),
    sql`, `,
  )})`;
  if (options.searchColumnsWritten) await addSearchWords(tx, written);
  else await refreshSearchTextsWhere(tx, written);
}

/** A profile's focus areas and populations, each once, as organisation_terms holds them. */
function termsOf(input: OrganisationInput): { taxonomy: string; code: string }[] {
  return [
    ...[...new Set(input.focusAreas)].map((code) => ({ taxonomy: 'focus-area', code })),
    ...[...new Set(input.populations)].map((code) => ({ taxonomy: 'population', code })),
  ];
}

/**
 * What the search reads from the profile's own row: names in every language, the acronym, mission
 * and identifiers normalised once (search_text), its names alone, legal then other (name_text), its focus areas
 * and populations (term_codes) and its places (place_ids); and the words of that text in the words
 * a typo is matched against (search_words, decision 0027).
 */
export async function refreshSearchText(tx: Db, organisationId: string) {
  await refreshSearchTextsWhere(tx, sql`o.id = ${organisationId}`);
}

/** What separates the words of search_text for the typo dictionary: spaces and punctuation (a class that holds in every locale, PGlite's too). */
const wordSeparator = '[[:space:][:punct:]]+';

/**
 * search_text from its parts (the legal name, acronym, mission, other names, identifiers; nulls
 * left out), normalised as the search normalises what is typed.
 */
const searchTextOf = (parts: SQL) => sql`lower(unaccent(concat_ws(' ', variadic ${parts})))`;

/** The same for the profiles a condition on `o` picks: the large-volume generator writes thousands at once. */
export async function refreshSearchTextsWhere(tx: Db, which: SQL) {
  const wordsBefore = rowsOf<{ word: string }>(
    await tx.execute(sql`select distinct w as word from organisations o, regexp_split_to_table(o.search_text, ${wordSeparator}) w
      where ${which} and length(w) between 3 and 60`),
  ).map((row) => row.word);
  const otherNames = sql`(select string_agg(n.name, ' ') from organisation_names n where n.organisation_id = o.id)`;
  // A private mission and private places stay out of what every agency's search reads (issue 18).
  await tx.execute(sql`update organisations o set search_text = ${searchTextOf(sql`array[
      o.legal_name, o.acronym, case when ${notPrivate('overview')} then o.mission end, ${otherNames},
      (select string_agg(i.value, ' ') from organisation_identifiers i where i.organisation_id = o.id)]`)},
      name_text = ${searchTextOf(sql`array[o.legal_name, ${otherNames}]`)},
      term_codes = array(select t.taxonomy || ':' || t.code from organisation_terms t
        where t.organisation_id = o.id order by t.taxonomy, t.code),
      place_ids = case when ${notPrivate('places')} then array(select op.place_id from organisation_places op
        where op.organisation_id = o.id order by op.place_id) else '{}' end
    where ${which}`);
  await addSearchWords(tx, which);
  await forgetUnusedWords(tx, wordsBefore);
}

/**
 * Words that left these profiles' text (an edit, a mission made private) and are in no other
 * profile's leave the typo words too: a private mission's words must not stay findable (issue 18).
 * The trigram index answers each `like` without reading the register.
 */
async function forgetUnusedWords(tx: Db, words: string[]) {
  if (words.length === 0) return;
  await tx.execute(sql`delete from search_words s
    where s.word in (select jsonb_array_elements_text(${JSON.stringify(words)}::jsonb))
      and not exists (select 1 from organisations o where o.search_text like '%' || s.word || '%')`);
}

async function addSearchWords(tx: Db, which: SQL) {
  await tx.execute(sql`insert into search_words (word)
    select distinct w from organisations o, regexp_split_to_table(o.search_text, ${wordSeparator}) w
    where ${which} and length(w) between 3 and 60
    on conflict do nothing`);
}

/**
 * New profiles' rows with what the search reads already in them, as refreshSearchTextsWhere would
 * write it from their relations: an import writes each row once instead of inserting and then
 * updating it (the update was a second of a 10,000-row import's five, issue 6). One statement for
 * them all; the database normalises the text and orders the codes, as it does in the update.
 */
export async function withSearchColumns<Row extends ReturnType<typeof profileColumns>>(
  tx: Db,
  profiles: { row: Row; input: OrganisationInput }[],
) {
  const records = profiles.map(({ row, input }) => ({
    parts: [
      row.legalName,
      row.acronym,
      input.visibility.overview === 'private' ? null : row.mission,
      input.otherNames.length > 0 ? input.otherNames.map((n) => n.name).join(' ') : null,
      input.identifiers.length > 0 ? input.identifiers.map((i) => i.value).join(' ') : null,
    ],
    terms: termsOf(input).map((term) => `${term.taxonomy}:${term.code}`),
    places: input.visibility.places === 'private' ? [] : [...new Set(input.placeIds)],
  }));
  const columns = rowsOf<{ searchText: string; nameText: string; termCodes: string[]; placeIds: string[] }>(
    await tx.execute(sql`select ${searchTextOf(sql`p.parts`)} as "searchText",
        ${searchTextOf(sql`array[p.parts[1], p.parts[4]]`)} as "nameText",
        array(select c from unnest(p.terms) c order by split_part(c, ':', 1), split_part(c, ':', 2)) as "termCodes",
        array(select x from unnest(p.places) x order by x) as "placeIds"
      from rows from (jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as (parts text[], terms text[], places uuid[]))
        with ordinality as p(parts, terms, places, n)
      order by p.n`),
  );
  return profiles.map(({ row }, index) => ({ ...row, ...columns[index]! }));
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
