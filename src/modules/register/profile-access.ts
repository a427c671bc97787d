// Who sees which part of a profile, and what a change touches (issue 3 items 1 and 3).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
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
