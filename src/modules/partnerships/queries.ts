import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { cursorPart, decodeCursor, toPage } from '../../platform/http/pagination.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import { placesWithin } from '../register/index.ts';
import {
  continuumLevels,
  lifecycleStates,
  type ContinuumLevel,
  type PartnershipQuery,
  type PoolByLevel,
} from './contracts.ts';
import { summariesOf } from './partnerships.ts';
import { partnershipMoves, partnerships } from './tables.ts';

const uuidArray = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

async function conditionsOf(db: Db, scope: AgencyScope, query: PartnershipQuery): Promise<SQL[] | null> {
  const conditions: SQL[] = [eq(partnerships.agencyId, scope.agencyId)];
  if (query.state) conditions.push(eq(partnerships.state, query.state));
  if (query.level) conditions.push(eq(partnerships.level, query.level));
  if (query.strategic === 'yes') conditions.push(sql`${partnerships.strategic} is true`);
  if (query.strategic === 'no') conditions.push(sql`${partnerships.strategic} is false`);
  if (query.strategic === 'unknown') conditions.push(sql`${partnerships.strategic} is null`);
  if (query.focusArea) conditions.push(sql`${partnerships.focusAreas} @> array[${query.focusArea}]::text[]`);
  if (query.place) {
    // The place and every place below it: a partnership in a village is also "on Rarotonga".
    const ids = await placesWithin(db, query.place);
    if (ids.length === 0) return null;
    conditions.push(sql`${partnerships.placeIds} && ${uuidArray(ids)}`);
  }
  if (query.organisation)
    conditions.push(
      sql`exists (select 1 from partnership_parties pp where pp.partnership_id = ${partnerships.id} and pp.organisation_id = ${query.organisation})`,
    );
  if (query.policy) conditions.push(sql`${partnerships.policyIds} @> array[${query.policy}]::uuid[]`);
  return conditions;
}

/** The agency's partnerships, most recently changed first, a page at a time. */
export async function listPartnerships(db: Db, scope: AgencyScope, query: PartnershipQuery) {
  const conditions = await conditionsOf(db, scope, query);
  if (!conditions) return { items: [], nextCursor: null };
  const cursor = decodeCursor(query.cursor, [cursorPart.time, cursorPart.uuid]);
  if (cursor) {
    const [updatedAt, id] = cursor;
    conditions.push(
      sql`(${partnerships.updatedAt}, ${partnerships.id}) < (${updatedAt}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select()
    .from(partnerships)
    .where(and(...conditions))
    .orderBy(desc(partnerships.updatedAt), desc(partnerships.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => [row.updatedAt.toISOString(), row.id]);
  return { items: await summariesOf(db, page.items), nextCursor: page.nextCursor };
}

/** Every partnership of the agency, in one column per lifecycle state. */
export async function boardOf(db: Db, scope: AgencyScope) {
  const rows = await db
    .select()
    .from(partnerships)
    .where(eq(partnerships.agencyId, scope.agencyId))
    .orderBy(asc(partnerships.title), asc(partnerships.id));
  const summaries = await summariesOf(db, rows);
  return {
    columns: lifecycleStates.map((state) => ({
      state,
      items: summaries.filter((summary) => summary.state === state),
    })),
  };
}

const ended = new Set(['closed', 'declined', 'withdrawn']);

/**
 * The pool by continuum level at the end of each of the last months (000 §1): a partnership counts
 * from its first move until it is closed, declined or withdrawn, at the level it then had.
 */
export async function poolByLevel(
  db: Db,
  scope: AgencyScope,
  now: Date,
  months: number,
): Promise<PoolByLevel> {
  const moves = await db
    .select({
      partnershipId: partnershipMoves.partnershipId,
      kind: partnershipMoves.kind,
      to: partnershipMoves.toValue,
      at: partnershipMoves.movedAt,
    })
    .from(partnershipMoves)
    .where(eq(partnershipMoves.agencyId, scope.agencyId))
    .orderBy(asc(partnershipMoves.movedAt), asc(partnershipMoves.id));
  const points: PoolByLevel['points'] = [];
  for (let back = months - 1; back >= 0; back--) {
    // The last moment of the month, or now for the current month.
    const end =
      back === 0 ? now : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1) - 1);
    const level = new Map<string, string>();
    const state = new Map<string, string>();
    for (const move of moves) {
      if (move.at > end) break;
      (move.kind === 'level' ? level : state).set(move.partnershipId, move.to);
    }
    const counts = Object.fromEntries(continuumLevels.map((l) => [l, 0])) as Record<ContinuumLevel, number>;
    for (const [id, at] of level) {
      if (!ended.has(state.get(id) ?? '')) counts[at as ContinuumLevel] += 1;
    }
    points.push({ at: end.toISOString().slice(0, 10), ...counts });
  }
  return { points };
}
