// The one place that decides what an agency sees of an organisation (issue 3 items 1 and 3, issue
// 18): every answer holding profile data, every audit payload an agency reads, the shared search
// indexes and the duplicate probe ask here, so a CSO's private parts reach only agencies it chose.
import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { forbidden } from '../../platform/http/problems.ts';
import { scopeOf, type Actor } from '../../platform/policy/index.ts';
import {
  fieldGroups,
  fieldsOfGroup,
  profileFields,
  type OrganisationInput,
  type OrganisationView,
  type ProfileField,
} from './contracts.ts';
import { privateAccess } from './tables.ts';

/** The profile as an edit form holds it, so a stored profile and a proposed one compare field by field. */
export function inputOf(view: OrganisationView): OrganisationInput {
  return {
    legalName: view.legalName,
    otherNames: view.otherNames,
    acronym: view.acronym,
    kind: view.kind,
    legalStatus: view.legalStatus,
    yearFounded: view.yearFounded,
    mission: view.mission,
    focusAreas: view.focusAreas,
    populations: view.populations,
    placeIds: view.places.map((place) => place.id),
    identifiers: view.identifiers,
    contacts: view.contacts,
    staffCount: view.staffCount,
    volunteerCount: view.volunteerCount,
    budgetBand: view.budgetBand,
    website: view.website,
    visibility: view.visibility,
  };
}

// Lists whose order carries no meaning compare as sets; contacts and names keep their order.
const setFields: ProfileField[] = ['focusAreas', 'populations', 'placeIds', 'identifiers'];

function comparable(field: ProfileField, value: unknown): string {
  const blank = value === undefined || value === '' ? null : value;
  if (!setFields.includes(field) || !Array.isArray(blank)) return JSON.stringify(blank);
  return JSON.stringify(blank.map((item) => JSON.stringify(item)).sort());
}

export function changedFields(before: OrganisationInput, after: OrganisationInput): ProfileField[] {
  return profileFields.filter(
    (field) => comparable(field, before[field]) !== comparable(field, after[field]),
  );
}

/** The private groups of this profile the agency may not see: it was not chosen by the CSO. */
export async function groupsHiddenFrom(
  db: Db,
  view: Pick<OrganisationView, 'id' | 'visibility'>,
  agencyId: string,
): Promise<string[]> {
  const privateGroups = fieldGroups.filter((group) => view.visibility[group] === 'private');
  if (privateGroups.length === 0) return [];
  const [granted] = await db
    .select({ agencyId: privateAccess.agencyId })
    .from(privateAccess)
    .where(and(eq(privateAccess.organisationId, view.id), eq(privateAccess.agencyId, agencyId)));
  return granted ? [] : privateGroups;
}

const emptied: Record<ProfileField, unknown> = {
  legalName: '',
  otherNames: [],
  acronym: null,
  kind: '',
  legalStatus: null,
  yearFounded: null,
  mission: null,
  focusAreas: [],
  populations: [],
  placeIds: [],
  identifiers: [],
  contacts: [],
  staffCount: null,
  volunteerCount: null,
  budgetBand: null,
  website: null,
};

/** The profile as this agency's staff may see it: private groups not shared with it are blank. */
export async function asSeenByAgency(
  db: Db,
  view: OrganisationView,
  agencyId: string,
): Promise<OrganisationView> {
  const hiddenGroups = await groupsHiddenFrom(db, view, agencyId);
  if (hiddenGroups.length === 0) return view;
  const hidden = hiddenGroups.flatMap((group) => fieldsOfGroup[group as keyof typeof fieldsOfGroup]);
  const blanked: OrganisationView = { ...view, hiddenGroups };
  if (hiddenGroups.includes('documents')) blanked.documents = [];
  for (const field of hidden) {
    if (field === 'placeIds') blanked.places = [];
    else (blanked as Record<string, unknown>)[field] = emptied[field];
  }
  return blanked;
}

/**
 * The profile as this actor may see it: whole for the organisation's own people and for the system,
 * as its agency sees it for staff.
 */
export async function asSeenBy(db: Db, view: OrganisationView, actor: Actor): Promise<OrganisationView> {
  if (actor.kind === 'system') return view;
  if (actor.kind === 'user' && actor.organisations.some((m) => m.organisationId === view.id)) return view;
  return asSeenByAgency(db, view, scopeOf(actor).agencyId);
}

/** The fields of the groups an agency may not see. */
export function fieldsOfGroups(groups: string[]): ProfileField[] {
  return groups.flatMap((group) => fieldsOfGroup[group as keyof typeof fieldsOfGroup] ?? []);
}

/**
 * Staff may not act on what they cannot see (verify it, decide a change to it, add or remove a
 * private document): a blind change would make them the verifier of values they never read.
 */
export async function refuseHiddenFields(
  db: Db,
  view: Pick<OrganisationView, 'id' | 'visibility'>,
  agencyId: string,
  fields: string[],
) {
  const hiddenGroups = await groupsHiddenFrom(db, view, agencyId);
  const hiddenFields: string[] = fieldsOfGroups(hiddenGroups);
  const refused = fields.find((field) => hiddenFields.includes(field));
  if (refused)
    throw forbidden(
      `The organisation keeps "${refused}" private from your agency, so your agency cannot check or change it.`,
    );
}

export async function refuseHiddenGroup(
  db: Db,
  view: Pick<OrganisationView, 'id' | 'visibility'>,
  agencyId: string,
  group: (typeof fieldGroups)[number],
) {
  if ((await groupsHiddenFrom(db, view, agencyId)).includes(group))
    throw forbidden(`The organisation keeps its ${group} private from your agency.`);
}

/**
 * Shared indexes and lists every agency reads (search text and its typo words, place lists and
 * filters, kept counts, the duplicate probe) hold a group's values only where the group is not
 * private, for any agency: an index cannot tell one agency from another (issue 18 item 4).
 */
export function notPrivate(group: (typeof fieldGroups)[number], visibility: SQLWrapper = sql`o.visibility`) {
  return sql`coalesce(${visibility}->>${group}, '') <> 'private'`;
}

/** Staff who cannot see a private group cannot change it either: its stored values are kept. */
export function keepHiddenGroups(
  input: OrganisationInput,
  stored: OrganisationInput,
  hiddenGroups: string[],
): OrganisationInput {
  const kept = { ...input, visibility: stored.visibility };
  for (const group of hiddenGroups) {
    for (const field of fieldsOfGroup[group as keyof typeof fieldsOfGroup] ?? []) {
      (kept as Record<string, unknown>)[field] = stored[field];
    }
  }
  return hiddenGroups.length ? kept : input;
}
