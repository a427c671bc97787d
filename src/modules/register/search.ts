import { and, sql, type SQL } from 'drizzle-orm';
import { rowsOf, together, type Db } from '../../platform/db/client.ts';
import { z } from 'zod';
import { cursorPart, decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { registerStatuses, type RegisterQuery } from './contracts.ts';
import { notPrivate } from './profile-access.ts';
import {
  confirmationCrossed,
  countStatuses,
  statusCondition,
  statusSql,
  statusThresholds,
  type RegisterSettings,
  type RegisterStatus,
  type StatusThresholds,
} from './register-status.ts';
import {
  organisations,
  organisationTerms,
  registerBatches,
  registerChanges,
  registerRevision,
  searchWords,
} from './tables.ts';

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
};

export type TextMatch = 'words' | 'similar';

/**
 * The words of a search box, each with what may stand for it: the word as written, or, when no
 * profile holds the words as written, the register's words most like it (decision 0027).
 */
type TextQuery = { match: TextMatch; words: string[][] };

const wordsOf = (q: string) => q.split(/\s+/).filter(Boolean);

const asWritten = (q: string): TextQuery => ({ match: 'words', words: wordsOf(q).map((word) => [word]) });

/**
 * For a typo: each word of three letters or more stands for the three words of the register most
 * like it (trigram similarity over search_words, a few tens of thousands of words, not 100,000
 * profiles). A word with nothing like it stays as written. Comparing the query with every profile's
 * text instead took 90 ms at 100,000 profiles (issue 6).
 */
async function similarTo(db: Db, q: string): Promise<TextQuery> {
  const words = wordsOf(q);
  const long = words.filter((word) => word.length >= 3);
  const found = long.length
    ? rowsOf<{ asked: string; word: string }>(
        await db.execute(sql`select q.asked, s.word
          from unnest(array[${sql.join(
            long.map((word) => sql`${word}`),
            sql`, `,
          )}]::text[]) as q(asked)
          cross join lateral (select word from ${searchWords} where word % q.asked
            order by similarity(word, q.asked) desc, word limit 3) s`),
      )
    : [];
  return {
    match: 'similar',
    words: words.map((word) => {
      const like = found.filter((row) => row.asked === word).map((row) => row.word);
      return like.length ? like : [word];
    }),
  };
}

/** Every word (one of what stands for it) is a fragment of the column; the trigram index serves each. */
function wordsIn(
  column: typeof organisations.searchText | typeof organisations.nameText,
  text: TextQuery,
): SQL {
  const groups = text.words.map(
    (alternatives) =>
      sql`(${sql.join(
        alternatives.map((word) => sql`${column} like '%' || ${word} || '%'`),
        sql` or `,
      )})`,
  );
  return sql`(${sql.join(groups, sql` and `)})`;
}

function filterConditions(
  filters: SearchFilters,
  settings: RegisterSettings,
  now: Date,
  text: TextQuery | undefined,
): SQL[] {
  const conditions: SQL[] = [sql`${organisations.mergedIntoId} is null`];
  if (filters.publicOnly)
    conditions.push(sql`coalesce(${organisations.visibility}->>'overview', 'public') = 'public'`);
  if (text) conditions.push(wordsIn(organisations.searchText, text));
  if (filters.kind) conditions.push(sql`${organisations.kind} = ${filters.kind}`);
  if (filters.focusArea) conditions.push(termCondition('focus-area', filters.focusArea));
  if (filters.population) conditions.push(termCondition('population', filters.population));
  if (filters.place) {
    // The place and every place below it (an island's districts and villages), as a list of ids
    // worked out once: joined per row, the planner started from the place and visited every
    // profile of Rarotonga (a quarter of the register) to find 160 (decision 0024).
    // Private places are no one's filter: the counts kept for every agency follow this (issue 18).
    conditions.push(sql`${notPrivate('places', organisations.visibility)} and exists (select 1 from organisation_places op
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

/**
 * A search's cursor: the last row's key as its order writes it (a name, a moment, or the tier and
 * name of the relevance order: '0 te vaerua…'), its id, and how the text matched.
 */
function readCursor(cursor: string | undefined, sort: Sort, hasText: boolean) {
  const key =
    sort === 'recent'
      ? cursorPart.time
      : sort === 'relevance' && hasText
        ? cursorPart.text.regex(/^[01] /)
        : cursorPart.text;
  return decodeCursor(cursor, [key, cursorPart.uuid, z.enum(['words', 'similar'])]);
}

function ordering(sort: Sort) {
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
  if (!query.q) return searchIn(db, query, settings, now, undefined);
  const q = await normalise(db, query.q);
  // A later page goes on in the way the first page matched.
  const next = readCursor(query.cursor, query.sort ?? 'relevance', true);
  if (next?.[2] === 'similar') return searchIn(db, query, settings, now, await similarTo(db, q));
  const words = await searchIn(db, query, settings, now, asWritten(q));
  if (words.items.length > 0 || next) return words;
  return searchIn(db, query, settings, now, await similarTo(db, q));
}

/** What a row of the list shows, for the profiles a query reads as `organisations`. */
function summaryColumns(settings: RegisterSettings, now: Date) {
  return {
    id: organisations.id,
    legalName: organisations.legalName,
    acronym: organisations.acronym,
    kind: organisations.kind,
    lastConfirmedAt: organisations.lastConfirmedAt,
    updatedAt: organisations.updatedAt,
    registerStatus: statusSql(settings, now),
    places: sql<
      string[]
    >`case when ${notPrivate('places', organisations.visibility)} then array(select p.name from organisation_places op join places p on p.id = op.place_id where op.organisation_id = ${organisations.id} order by p.name) else '{}' end`,
    focusAreas: sql<
      string[]
    >`array(select substr(c, length('focus-area:') + 1) from unnest(${organisations.termCodes}) c where c like 'focus-area:%' order by c)`,
  };
}

type SummaryRow = {
  id: string;
  legalName: string;
  acronym: string | null;
  kind: string;
  registerStatus: RegisterStatus;
  lastConfirmedAt: Date;
  places: string[];
  focusAreas: string[];
};

const toItem = (row: SummaryRow) => ({
  id: row.id,
  legalName: row.legalName,
  acronym: row.acronym,
  kind: row.kind,
  registerStatus: row.registerStatus,
  lastConfirmedAt: row.lastConfirmedAt,
  places: row.places,
  focusAreas: row.focusAreas,
});

async function searchIn(
  db: Db,
  query: RegisterQuery & SearchFilters,
  settings: RegisterSettings,
  now: Date,
  text: TextQuery | undefined,
) {
  const sort: Sort = query.sort ?? (text ? 'relevance' : 'name');
  if (sort === 'relevance' && text) return relevantPage(db, query, settings, now, text);
  const conditions = filterConditions(query, settings, now, text);
  const { key, direction } = ordering(sort);

  const cursor = readCursor(query.cursor, sort, false);
  if (cursor) {
    const [after, id] = cursor;
    const value = sort === 'recent' ? sql`${after}::timestamptz` : sql`${after}`;
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
    .select({ ...summaryColumns(settings, now), sortKey: sql<string | number>`${key}` })
    .from(organisations)
    .where(and(...conditions))
    .orderBy(order)
    .limit(query.limit + 1);

  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const lastKey = last ? (sort === 'recent' ? last.updatedAt.toISOString() : last.sortKey) : undefined;
  const nextCursor =
    rows.length > query.limit && last && lastKey !== undefined
      ? encodeCursor([lastKey, last.id, text?.match ?? 'words'])
      : null;
  return { items: items.map(toItem), nextCursor, ...(text ? { matched: text.match } : {}) };
}

/** The search's order within a tier: search_text begins with the legal name (its own index). */
const searchOrder = sql`left(${organisations.searchText}, 40)`;

/**
 * A page in the order of relevance: profiles whose names hold every word first, then the
 * others, each tier by name. The cursor's key is the tier and the name ('0 te vaerua…'), so a later
 * page starts in the tier the last one ended in.
 */
async function relevantPage(
  db: Db,
  query: RegisterQuery & SearchFilters,
  settings: RegisterSettings,
  now: Date,
  text: TextQuery,
) {
  const cursor = readCursor(query.cursor, 'relevance', true);
  const after = cursor ? { tier: cursor[0].slice(0, 1), key: cursor[0].slice(2), id: cursor[1] } : undefined;
  const filters = filterConditions(query, settings, now, undefined);
  const inName = wordsIn(organisations.nameText, text);
  // The name is part of search_text, so a name that holds the words needs no second test (each
  // costs a pass over the trigram index).
  const tiers = [
    { tier: '0', conditions: [...filters, inName] },
    { tier: '1', conditions: [...filters, wordsIn(organisations.searchText, text), sql`not ${inName}`] },
  ];
  // Focus areas, populations, places and umbrella bodies narrow a search to a few profiles, which
  // are cheaper sorted than walked to.
  const walkable = !query.focusArea && !query.population && !query.place && !query.affiliation;
  const wanted = query.limit + 1;
  const rows: (SummaryRow & { sortKey: string })[] = [];
  for (const { tier, conditions } of tiers) {
    if (after && tier < after.tier) continue;
    const from = after?.tier === tier ? after : undefined;
    const found = await tierRows(db, {
      conditions,
      after: from,
      count: wanted - rows.length,
      walkable,
      columns: summaryColumns(settings, now),
    });
    rows.push(...found.map((row) => ({ ...row, sortKey: `${tier} ${row.orderKey}` })));
    if (rows.length >= wanted) break;
  }
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor([last.sortKey, last.id, text.match]) : null;
  return { items: items.map(toItem), nextCursor, matched: text.match };
}

/** Up to this many matches of a tier are read and sorted; a word with more is walked to (below). */
const sortLimit = 500;

/**
 * How far down the search's order a page looks for its matches before it sorts them all instead:
 * a word on one name in a hundred fills a page within it, in a few milliseconds.
 */
const walkLimit = 2000;

type TierRow = SummaryRow & { orderKey: string };

/**
 * The first `count` profiles of a tier after the cursor, in the search's order. A word few profiles
 * hold is read through the trigram indexes and sorted. A common one (a third of the register holds
 * "youth": sorting its 29,000 matches took 60 ms, issue 6) is found by walking the order's index a
 * little way, which stops at a full page. The walk is capped, because a word that is common but sits
 * late in the order (a village's name) would have it read most of the register; then its matches
 * are sorted after all (decision 0027).
 */
async function tierRows(
  db: Db,
  options: {
    conditions: SQL[];
    after: { key: string; id: string } | undefined;
    count: number;
    walkable: boolean;
    columns: ReturnType<typeof summaryColumns>;
  },
): Promise<TierRow[]> {
  const { conditions, after, count } = options;
  const afterCursor = after
    ? sql`(${searchOrder}, ${organisations.id}) > (${after.key}, ${after.id}::uuid)`
    : sql`true`;
  const where = and(...conditions, afterCursor)!;
  const select = sql.join(
    Object.entries(options.columns).map(([name, column]) => sql`${column} as ${sql.identifier(name)}`),
    sql`, `,
  );
  if (!options.walkable) return (await sortedMatches(db, { where, count, select })).rows;
  const few = await sortedMatches(db, { where, count, select, atMost: sortLimit });
  if (!few.tooMany) return few.rows;
  // The inner query is named as the table, so the conditions' column names read its rows.
  const walked = rowsOf<TierRow>(
    await db.execute(sql`select ${select}, ${organisations}.order_key as "orderKey"
      from (select *, ${searchOrder} as order_key from ${organisations}
        where ${organisations.mergedIntoId} is null and ${afterCursor}
        order by ${searchOrder}, ${organisations.id} limit ${walkLimit}) as ${organisations}
      where ${and(...conditions)}
      order by ${organisations}.order_key, ${organisations.id} limit ${count}`),
  );
  if (walked.length === count) return walked.map(withDates);
  return (await sortedMatches(db, { where, count, select })).rows;
}

/**
 * Every match read, then sorted: the materialised CTE is a fence, since given the order and a limit
 * the planner would walk the order's index instead. With `atMost`, it stops reading past that many
 * and says so (`tooMany`) instead of sorting.
 */
async function sortedMatches(
  db: Db,
  { where, count, select, atMost }: { where: SQL; count: number; select: SQL; atMost?: number },
): Promise<{ rows: TierRow[]; tooMany: boolean }> {
  const cap = atMost === undefined ? sql`` : sql`limit ${atMost + 1}`;
  const rows = rowsOf<TierRow & { matches: number }>(
    await db.execute(sql`with matches as materialized (
        select ${organisations.id} as id, ${searchOrder} as order_key from ${organisations}
        where ${where} ${cap})
      select ${select}, m.order_key as "orderKey", (select count(*)::int from matches) as matches
      from (select * from matches order by order_key, id limit ${count}) m
      join ${organisations} on ${organisations.id} = m.id
      order by m.order_key, m.id`),
  );
  const tooMany = atMost !== undefined && (rows[0]?.matches ?? 0) > atMost;
  return { rows: rows.map(({ matches: _, ...row }) => withDates(row)), tooMany };
}

/** Raw rows carry timestamps as the driver gives them; the list's rows carry dates. */
const withDates = <T extends { lastConfirmedAt: Date | string }>(row: T) => ({
  ...row,
  lastConfirmedAt: new Date(row.lastConfirmedAt),
});

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
  if (!query.q) return counted(db, query, settings, now, undefined, options);
  const q = await normalise(db, query.q);
  const words = await counted(db, query, settings, now, asWritten(q), options);
  if (words.total > 0) return { ...words, matched: 'words' as const };
  const similar = await counted(db, query, settings, now, await similarTo(db, q), options);
  return { ...similar, matched: 'similar' as const };
}

const noFacets = { kind: [], focusArea: [], population: [], status: [] };

async function counted(
  db: Db,
  query: CountFilters,
  settings: RegisterSettings,
  now: Date,
  text: TextQuery | undefined,
  options: { facets: boolean },
) {
  if (options.facets && !text && isWholeRegister(query)) return wholeRegisterCounts(db, settings, now);
  const where = and(...filterConditions(query, settings, now, text));
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
        where ${organisations.mergedIntoId} is null group by kind`),
    () =>
      db.execute(sql`select taxonomy as facet, code, count(*)::int as count from ${organisationTerms}
        where taxonomy in ('focus-area', 'population') group by taxonomy, code`),
  ]);
  const kind = rowsOf<{ code: string; count: number }>(kinds);
  const termRows = rowsOf<FacetRow>(terms);
  const of = (facet: string) => mostFirst(termRows.filter((row) => row.facet === facet));
  return {
    total: kind.reduce((sum, row) => sum + row.count, 0),
    facets: {
      kind: mostFirst(kind),
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
        from ${organisations} where ${where} group by ${organisations.kind}`),
    () =>
      db.execute(sql`select split_part(t.value, ':', 1) as facet,
          substr(t.value, strpos(t.value, ':') + 1) as code, count(*)::int as count
        from ${organisations} cross join lateral unnest(${organisations.termCodes}) as t(value)
        where ${where} group by t.value`),
  ]);
  const kindRows = rowsOf<{ code: string; count: number } & Record<RegisterStatus, number>>(kinds);
  const termRows = rowsOf<FacetRow>(terms);
  const of = (facet: string) => mostFirst(termRows.filter((row) => row.facet === facet));
  const statuses = Object.fromEntries(
    registerStatuses.map((status) => [status, kindRows.reduce((sum, row) => sum + row[status], 0)]),
  ) as Record<RegisterStatus, number>;
  return {
    total: kindRows.reduce((sum, row) => sum + row.count, 0),
    facets: {
      kind: mostFirst(kindRows),
      focusArea: of('focus-area'),
      population: of('population'),
      status: statusFacet(statuses),
    },
  };
}

type FacetCount = { code: string; count: number };

export type Counts = Awaited<ReturnType<typeof countOrganisations>>;

/**
 * Whether counts kept for these filters can follow the register's changes (`countChanges`): a place
 * or an umbrella body is a condition on other tables, which the noted changes do not hold; and a
 * typo's similar words come from the word list, which changes with it.
 */
export const followsChanges = (query: CountFilters, counts: Counts) =>
  !query.place && !query.affiliation && counts.matched !== 'similar';

type Change = {
  revision: number;
  keptAfter: number;
  crossed: boolean;
  kinds: KindChange[];
  terms: FacetRow[];
};
type KindChange = FacetCount & Record<RegisterStatus, number | null>;

/**
 * How the counts of a search changed since a revision: the profiles the transactions after it
 * changed, as they were (minus) and as they became (plus), counted with the search's own conditions
 * (decision 0033). In one statement, so the changes are exactly those up to the revision it returns;
 * `crossed` says whether any of them lies between the status boundaries of then and now.
 */
export async function countChanges(
  db: Db,
  query: CountFilters,
  settings: RegisterSettings,
  now: Date,
  since: { revision: number; thresholds: StatusThresholds },
): Promise<Change> {
  const text = query.q ? asWritten(await normalise(db, query.q)) : undefined;
  const where = and(...filterConditions(query, settings, now, text));
  const inStatus = (status: RegisterStatus) =>
    sql`sum(sign) filter (where ${statusCondition(status, settings, now)})::int`;
  const { changes, state } = changesSince(since, settings, now);
  const [row] = rowsOf<Change>(
    await db.execute(sql`with ${changes}
      select ${state},
        coalesce((select json_agg(k) from (select ${organisations.kind} as code, sum(sign)::int as count,
            ${inStatus('current')} as current, ${inStatus('due')} as due, ${inStatus('lapsed')} as lapsed
          from ${organisations} where ${where} group by ${organisations.kind}) k), '[]') as kinds,
        coalesce((select json_agg(t) from (select split_part(t.value, ':', 1) as facet,
            substr(t.value, strpos(t.value, ':') + 1) as code, sum(sign)::int as count
          from ${organisations} cross join lateral unnest(${organisations.termCodes}) as t(value)
          where ${where} group by t.value) t), '[]') as terms`),
  );
  return row!;
}

/**
 * The changes committed after a revision, named as the profiles' table so that conditions written
 * for profiles read them (decision 0033); and what a reader of them selects first: the revision they
 * reach, the revision changes are kept after, and whether a changed profile's confirmation crossed
 * a status boundary since the thresholds the kept figures were read with.
 */
export function changesSince(
  since: { revision: number; thresholds: StatusThresholds },
  settings: RegisterSettings,
  now: Date,
): { changes: SQL; state: SQL } {
  const crossed = confirmationCrossed(since.thresholds, statusThresholds(settings, now));
  return {
    changes: sql`${organisations} as materialized (select c.* from ${registerChanges} c
        join ${registerBatches} b on b.batch = c.batch where b.revision > ${since.revision})`,
    state: sql`coalesce((select revision from ${registerRevision}), 0)::int as revision,
        coalesce((select changes_kept_after from ${registerRevision}), 0)::int as "keptAfter",
        coalesce((select bool_or(${crossed}) from ${organisations}), false) as crossed`,
  };
}

/**
 * Kept counts with a change applied, or undefined when they cannot be: a count below zero (they did
 * not hold what the change took away), or a search whose words no profile holds any more, which
 * counts similar words instead.
 */
export function withChanges(
  counts: Counts,
  change: Change,
  options: { facets: boolean },
): Counts | undefined {
  const total = counts.total + change.kinds.reduce((sum, row) => sum + row.count, 0);
  if (total < 0 || (counts.matched === 'words' && total === 0)) return undefined;
  if (!options.facets) return { ...counts, total };
  const termsOf = (facet: string) => change.terms.filter((row) => row.facet === facet);
  const kind = added(counts.facets.kind, change.kinds);
  const focusArea = added(counts.facets.focusArea, termsOf('focus-area'));
  const population = added(counts.facets.population, termsOf('population'));
  const statuses = Object.fromEntries(
    registerStatuses.map((status) => [
      status,
      (counts.facets.status.find((row) => row.code === status)?.count ?? 0) +
        change.kinds.reduce((sum, row) => sum + (row[status] ?? 0), 0),
    ]),
  ) as Record<RegisterStatus, number>;
  const facets = [kind, focusArea, population, Object.values(statuses).map((count) => ({ count }))];
  if (facets.some((rows) => rows.some((row) => row.count < 0))) return undefined;
  return {
    ...counts,
    total,
    facets: { kind, focusArea, population, status: statusFacet(statuses) },
  };
}

/** A facet's counts plus a change's, without the codes that fell to none. */
function added(counts: FacetCount[], change: FacetCount[]): FacetCount[] {
  const sums = new Map(counts.map((row) => [row.code, row.count]));
  for (const row of change) sums.set(row.code, (sums.get(row.code) ?? 0) + row.count);
  return mostFirst([...sums].map(([code, count]) => ({ code, count })).filter((row) => row.count !== 0));
}

/**
 * A facet's codes, most first, then by code as JavaScript compares them: the same order whether the
 * counts were read or followed a change (a database's collation may order codes otherwise).
 */
function mostFirst(rows: FacetCount[]): FacetCount[] {
  return rows
    .map(({ code, count }) => ({ code, count }))
    .sort((a, b) => b.count - a.count || inCodeOrder(a.code, b.code));
}

/** Two codes or names as JavaScript compares strings, whatever a database's collation would say. */
export function inCodeOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The status counts as a facet: the statuses that occur, most first. */
function statusFacet(statuses: Record<RegisterStatus, number>) {
  return registerStatuses
    .map((code) => ({ code, count: statuses[code] }))
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
