import { dayOf } from '../../platform/clock.ts';
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { memberships, users } from '../../platform/accounts/tables.ts';
import type { Db } from '../../platform/db/client.ts';
import { cursorPart, decodeCursor, toPage } from '../../platform/http/pagination.ts';
import { invalid, notFound } from '../../platform/http/problems.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import { missingOrganisations, organisationSummaries, unknownPlaces } from '../register/index.ts';
import type { BodyInput, BodyView, MemberInput } from './contracts.ts';

import { advisoryBodies, bodyMembers } from './tables.ts';

/** A seat counts as current from its first day to its last, both included. */
const isCurrent = (member: { startsOn: string; endsOn: string | null }, today: string) =>
  member.startsOn <= today && (member.endsOn === null || member.endsOn >= today);

export async function loadBody(db: Db, scope: AgencyScope, id: string, now: Date): Promise<BodyView> {
  const [row] = await db
    .select({ body: advisoryBodies, contact: { id: users.id, name: users.name, email: users.email } })
    .from(advisoryBodies)
    .innerJoin(users, eq(users.id, advisoryBodies.contactUserId))
    .where(and(eq(advisoryBodies.id, id), eq(advisoryBodies.agencyId, scope.agencyId)));
  if (!row) throw notFound('This advisory body');
  const members = await db
    .select()
    .from(bodyMembers)
    .where(eq(bodyMembers.bodyId, id))
    .orderBy(asc(bodyMembers.startsOn), asc(bodyMembers.createdAt), asc(bodyMembers.id));
  const names = await organisationSummaries(
    db,
    members.flatMap((member) => (member.organisationId ? [member.organisationId] : [])),
  );
  const today = dayOf(now);
  return {
    id: row.body.id,
    name: row.body.name,
    kind: row.body.kind as BodyView['kind'],
    level: row.body.level as BodyView['level'],
    placeId: row.body.placeId,
    termsOfReference: row.body.termsOfReference,
    contact: row.contact,
    members: members.map((member) => ({
      id: member.id,
      personName: member.personName,
      email: member.email,
      organisation: member.organisationId
        ? { id: member.organisationId, name: names.get(member.organisationId)?.legalName ?? '' }
        : null,
      role: member.role as BodyView['members'][number]['role'],
      startsOn: member.startsOn,
      endsOn: member.endsOn,
      current: isCurrent(member, today),
    })),
    version: row.body.version,
  };
}

/** The contact is on the agency's staff; a local body sits in a known place (003). */
export async function checkBodyInput(db: Db, scope: AgencyScope, input: BodyInput): Promise<void> {
  const [member] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.agencyId, scope.agencyId), eq(memberships.userId, input.contactUserId)));
  if (!member) throw invalid('contactUserId', 'The point of contact must be a member of your agency.');
  if (input.level === 'local' && !input.placeId)
    throw invalid('placeId', 'A local body needs the place it serves.');
  if (input.placeId && (await unknownPlaces(db, [input.placeId])).length > 0)
    throw invalid('placeId', 'This place is not in the register.');
}

export const bodyColumns = (input: BodyInput) => ({
  name: input.name,
  kind: input.kind,
  level: input.level,
  placeId: input.placeId ?? null,
  termsOfReference: input.termsOfReference ?? null,
  contactUserId: input.contactUserId,
});

/** A member is a person, an organisation of the register, or both; a term ends after it starts. */
export async function checkMemberInput(db: Db, input: MemberInput): Promise<void> {
  if (!input.personName && !input.organisationId)
    throw invalid('personName', 'Name the person, the organisation, or both.');
  if (input.organisationId && (await missingOrganisations(db, [input.organisationId])).length > 0)
    throw invalid('organisationId', 'This organisation is not in the register.');
  if (input.endsOn && input.endsOn <= input.startsOn)
    throw invalid('endsOn', 'A term must end after it starts.');
}

export const memberColumns = (input: MemberInput) => ({
  personName: input.personName ?? null,
  email: input.email ?? null,
  organisationId: input.organisationId ?? null,
  role: input.role,
  startsOn: input.startsOn,
  endsOn: input.endsOn ?? null,
});

export async function listBodies(
  db: Db,
  scope: AgencyScope,
  query: { limit: number; cursor?: string },
  now: Date,
) {
  const conditions = [eq(advisoryBodies.agencyId, scope.agencyId)];
  const after = decodeCursor(query.cursor, [cursorPart.text, cursorPart.uuid]);
  if (after) {
    const [name, id] = after;
    conditions.push(
      or(gt(advisoryBodies.name, name), and(eq(advisoryBodies.name, name), gt(advisoryBodies.id, id)))!,
    );
  }
  const today = dayOf(now);
  const rows = await db
    .select({
      id: advisoryBodies.id,
      name: advisoryBodies.name,
      kind: advisoryBodies.kind,
      level: advisoryBodies.level,
      placeId: advisoryBodies.placeId,
      currentMembers: sql<number>`(select count(*)::int from body_members m where m.body_id = advisory_bodies.id
        and m.starts_on <= ${today}::date and (m.ends_on is null or m.ends_on >= ${today}::date))`,
    })
    .from(advisoryBodies)
    .where(and(...conditions))
    .orderBy(asc(advisoryBodies.name), asc(advisoryBodies.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => [row.name, row.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((row) => ({
      ...row,
      kind: row.kind as BodyView['kind'],
      level: row.level as BodyView['level'],
      currentMembers: Number(row.currentMembers),
    })),
  };
}
