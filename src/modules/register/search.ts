import { and, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import type { RegisterQuery } from './contracts.ts';
import { statusCondition, statusSql, type RegisterSettings, type RegisterStatus } from './register-status.ts';
import { organisations } from './tables.ts';

/** What the search box compares: lower case, no accents (Māori macrons, Urdu diacritics aside). */
export const normalise = (text: string) => sql`lower(unaccent(${text}))`;

export type SearchFilters = Omit<RegisterQuery, 'cursor' | 'limit' | 'sort'> & {
  /** The public directory: only profiles whose overview is public. */
  publicOnly?: boolean;
};

function filterConditions(filters: SearchFilters, settings: RegisterSettings, now: Date): SQL[] {
  const conditions: SQL[] = [sql`${organisations.mergedIntoId} is null`];
  if (filters.publicOnly)
    conditions.push(sql`coalesce(${organisations.visibility}->>'overview', 'public') = 'public'`);
  if (filters.q) {
    // Substring for exact fragments (identifiers, acronyms), word similarity for typos; both use the
    // trigram index on search_text.
    const q = normalise(filters.q);
    conditions.push(
      sql`(${organisations.searchText} like '%' || ${q} || '%' or ${q} <% ${organisations.searchText})`,
    );
  }
  if (filters.kind) conditions.push(sql`${organisations.kind} = ${filters.kind}`);
  if (filters.focusArea) conditions.push(termCondition('focus-area', filters.focusArea));
  if (filters.population) conditions.push(termCondition('population', filters.population));
  if (filters.place) {
    // The place and every place below it (an island's districts and villages).
    conditions.push(sql`exists (select 1 from organisation_places op join places p on p.id = op.place_id
      where op.organisation_id = ${organisations.id}
      and p.path like (select path from places where id = ${filters.place}) || '%')`);
  }
  if (filters.status) conditions.push(statusCondition(filters.status, settings, now));
  if (filters.affiliation) {
    conditions.push(
      sql`exists (select 1 from affiliations a where a.member_id = ${organisations.id} and a.umbrella_id = ${filters.affiliation})`,
    );
  }
  return conditions;
}

function termCondition(taxonomy: string, code: string): SQL {
  return sql`exists (select 1 from organisation_terms t where t.organisation_id = ${organisations.id} and t.taxonomy = ${taxonomy} and t.code = ${code})`;
}

type Sort = NonNullable<RegisterQuery['sort']>;

function ordering(sort: Sort, q: string | undefined) {
  if (sort === 'relevance' && q) {
    const score = sql<number>`word_similarity(${normalise(q)}, ${organisations.searchText})`;
    return { key: score, direction: 'desc' as const };
  }
  if (sort === 'recent') return { key: sql`${organisations.updatedAt}`, direction: 'desc' as const };
  return { key: sql`${organisations.legalName}`, direction: 'asc' as const };
}

export async function searchOrganisations(
  db: Db,
  query: RegisterQuery & SearchFilters,
  settings: RegisterSettings,
  now: Date,
  options: { counts: boolean } = { counts: true },
) {
  const sort: Sort = query.sort ?? (query.q ? 'relevance' : 'name');
  const conditions = filterConditions(query, settings, now);
  const { key, direction } = ordering(sort, query.q);
  const where = and(...conditions);

  const cursor = decodeCursor(query.cursor, 2);
  const page = [...conditions];
  if (cursor) {
    const [after, id] = cursor as [string | number, string];
    const value = sort === 'recent' ? sql`${String(after)}::timestamptz` : sql`${after}`;
    page.push(
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
      >`array(select t.code from organisation_terms t where t.organisation_id = ${organisations.id} and t.taxonomy = 'focus-area' order by t.code)`,
    })
    .from(organisations)
    .where(and(...page))
    .orderBy(order)
    .limit(query.limit + 1);

  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const lastKey = last ? (sort === 'recent' ? last.updatedAt.toISOString() : last.sortKey) : undefined;
  const nextCursor =
    rows.length > query.limit && last && lastKey !== undefined ? encodeCursor([lastKey, last.id]) : null;

  // An export walks every page; it needs the rows, not the counts again each time.
  const [facets, total] = options.counts
    ? await Promise.all([facetCounts(db, where, settings, now), countMatching(db, where)])
    : [{ kind: [], focusArea: [], population: [], status: [] }, 0];
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
    total,
    facets,
  };
}

async function countMatching(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(organisations)
    .where(where);
  return row?.total ?? 0;
}

type FacetRow = { code: string; count: number };

async function facetCounts(db: Db, where: SQL | undefined, settings: RegisterSettings, now: Date) {
  const matching = db.select({ id: organisations.id }).from(organisations).where(where);
  const byTerm = async (taxonomy: string): Promise<FacetRow[]> => {
    const result = await db.execute(sql`select t.code, count(*)::int as count from organisation_terms t
      where t.taxonomy = ${taxonomy} and t.organisation_id in (${matching}) group by t.code order by count desc, t.code`);
    return rowsOf<FacetRow>(result);
  };
  const kind = await db
    .select({ code: organisations.kind, count: sql<number>`count(*)::int` })
    .from(organisations)
    .where(where)
    .groupBy(organisations.kind)
    .orderBy(sql`count(*) desc`);
  const status = statusSql(settings, now);
  const statuses = await db
    .select({ code: status, count: sql<number>`count(*)::int` })
    .from(organisations)
    .where(where)
    .groupBy(sql`1`);
  return {
    kind,
    focusArea: await byTerm('focus-area'),
    population: await byTerm('population'),
    status: statuses as { code: RegisterStatus; count: number }[],
  };
}

/** Drizzle's execute returns the driver's result; both drivers put the rows under `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
