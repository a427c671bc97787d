import { dayOf } from '../../platform/clock.ts';
import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import { memberships, units, users } from '../../platform/accounts/tables.ts';
import type { Db } from '../../platform/db/client.ts';
import { storedFiles } from '../../platform/files/tables.ts';
import { cursorPart, decodeCursor, toPage } from '../../platform/http/pagination.ts';
import { invalid, notFound } from '../../platform/http/problems.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import { unknownTerms } from '../register/index.ts';
import type { PolicyInput, PolicyView } from './contracts.ts';
import { nextReviewOn } from './review-schedule.ts';
import { policies, policyReviews } from './tables.ts';

type PolicyRow = typeof policies.$inferSelect;

/** One policy of the agency with its contact, unit, documents and reviews; 404 for another agency's. */
export async function loadPolicy(db: Db, scope: AgencyScope, id: string, now: Date): Promise<PolicyView> {
  const [row] = await db
    .select()
    .from(policies)
    .where(and(eq(policies.id, id), eq(policies.agencyId, scope.agencyId)));
  if (!row) throw notFound('This policy');
  const [contact] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, row.contactUserId));
  const [unit] = row.ownerUnitId
    ? await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, row.ownerUnitId))
    : [];
  const documents = await filesOf(db, scope, row.documentIds);
  const reviews = await db
    .select({
      id: policyReviews.id,
      reviewedOn: policyReviews.reviewedOn,
      summary: policyReviews.summary,
      recordedBy: users.name,
    })
    .from(policyReviews)
    .leftJoin(users, eq(users.id, policyReviews.recordedBy))
    .where(eq(policyReviews.policyId, id))
    .orderBy(sql`${policyReviews.reviewedOn} desc`);
  return present(row, contact!, unit ?? null, documents, reviews, now);
}

function present(
  row: PolicyRow,
  contact: { id: string; name: string; email: string },
  ownerUnit: { id: string; name: string } | null,
  documents: PolicyView['documents'],
  reviews: PolicyView['reviews'],
  now: Date,
): PolicyView {
  const next = nextReviewOn(row);
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as PolicyView['kind'],
    summary: row.summary,
    ownerUnit,
    contact,
    implementationDate: row.implementationDate,
    strategicObjectives: row.strategicObjectives,
    focusAreas: row.focusAreas,
    status: row.status as PolicyView['status'],
    documents,
    firstReviewMonths: row.firstReviewMonths,
    reviewEveryMonths: row.reviewEveryMonths,
    lastReviewedOn: row.lastReviewedOn,
    nextReviewOn: next,
    reviewOverdue: next < dayOf(now),
    reviews,
    version: row.version,
  };
}

/** The agency's files by id, in the order given; a file of another agency is simply not found. */
export async function filesOf(db: Db, scope: AgencyScope, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: storedFiles.id,
      name: storedFiles.name,
      size: storedFiles.size,
      contentType: storedFiles.contentType,
    })
    .from(storedFiles)
    .where(and(inArray(storedFiles.id, ids), eq(storedFiles.agencyId, scope.agencyId)));
  return ids.flatMap((id) => rows.filter((row) => row.id === id));
}

/** Everything a policy refers to must exist in this agency: contact, unit, focus areas, documents. */
export async function checkPolicyInput(db: Db, scope: AgencyScope, input: PolicyInput): Promise<void> {
  const [member] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.agencyId, scope.agencyId), eq(memberships.userId, input.contactUserId)));
  if (!member) throw invalid('contactUserId', 'The point of contact must be a member of your agency.');
  if (input.ownerUnitId) {
    const [unit] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, input.ownerUnitId), eq(units.agencyId, scope.agencyId)));
    if (!unit) throw invalid('ownerUnitId', 'This is not a unit of your agency.');
  }
  const unknown = await unknownTerms(db, 'focus-area', input.focusAreas);
  if (unknown.length > 0) throw invalid('focusAreas', `Unknown focus areas: ${unknown.join(', ')}.`);
  const found = await filesOf(db, scope, input.documentIds);
  if (found.length !== new Set(input.documentIds).size)
    throw invalid('documentIds', 'A document was not found among your agency’s files.');
}

export function policyColumns(input: PolicyInput) {
  return {
    title: input.title,
    kind: input.kind,
    summary: input.summary ?? null,
    ownerUnitId: input.ownerUnitId ?? null,
    contactUserId: input.contactUserId,
    implementationDate: input.implementationDate,
    strategicObjectives: input.strategicObjectives,
    focusAreas: [...new Set(input.focusAreas)],
    status: input.status,
    documentIds: [...new Set(input.documentIds)],
    firstReviewMonths: input.firstReviewMonths,
    reviewEveryMonths: input.reviewEveryMonths,
  };
}

// The next review as SQL, the same rule as nextReviewOn, so lists can filter and sort by it.
export const nextReviewSql = sql<string>`(case when ${policies.lastReviewedOn} is null
  then ${policies.implementationDate} + make_interval(months => ${policies.firstReviewMonths})
  else ${policies.lastReviewedOn} + make_interval(months => ${policies.reviewEveryMonths}) end)::date`;

/** The agency's policies by title, filtered; a page at a time. */
export async function listPolicies(
  db: Db,
  scope: AgencyScope,
  query: {
    q?: string;
    focusArea?: string;
    status?: string;
    reviewWithinDays?: number;
    limit: number;
    cursor?: string;
  },
  now: Date,
) {
  const conditions = [eq(policies.agencyId, scope.agencyId)];
  if (query.q) conditions.push(ilike(policies.title, `%${query.q.replace(/[\\%_]/g, '\\$&')}%`));
  if (query.focusArea)
    conditions.push(sql`${policies.focusAreas} @> ${JSON.stringify([query.focusArea])}::jsonb`);
  if (query.status) conditions.push(eq(policies.status, query.status));
  if (query.reviewWithinDays !== undefined) {
    const until = new Date(now.getTime() + query.reviewWithinDays * 86_400_000);
    conditions.push(sql`${nextReviewSql} <= ${dayOf(until)}::date`);
  }
  const after = decodeCursor(query.cursor, [cursorPart.text, cursorPart.uuid]);
  if (after) {
    const [title, id] = after;
    conditions.push(or(gt(policies.title, title), and(eq(policies.title, title), gt(policies.id, id)))!);
  }
  const rows = await db
    .select({ policy: policies, contact: { id: users.id, name: users.name, email: users.email } })
    .from(policies)
    .innerJoin(users, eq(users.id, policies.contactUserId))
    .where(and(...conditions))
    .orderBy(asc(policies.title), asc(policies.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => [row.policy.title, row.policy.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ policy, contact }) => {
      const view = present(policy, contact, null, [], [], now);
      return {
        id: view.id,
        title: view.title,
        kind: view.kind,
        status: view.status,
        focusAreas: view.focusAreas,
        contact: view.contact,
        nextReviewOn: view.nextReviewOn,
        reviewOverdue: view.reviewOverdue,
      };
    }),
  };
}

/** A review cannot be dated in the future nor before the policy took effect. */
export function checkReviewDate(reviewedOn: string, policy: { implementationDate: string }, now: Date) {
  if (reviewedOn > dayOf(now)) throw invalid('reviewedOn', 'A review cannot be recorded in the future.');
  if (reviewedOn < policy.implementationDate)
    throw invalid('reviewedOn', 'A review cannot be earlier than the implementation date.');
}
