// Announcements to organisations of the register chosen by focus area, place and kind (issue 5
// item 7): by e-mail to their contacts who agreed to be contacted, and in the portal.
import { and, desc, eq } from 'drizzle-orm';
import { users } from '../../platform/accounts/tables.ts';
import { together, type Db } from '../../platform/db/client.ts';
import { invalid, notFound } from '../../platform/http/problems.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import { contactsToWrite, organisationsMatching, unknownPlaces, unknownTerms } from '../register/index.ts';
import type { Audience } from './outreach-contracts.ts';
import { announcements } from './tables.ts';

/** Each criterion must name things the register knows, and an empty choice is not "everyone". */
export async function checkAudience(db: Db, audience: Audience) {
  const chosen = audience.focusAreas.length + audience.placeIds.length + audience.kinds.length;
  if (chosen === 0 && !audience.everyone)
    throw invalid(
      'audience',
      'Choose focus areas, places or kinds of organisation, or say it is for every organisation.',
    );
  if (chosen > 0 && audience.everyone)
    throw invalid('audience.everyone', 'An announcement for everyone takes no other choice.');
  const [focusAreas, kinds, places] = await together(db, [
    () => unknownTerms(db, 'focus-area', audience.focusAreas),
    () => unknownTerms(db, 'kind', audience.kinds),
    () => unknownPlaces(db, audience.placeIds),
  ]);
  if (focusAreas.length > 0)
    throw invalid('audience.focusAreas', `Unknown focus areas: ${focusAreas.join(', ')}.`);
  if (kinds.length > 0) throw invalid('audience.kinds', `Unknown kinds: ${kinds.join(', ')}.`);
  if (places.length > 0) throw invalid('audience.placeIds', 'A place chosen is not in the register.');
}

/** Every address to write to, once each, with the organisation it is written for. */
export async function addressesOf(db: Db, organisationIds: string[]) {
  const byOrganisation = Map.groupBy(await contactsToWrite(db, organisationIds), (c) => c.organisationId);
  const seen = new Set<string>();
  const addresses: { organisationId: string; name: string; email: string }[] = [];
  // In the order the organisations were chosen, so an address shared by two goes to the first.
  for (const organisationId of organisationIds) {
    for (const contact of byOrganisation.get(organisationId) ?? []) {
      const key = contact.email!.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      addresses.push({ organisationId, name: contact.name, email: contact.email! });
    }
  }
  return addresses;
}

/** How many organisations and addresses an announcement would reach: shown before sending. */
export async function previewAudience(db: Db, audience: Audience) {
  await checkAudience(db, audience);
  const organisationIds = await organisationsMatching(db, audience);
  return { organisations: organisationIds.length, emails: (await addressesOf(db, organisationIds)).length };
}

/** The audience in words, for the disclosure log's "to whom". */
export function describeAudience(audience: Audience, organisations: number): string {
  if (audience.everyone) return `Every organisation of the register (${organisations})`;
  const parts = [
    audience.focusAreas.length > 0 ? `focus areas ${audience.focusAreas.join(', ')}` : null,
    audience.kinds.length > 0 ? `kinds ${audience.kinds.join(', ')}` : null,
    audience.placeIds.length > 0 ? `${audience.placeIds.length} place(s)` : null,
  ].filter(Boolean);
  return `${organisations} organisation(s) by ${parts.join('; ')}`;
}

const columns = {
  announcement: announcements,
  sentBy: users.name,
};

function present(row: { announcement: typeof announcements.$inferSelect; sentBy: string | null }) {
  const { announcement } = row;
  return {
    id: announcement.id,
    title: announcement.title,
    body: announcement.body,
    audience: announcement.audience,
    organisationCount: announcement.organisationCount,
    emailCount: announcement.emailCount,
    jobId: announcement.jobId,
    sentAt: announcement.sentAt,
    sentBy: row.sentBy,
  };
}

export async function listAnnouncements(db: Db, scope: AgencyScope) {
  const rows = await db
    .select(columns)
    .from(announcements)
    .leftJoin(users, eq(users.id, announcements.sentBy))
    .where(eq(announcements.agencyId, scope.agencyId))
    .orderBy(desc(announcements.sentAt))
    .limit(200);
  return rows.map(present);
}

export async function loadAnnouncement(db: Db, scope: AgencyScope, id: string) {
  const [row] = await db
    .select(columns)
    .from(announcements)
    .leftJoin(users, eq(users.id, announcements.sentBy))
    .where(and(eq(announcements.id, id), eq(announcements.agencyId, scope.agencyId)));
  if (!row) throw notFound('This announcement');
  return present(row);
}
