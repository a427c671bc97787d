import { asc, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.ts';
import { places, taxonomyTerms } from './tables.ts';

export async function loadTaxonomies(platform: Platform) {
  const terms = await platform.db
    .select()
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.active, true))
    .orderBy(asc(taxonomyTerms.position));
  const of = (taxonomy: string) =>
    terms.filter((t) => t.taxonomy === taxonomy).map(({ code, label }) => ({ code, label }));
  const placeRows = await platform.db
    .select({
      id: places.id,
      code: places.code,
      name: places.name,
      level: places.level,
      parentId: places.parentId,
    })
    .from(places)
    .orderBy(asc(places.path));
  return {
    kinds: of('kind'),
    focusAreas: of('focus-area'),
    populations: of('population'),
    identifierSchemes: of('identifier-scheme'),
    places: placeRows,
  };
}
