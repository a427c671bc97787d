import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { Problem, type FieldError } from '../../platform/http/problems.ts';
import type { OrganisationInput } from './contracts.ts';
import { organisationIdentifiers, places, taxonomyTerms } from './tables.ts';

/**
 * Checks what Zod cannot: codes exist in their taxonomies, places exist, and no identifier belongs
 * to another profile. Every failing field is named, so a form can show each beside its input.
 */
export async function checkAgainstRegister(
  db: Db,
  input: OrganisationInput,
  organisationId?: string,
): Promise<void> {
  const errors: FieldError[] = [];
  const terms = await db
    .select({ taxonomy: taxonomyTerms.taxonomy, code: taxonomyTerms.code })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.active, true));
  const known = new Set(terms.map((t) => `${t.taxonomy}|${t.code}`));
  if (!known.has(`kind|${input.kind}`))
    errors.push({ field: 'kind', message: `Unknown kind "${input.kind}".` });
  input.focusAreas.forEach((code, index) => {
    if (!known.has(`focus-area|${code}`))
      errors.push({ field: `focusAreas.${index}`, message: `Unknown focus area "${code}".` });
  });
  input.populations.forEach((code, index) => {
    if (!known.has(`population|${code}`))
      errors.push({ field: `populations.${index}`, message: `Unknown population "${code}".` });
  });
  input.identifiers.forEach((identifier, index) => {
    if (!known.has(`identifier-scheme|${identifier.scheme}`)) {
      errors.push({
        field: `identifiers.${index}.scheme`,
        message: `Unknown identifier scheme "${identifier.scheme}".`,
      });
    }
  });
  if (input.placeIds.length) {
    const found = await db.select({ id: places.id }).from(places).where(inArray(places.id, input.placeIds));
    const ids = new Set(found.map((p) => p.id));
    input.placeIds.forEach((id, index) => {
      if (!ids.has(id)) errors.push({ field: `placeIds.${index}`, message: 'No such place.' });
    });
  }
  const seen = new Set<string>();
  for (const [index, identifier] of input.identifiers.entries()) {
    const key = `${identifier.scheme}|${identifier.value}`;
    if (seen.has(key))
      errors.push({ field: `identifiers.${index}.value`, message: 'The same identifier twice.' });
    seen.add(key);
    const taken = await db
      .select({ organisationId: organisationIdentifiers.organisationId })
      .from(organisationIdentifiers)
      .where(
        and(
          eq(organisationIdentifiers.scheme, identifier.scheme),
          eq(organisationIdentifiers.value, identifier.value),
          ...(organisationId ? [ne(organisationIdentifiers.organisationId, organisationId)] : []),
        ),
      );
    if (taken.length) {
      errors.push({
        field: `identifiers.${index}.value`,
        message: `${identifier.scheme} ${identifier.value} already belongs to another organisation.`,
      });
    }
  }
  if (errors.length) {
    throw new Problem('invalid-request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      errors,
    });
  }
}
