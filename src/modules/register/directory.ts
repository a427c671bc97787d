import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { notFound } from '../../platform/http/problems.ts';
import {
  DirectoryCountQuery,
  DirectoryCounts,
  DirectoryPage,
  DirectoryQuery,
  PublicOrganisation,
  Taxonomies,
  type OrganisationView,
} from './contracts.ts';
import { loadOrganisation } from './organisations.ts';
import { loadSettings } from './register-status.ts';
import { rememberedCounts } from './remembered-counts.ts';
import { searchOrganisations } from './search.ts';
import { organisationNames, organisations } from './tables.ts';
import { loadTaxonomies } from './taxonomies.ts';

const isPublic = (visibility: Record<string, string>, group: string) =>
  (visibility[group] ?? 'public') === 'public';

/** Only the public field groups leave here; contacts never do (000 Focus area 2, privacy by design). */
export function toPublicOrganisation(view: OrganisationView): z.infer<typeof PublicOrganisation> {
  return {
    id: view.id,
    legalName: view.legalName,
    otherNames: view.otherNames,
    acronym: view.acronym,
    kind: view.kind,
    mission: view.mission,
    focusAreas: view.focusAreas,
    populations: view.populations,
    places: isPublic(view.visibility, 'places') ? view.places.map((p) => p.name) : [],
    website: view.website,
    registerStatus: view.registerStatus,
  };
}

// Anyone may search without signing in, so the directory has its own, lower rate limit.
const publicLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };

export const directoryRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const tags = ['Public directory'];
  const keptCounts = rememberedCounts();

  app.get(
    '/taxonomies',
    {
      config: { ...publicLimit, public: true },
      schema: {
        tags,
        summary: 'Lists used to filter the directory',
        security: [],
        response: { 200: Taxonomies },
      },
    },
    async () => loadTaxonomies(platform),
  );

  app.get(
    '/organisations/counts',
    {
      config: { ...publicLimit, public: true },
      schema: {
        tags,
        summary: 'How many public profiles a directory search matches',
        security: [],
        querystring: DirectoryCountQuery,
        response: { 200: DirectoryCounts },
      },
    },
    async (request) => {
      const settings = await loadSettings(platform.db);
      const { total, matched } = await keptCounts.count(
        platform.db,
        { ...request.query, publicOnly: true },
        settings,
        platform.clock.now(),
        { facets: false },
      );
      return { total, ...(matched ? { matched } : {}) };
    },
  );

  app.get(
    '/organisations',
    {
      config: { ...publicLimit, public: true },
      schema: {
        tags,
        summary: 'Search the public directory',
        security: [],
        querystring: DirectoryQuery,
        response: { 200: DirectoryPage },
      },
    },
    async (request) => {
      const settings = await loadSettings(platform.db);
      const page = await searchOrganisations(
        platform.db,
        { ...request.query, publicOnly: true },
        settings,
        platform.clock.now(),
      );
      const ids = page.items.map((item) => item.id);
      const extra = ids.length
        ? await platform.db
            .select({
              id: organisations.id,
              mission: organisations.mission,
              website: organisations.website,
              visibility: organisations.visibility,
            })
            .from(organisations)
            .where(inArray(organisations.id, ids))
        : [];
      const names = ids.length
        ? await platform.db
            .select()
            .from(organisationNames)
            .where(inArray(organisationNames.organisationId, ids))
        : [];
      return {
        nextCursor: page.nextCursor,
        ...(page.matched ? { matched: page.matched } : {}),
        items: page.items.map((item) => {
          const more = extra.find((row) => row.id === item.id);
          return {
            id: item.id,
            legalName: item.legalName,
            otherNames: names
              .filter((n) => n.organisationId === item.id)
              .map((n) => ({ name: n.name, language: n.language })),
            acronym: item.acronym,
            kind: item.kind,
            mission: more?.mission ?? null,
            focusAreas: item.focusAreas,
            populations: [],
            places: more && isPublic(more.visibility, 'places') ? item.places : [],
            website: more?.website ?? null,
            registerStatus: item.registerStatus,
          };
        }),
      };
    },
  );

  app.get(
    '/organisations/:id',
    {
      config: { ...publicLimit, public: true },
      schema: {
        tags,
        summary: 'A public organisation page',
        security: [],
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: PublicOrganisation },
      },
    },
    async (request) => {
      const settings = await loadSettings(platform.db);
      const view = await loadOrganisation(platform.db, request.params.id, settings, platform.clock.now());
      if (!isPublic(view.visibility, 'overview')) throw notFound('This organisation');
      return toPublicOrganisation(view);
    },
  );
};
