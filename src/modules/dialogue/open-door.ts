// "Open and right door" (000 §6 Focus area 1: "establish and communicate to stakeholders identified
// points of contact for all relevant social policy matters"): for each policy and focus area, whom
// the public should contact, and which consultations are open. Only what the agency published
// leaves here; the policy's own point of contact (a staff account) never does.
import { and, asc, eq, gt, inArray, lte, ne } from 'drizzle-orm';
import { agencies, units } from '../../platform/accounts/tables.ts';
import { together, type Db } from '../../platform/db/client.ts';
import { invalid, notFound } from '../../platform/http/problems.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import { termLabels, unknownTerms } from '../register/index.ts';
import type { PublishedContactInput } from './outreach-contracts.ts';
import { consultations, policies, publishedContacts } from './tables.ts';

type ContactRow = typeof publishedContacts.$inferSelect;

/** What the staff page shows of the agency's published contacts. */
export async function listPublishedContacts(db: Db, scope: AgencyScope) {
  const rows = await db
    .select({ contact: publishedContacts, unitName: units.name })
    .from(publishedContacts)
    .leftJoin(units, eq(units.id, publishedContacts.unitId))
    .where(eq(publishedContacts.agencyId, scope.agencyId))
    .orderBy(asc(publishedContacts.focusArea), asc(publishedContacts.name));
  return rows.map(({ contact, unitName }) => presentContact(contact, unitName));
}

export function presentContact(contact: ContactRow, unitName: string | null) {
  return {
    id: contact.id,
    policyId: contact.policyId,
    focusArea: contact.focusArea,
    name: contact.name,
    unit: contact.unitId && unitName ? { id: contact.unitId, name: unitName } : null,
    email: contact.email,
    phone: contact.phone,
    version: contact.version,
  };
}

/** The policy, focus area and unit named must be the agency's own, and the focus area a known term. */
export async function checkPublishedContact(db: Db, scope: AgencyScope, input: PublishedContactInput) {
  if (input.policyId) {
    const [policy] = await db
      .select({ id: policies.id })
      .from(policies)
      .where(and(eq(policies.id, input.policyId), eq(policies.agencyId, scope.agencyId)));
    if (!policy) throw invalid('policyId', 'This is not a policy of your agency.');
  }
  if (input.focusArea && (await unknownTerms(db, 'focus-area', [input.focusArea])).length > 0)
    throw invalid('focusArea', `Unknown focus area: ${input.focusArea}.`);
  if (input.unitId) {
    const [unit] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, input.unitId), eq(units.agencyId, scope.agencyId)));
    if (!unit) throw invalid('unitId', 'This is not a unit of your agency.');
  }
}

/** Agencies with a policy in force or under review: where the open door page can lead. */
export async function openDoorAgencies(db: Db) {
  const rows = await db
    .selectDistinct({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .innerJoin(policies, eq(policies.agencyId, agencies.id))
    .where(inArray(policies.status, ['in-force', 'under-review']))
    .orderBy(asc(agencies.name));
  return { agencies: rows };
}

/** The public page's content for one agency: small, so it loads on an outer island's connection. */
export async function openDoor(db: Db, agencyId: string, now: Date) {
  const [agency] = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  if (!agency) throw notFound('This agency');
  const [policyRows, contactRows, consultationRows, labels] = await together(db, [
    () =>
      db
        .select({
          id: policies.id,
          title: policies.title,
          kind: policies.kind,
          summary: policies.summary,
          focusAreas: policies.focusAreas,
          unit: units.name,
        })
        .from(policies)
        .leftJoin(units, eq(units.id, policies.ownerUnitId))
        // Drafts are not public yet; retired policies have no one to contact.
        .where(
          and(eq(policies.agencyId, agencyId), ne(policies.status, 'draft'), ne(policies.status, 'retired')),
        )
        .orderBy(asc(policies.title)),
    () =>
      db
        .select({ contact: publishedContacts, unit: units.name })
        .from(publishedContacts)
        .leftJoin(units, eq(units.id, publishedContacts.unitId))
        .where(eq(publishedContacts.agencyId, agencyId)),
    () =>
      db
        .select({
          id: consultations.id,
          title: consultations.title,
          closesAt: consultations.closesAt,
          policyId: consultations.policyId,
        })
        .from(consultations)
        .where(
          and(
            eq(consultations.agencyId, agencyId),
            lte(consultations.opensAt, now),
            gt(consultations.closesAt, now),
          ),
        )
        .orderBy(asc(consultations.closesAt)),
    () => termLabels(db, 'focus-area'),
  ]);
  const publicContact = (row: { contact: ContactRow; unit: string | null }) => ({
    name: row.contact.name,
    unit: row.unit,
    email: row.contact.email,
    phone: row.contact.phone,
  });
  const byPolicy = new Map(
    contactRows.filter((r) => r.contact.policyId).map((r) => [r.contact.policyId!, r]),
  );
  const byFocusArea = new Map(
    contactRows.filter((r) => r.contact.focusArea).map((r) => [r.contact.focusArea!, r]),
  );
  const policyList = policyRows.map((policy) => {
    const contact = byPolicy.get(policy.id);
    return {
      ...policy,
      contact: contact ? publicContact(contact) : null,
      consultations: consultationRows
        .filter((c) => c.policyId === policy.id)
        .map(({ id, title, closesAt }) => ({ id, title, closesAt })),
    };
  });
  // A focus area is listed when a policy works in it or the agency published a contact for it.
  const focusAreas = labels
    .map(({ code, label }) => {
      const contact = byFocusArea.get(code);
      return {
        code,
        label,
        contact: contact ? publicContact(contact) : null,
        policyIds: policyList.filter((p) => p.focusAreas.includes(code)).map((p) => p.id),
      };
    })
    .filter((area) => area.contact || area.policyIds.length > 0);
  return { agency, policies: policyList, focusAreas };
}
