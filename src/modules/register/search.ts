import { and, sql, type SQL } from 'drizzle-orm';
import { rowsOf, together, type Db } from '../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { registerStatuses, type RegisterQuery } from './contracts.ts';
import {
  countStatuses,
  statusCondition,
  statusSql,
  type RegisterSettings,
  type RegisterStatus,
} from './register-status.ts';
import { organisations, organisationTerms } from './tables.ts';

/** What the search box compares: lower case, no accents, exactly as search_text was written. */
async function normalise(db: Db, text: string): Promise<string> {
  const rows = rowsOf<{ normalised: string }>(
    await db.execute(sql`select lower(unaccent(${text})) as normalised`),
  );
  return rows[0]?.normalised ?? text.toLowerCase();
}

export type SearchFilters = Omit<RegisterQuery, 'cursor' | 'limit' | 'sort'> & {
  /** The public directory: only profiles whose overview is public. */
  publicOnly?: boolean;
  /** How the text matched: every word as written, or (when no profile has them) similar words. */
  match?: TextMatch;
};

export type TextMatch = 'words' | 'similar';

const wordsOf = (q: string) => q.split(/\s+/).filter(Boolean);

/**
 * Every word as a fragment of the names, acronym, mission or identifiers (the trigram index serves
 * each); or, for a typo, word similarity. The similar test costs some microseconds a row, which at
 * 100,000 profiles made a common word take over a second (issue 6), so it runs only when the words
 * as written find nothing.
 */
function textCondition(q: string, match: TextMatch): SQL {
  if (match === 'similar') return sql`${q} <% ${organisations.searchText}`;
  const words = wordsOf(q).map((word) => sql`${organisations.searchText} like '%' || ${word} || '%'`);
  return sql`(${sql.join(words, sql` and `)})`;
}

function filterConditions(filters: SearchFilters, settings: RegisterSettings, now: Date): SQL[] {
  const conditions: SQL[] = [sql`${organisations.mergedIntoId} is null`];
  if (filters.publicOnly)
    conditions.push(sql`coalesce(${organisations.visibility}->>'overview', 'public') = 'public'`);
  if (filters.q) conditions.push(textCondition(filters.q, filters.match ?? 'words'));
  if (filters.kind) conditions.push(sql`${organisations.kind} = ${filters.kind}`);
  if (filters.focusArea) conditions.push(termCondition('focus-area', filters.focusArea));
  if (filters.population) conditions.push(termCondition('population', filters.population));
  if (filters.place) {
    // The place and every place below it (an island's districts and villages), as a list of ids
    // worked out once: joined per row, the planner started from the place and visited every
    // profile of Rarotonga (a quarter of the register) to find 160 (decision 0024).
    conditions.push(sql`exists (select 1 from organisation_places op
      where op.organisation_id = ${organisations.id}
      and op.place_id = any(array(select id from places
        where path like (select path from places where id = ${filters.place}) || '%')))`);
  }
  if (filters.status) conditions.push(statusCondition(filters.status, settings, now));
  if (filters.affiliation) {
    conditions.push(
      sql`exists (select 1 from affiliations a where a.member_id = ${organisations.id} and a.umbrella_id = ${filters.affiliation})`,
    );
  }
  return conditions;
}

/** A focus area or population, from the profile's own row: its GIN index combines with the text's. */
function termCondition(taxonomy: string, code: string): SQL {
  return sql`${organisations.termCodes} @> array[${`${taxonomy}:${code}`}]::text[]`;
}

type Sort = NonNullable<RegisterQuery['sort']>;

function ordering(sort: Sort, q: string | undefined, match: TextMatch) {
  if (sort === 'relevance' && q && match === 'similar') {
    const score = sql<number>`word_similarity(${q}, ${organisations.searchText})`;
    return { key: score, direction: 'desc' as const };
  }
  if (sort === 'relevance' && q) {
    // Profiles whose names hold every word come first, then the rest, each by name: search_text
    // begins with the legal name, lower case and without accents.
    const inName = wordsOf(q).map(
      (word) =>
        sql`strpos(${organisations.searchText}, ${word}) between 1 and length(${organisations.legalName})`,
    );
    // Cut short so the cursor that carries it stays small; the id settles ties.
    const key = sql<string>`(case when ${sql.join(inName, sql` and `)} then '0 ' else '1 ' end) || left(${organisations.searchText}, 40)`;
    return { key, direction: 'asc' as const };
  }
  if (sort === 'recent') return { key: sql`${organisations.updatedAt}`, direction: 'desc' as const };
  return { key: sql`${organisations.legalName}`, direction: 'asc' as const };
}

/**
 * A page of the register. The counts (total and facets) come from `countOrganisations`, a request of
 * their own: for a common word they cost more than the page, and the list should not wait for them,
 * nor recount them for every further page (decision 0024).
 */
export async function searchOrganisations(
  db: Db,
  query: RegisterQuery & SearchFilters,
  settings: RegisterSettings,
  now: Date,
) {
  if (!query.q) return searchIn(db, query, settings, now);
  const q = await normalise(db, query.q);
  // A later page goes on in the way the first page matched.
  const next = decodeCursor(query.cursor, 3);
  if (next?.[2] === 'similar')
    return withSimilarWords(db, (tx) => searchIn(tx, { ...query, q, match: 'similar' }, settings, now));
  const words = await searchIn(db, { ...query, q, match: 'words' }, settings, now);
  if (words.items.length > 0 || next) return words;
  return withSimilarWords(db, (tx) => searchIn(tx, { ...query, q, match: 'similar' }, settings, now));
}

/**
 * The planner underrates what a word-similarity test costs per row and would read the whole table;
 * with the trigram index it reads only candidates (measured: 600 ms down to 45 ms at 20,000).
 */
function withSimilarWords<T>(db: Db, search: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return search(tx);
  });
}

async function searchIn(db: Db, query: RegisterQuery & SearchFilters, settings: RegisterSettings, now: Date) {
  const sort: Sort = query.sort ?? (query.q ? 'relevance' : 'name');
  const conditions = filterConditions(query, settings, now);
  const match = query.match ?? 'words';
  const { key, direction } = ordering(sort, query.q, match);

  const cursor = decodeCursor(query.cursor, 3);
  if (cursor) {
    const [after, id] = cursor as [string | number, string];
    const value = sort === 'recent' ? sql`${String(after)}::timestamptz` : sql`${after}`;
    conditions.push(
      direction === 'asc'
        ? sql`(${key}, ${organisations.id}) > (${value}, ${id}::uuid)`
        : sql`(${key}, ${organisations.id}) < (${value}, ${id}::uuid)`,
    );
  }
  const order =
    direction === 'asc'
      ? sql`${key} asc, ${organisations.id} asc`
      : sql`${key} desc, ${organisations.id} desc`;
  const rows = await db
    .select({
      id: organisations.id,
      legalName: organisations.legalName,
      acronym: organisations.acronym,
      kind: organisations.kind,
      lastConfirmedAt: organisations.lastConfirmedAt,
      updatedAt: organisations.updatedAt,
      registerStatus: statusSql(settings, now),
      sortKey: sql<string | number>`${key}`,
      places: sql<
        string[]
      >`array(select p.name from organisation_places op join places p on p.id = op.place_id where op.organisation_id = ${organisations.id} order by p.name)`,
      focusAreas: sql<
        string[]
      >`array(select substr(c, length('focus-area:') + 1) from unnest(${organisations.termCodes}) c where c like 'focus-area:%' order by c)`,
    })
    .from(organisations)
    .where(and(...conditions))
    .orderBy(order)
    .limit(query.limit + 1);

  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const lastKey = last ? (sort === 'recent' ? last.updatedAt.toISOString() : last.sortKey) : undefined;
  const nextCursor =
    rows.length > query.limit && last && lastKey !== undefined
      ? encodeCursor([lastKey, last.id, match])
      : null;

  return {
    items: items.map((row) => ({
      id: row.id,
      legalName: row.legalName,
      acronym: row.acronym,
      kind: row.kind,
      registerStatus: row.registerStatus,
      lastConfirmedAt: row.lastConfirmedAt,
      places: row.places,
      focusAreas: row.focusAreas,
    })),
    nextCursor,
    ...(query.q ? { matched: match } : {}),
  };
}

export type CountFilters = Omit<RegisterQuery, 'cursor' | 'limit' | 'sort'> & SearchFilters;

/**
 * How many profiles match, and (with `facets`) how many of them fall under each kind, status, focus
 * area and population: the counts beside the filters. Text matches the same way the list does: its
 * words as written, or similar words when no profile holds them.
 */
export async function countOrganisations(
  db: Db,
  query: CountFilters,
  settings: RegisterSettings,
  now: Date,
  options: { facets: boolean },
): Promise<Awaited<ReturnType<typeof counted>> & { matched?: TextMatch }> {
  if (!query.q) return counted(db, query, settings, now, options);
  const q = await normalise(db, query.q);
  const words = await counted(db, { ...query, q, match: 'words' }, settings, now, options);
  if (words.total > 0) return { ...words, matched: 'words' as const };
  const similar = await withSimilarWords(db, (tx) =>
    counted(tx, { ...query, q, match: 'similar' }, settings, now, options),
  );
  return { ...similar, matched: 'similar' as const };
}

const noFacets = { kind: [], focusArea: [], population: [], status: [] };

async function counted(
  db: Db,
  query: CountFilters,
  settings: RegisterSettings,
  now: Date,
  options: { facets: boolean },
) {
  if (options.facets && isWholeRegister(query)) return wholeRegisterCounts(db, settings, now);
  const where = and(...filterConditions(query, settings, now));
  if (!options.facets) {
    const [row] = rowsOf<{ total: number }>(
      await db.execute(sql`select count(*)::int as total from ${organisations} where ${where}`),
    );
    return { total: row?.total ?? 0, facets: noFacets };
  }
  return facetCounts(db, where, settings, now);
}

type FacetRow = { facet: string; code: string; count: number };

const isWholeRegister = (query: CountFilters) =>
  !query.q &&
  !query.kind &&
  !query.focusArea &&
  !query.population &&
  !query.place &&
  !query.status &&
  !query.affiliation &&
  !query.publicOnly;

/**
 * The counts of the register list before anything is typed or chosen, asked on every visit: from
 * indexes rather than a pass over every profile (decision 0024). Statuses are ranges of the live
 * profiles' confirmation index; terms are counted in their own table, which holds live profiles'
 * terms only (a merge moves the duplicate's to the survivor).
 */
async function wholeRegisterCounts(db: Db, settings: RegisterSettings, now: Date) {
  const [statuses, kinds, terms] = await together(db, [
    () => countStatuses(db, settings, now),
    () =>
      db.execute(sql`select kind as code, count(*)::int as count from ${organisations}
        where ${organisations.mergedIntoId} is null group by kind order by count desc, code`),
    () =>
      db.execute(sql`select taxonomy as facet, code, count(*)::int as count from ${organisationTerms}
        where taxonomy in ('focus-area', 'population') group by taxonomy, code order by count desc, code`),
  ]);
  const kind = rowsOf<{ code: string; count: number }>(kinds);
  const termRows = rowsOf<FacetRow>(terms);
  const of = (facet: string) =>
    termRows.filter((row) => row.facet === facet).map(({ code, count }) => ({ code, count }));
  return {
    total: kind.reduce((sum, row) => sum + row.count, 0),
    facets: {
      kind,
      focusArea: of('focus-area'),
      population: of('population'),
      status: statusFacet(statuses),
    },
  };
}

/**
 * Counts for the filters, and the total, in two reads of the matching profiles that go out together
 * (on a server, two connections): kinds with their statuses, and the term codes ('focus-area:water').
 * One grouping of all three through `unnest` was a third slower for a word a third of the register
 * holds (decision 0024).
 */
async function facetCounts(db: Db, where: SQL | undefined, settings: RegisterSettings, now: Date) {
  const inStatus = (status: RegisterStatus) =>
    sql`count(*) filter (where ${statusCondition(status, settings, now)})::int`;
  const [kinds, terms] = await together(db, [
    () =>
      db.execute(sql`select ${organisations.kind} as code, count(*)::int as count,
          ${inStatus('current')} as current, ${inStatus('due')} as due, ${inStatus('lapsed')} as lapsed
        from ${organisations} where ${where} group by ${organisations.kind} order by count desc, code`),
    () =>
      db.execute(sql`select split_part(t.value, ':', 1) as facet,
          substr(t.value, strpos(t.value, ':') + 1) as code, count(*)::int as count
        from ${organisations} cross join lateral unnest(${organisations.termCodes}) as t(value)
        where ${where} group by t.value order by count desc, code`),
  ]);
  const kindRows = rowsOf<{ code: string; count: number } & Record<RegisterStatus, number>>(kinds);
  const termRows = rowsOf<FacetRow>(terms);
  const of = (facet: string) =>
    termRows.filter((row) => row.facet === facet).map(({ code, count }) => ({ code, count }));
  const statuses = Object.fromEntries(
    registerStatuses.map((status) => [status, kindRows.reduce((sum, row) => sum + row[status], 0)]),
  ) as Record<RegisterStatus, number>;
  return {
    total: kindRows.reduce((sum, row) => sum + row.count, 0),
    facets: {
      kind: kindRows.map(({ code, count }) => ({ code, count })),
      focusArea: of('focus-area'),
      population: of('population'),
      status: statusFacet(statuses),
    },
  };
}

/** The status counts as a facet: the statuses that occur, most first. */
function statusFacet(statuses: Record<RegisterStatus, number>) {
  return registerStatuses
    .map((code) => ({ code, count: statuses[code] }))
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
