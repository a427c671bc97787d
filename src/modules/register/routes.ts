import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { PageQuery } from '../../platform/http/pagination.ts';
import { authorize, requireUser, scopeOf, type Actor } from '../../platform/policy/index.ts';
import {
  Affiliation,
  DuplicateCandidate,
  DuplicateQuery,
  NewOrganisation,
  OrganisationChange,
  OrganisationView,
  RegisterCountQuery,
  RegisterCounts,
  RegisterPage,
  RegisterQuery,
  Renewal,
  Taxonomies,
  NewTerm,
  RegisterSettingsChange,
  RegisterSettingsView,
  TermChange,
  taxonomies,
} from './contracts.ts';
import { rememberedDashboard } from './dashboard.ts';
import { documentRoutes } from './document-routes.ts';
import { organisationHistory } from './history.ts';
import { importRoutes } from './import-routes.ts';
import { reviewRoutes } from './review-routes.ts';
import { RENEWAL_REMINDER_JOB, sendRenewalReminders } from './reminders.ts';
import { exportCsv, exportXlsx } from './export.ts';
import { findDuplicates } from './duplicates.ts';
import { readAheadOnceListening } from './first-look.ts';
import { affiliateOrganisation, leaveUmbrella } from './operations/affiliate-organisation.ts';
import { changeOrganisation } from './operations/change-organisation.ts';
import { addTerm, changeSettings, changeTerm, showSettings } from './operations/change-settings.ts';
import { createOrganisation } from './operations/create-organisation.ts';
import { mergeOrganisations } from './operations/merge-organisations.ts';
import { renewOrganisation } from './operations/renew-organisation.ts';
import { loadOrganisation, mergedInto } from './organisations.ts';
import { asSeenByAgency } from './profile-access.ts';
import { ensureReferenceData } from './reference-data.ts';
import { loadSettings } from './register-status.ts';
import { rememberedCounts } from './remembered-counts.ts';
import { searchOrganisations } from './search.ts';
import { loadTaxonomies } from './taxonomies.ts';

const tags = ['Register'];
const Id = z.strictObject({ id: z.uuid() });

export const registerRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  // Every profile staff receive passes here, so a CSO's private parts reach only agencies it chose.
  const seenBy = (actor: Actor, view: OrganisationView) =>
    asSeenByAgency(platform.db, view, scopeOf(actor).agencyId);
  await ensureReferenceData(platform.db);
  await loadSettings(platform.db);
  const keptCounts = rememberedCounts();
  const keptDashboard = rememberedDashboard();
  readAheadOnceListening(app, platform, { counts: keptCounts, dashboard: keptDashboard });
  await app.register(importRoutes, { platform });
  await app.register(reviewRoutes, { platform });
  await app.register(documentRoutes('staff'), { platform });
  // Daily at 18:00 UTC (morning in the Cook Islands): reminders for confirmations about to run out.
  platform.jobs.define(RENEWAL_REMINDER_JOB, () => sendRenewalReminders(platform), { cron: '0 18 * * *' });

  app.get(
    '/taxonomies',
    {
      schema: {
        tags,
        summary: 'Kinds, focus areas, populations, identifier schemes and places',
        response: { 200: Taxonomies },
      },
    },
    async (request) => {
      authorize(requireUser(request.actor), 'register:read');
      return loadTaxonomies(platform);
    },
  );

  app.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'Search the register',
        querystring: RegisterQuery,
        response: { 200: RegisterPage },
      },
    },
    async (request) => {
      authorize(requireUser(request.actor), 'register:read');
      const settings = await loadSettings(platform.db);
      return searchOrganisations(platform.db, request.query, settings, platform.clock.now());
    },
  );

  app.get(
    '/organisations/counts',
    {
      schema: {
        tags,
        summary: 'How many profiles a search matches, in all and by kind, status, focus area and population',
        querystring: RegisterCountQuery,
        response: { 200: RegisterCounts },
      },
    },
    async (request) => {
      authorize(requireUser(request.actor), 'register:read');
      const settings = await loadSettings(platform.db);
      return keptCounts.count(platform.db, request.query, settings, platform.clock.now(), {
        facets: true,
      });
    },
  );

  // The current search as a file: the same filters as the list, every matching row.
  app.get(
    '/organisations/export',
    {
      schema: {
        tags,
        summary: 'Export the current search as CSV or XLSX',
        querystring: RegisterQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
      },
    },
    async (request, reply) => {
      authorize(requireUser(request.actor), 'register:read');
      const { format, ...query } = request.query;
      const settings = await loadSettings(platform.db);
      const now = platform.clock.now();
      const day = now.toISOString().slice(0, 10);
      if (format === 'xlsx') {
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="register-${day}.xlsx"`)
          .send(exportXlsx(platform.db, query, settings, now));
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="register-${day}.csv"`)
        .send(exportCsv(platform.db, query, settings, now));
    },
  );

  app.post(
    '/organisations/duplicates',
    {
      schema: {
        tags,
        summary: 'Likely duplicates of a profile not yet saved',
        body: DuplicateQuery,
        response: { 200: z.object({ candidates: z.array(DuplicateCandidate) }) },
      },
    },
    async (request) => {
      authorize(requireUser(request.actor), 'register:read');
      return { candidates: await findDuplicates(platform.db, request.body) };
    },
  );

  app.post(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'Register an organisation',
        body: NewOrganisation,
        response: { 201: OrganisationView },
      },
    },
    async (request, reply) => {
      const { acknowledgeDuplicates, ...input } = request.body;
      const created = await createOrganisation(platform, {
        actor: requireUser(request.actor),
        input,
        acknowledgeDuplicates,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'An organisation profile (a merged one redirects to its survivor)',
        params: Id,
        response: { 200: OrganisationView },
      },
    },
    async (request, reply) => {
      authorize(requireUser(request.actor), 'register:read');
      const survivor = await mergedInto(platform.db, request.params.id);
      if (survivor) return reply.redirect(`/api/v1/register/organisations/${survivor}`, 308);
      const settings = await loadSettings(platform.db);
      return seenBy(
        request.actor,
        await loadOrganisation(platform.db, request.params.id, settings, platform.clock.now()),
      );
    },
  );

  app.get(
    '/organisations/:id/history',
    {
      schema: {
        tags,
        summary: "An organisation's history, by every agency and the organisation itself",
        params: Id,
        querystring: PageQuery.strict(),
      },
    },
    async (request) =>
      organisationHistory(platform, requireUser(request.actor), request.params.id, request.query),
  );

  app.post(
    '/organisations/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate profile into this one',
        params: Id,
        body: z.strictObject({ duplicateId: z.uuid() }),
        response: { 200: OrganisationView },
      },
    },
    async (request) =>
      seenBy(
        request.actor,
        await mergeOrganisations(platform, {
          actor: requireUser(request.actor),
          survivorId: request.params.id,
          duplicateId: request.body.duplicateId,
        }),
      ),
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Change a profile',
        params: Id,
        body: OrganisationChange,
        response: { 200: OrganisationView },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return changeOrganisation(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        input,
        version,
      });
    },
  );

  app.post(
    '/organisations/:id/renewal',
    {
      schema: {
        tags,
        summary: 'Confirm a profile for another period',
        params: Id,
        body: Renewal,
        response: { 200: OrganisationView },
      },
    },
    async (request) =>
      renewOrganisation(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        note: request.body.note,
      }),
  );

  app.post(
    '/organisations/:id/affiliations',
    {
      schema: {
        tags,
        summary: 'Join an umbrella body',
        params: Id,
        body: Affiliation,
        response: { 200: OrganisationView },
      },
    },
    async (request) =>
      seenBy(
        request.actor,
        await affiliateOrganisation(platform, {
          actor: requireUser(request.actor),
          memberId: request.params.id,
          umbrellaId: request.body.umbrellaId,
        }),
      ),
  );

  app.delete(
    '/organisations/:id/affiliations/:umbrellaId',
    {
      schema: {
        tags,
        summary: 'Leave an umbrella body',
        params: z.strictObject({ id: z.uuid(), umbrellaId: z.uuid() }),
        response: { 200: OrganisationView },
      },
    },
    async (request) =>
      seenBy(
        request.actor,
        await leaveUmbrella(platform, {
          actor: requireUser(request.actor),
          memberId: request.params.id,
          umbrellaId: request.params.umbrellaId,
        }),
      ),
  );

  app.get('/renewals', { schema: { tags, summary: 'Renewal status of the register' } }, async (request) => {
    authorize(requireUser(request.actor), 'register:read');
    return keptDashboard.show(platform.db, await loadSettings(platform.db), platform.clock.now());
  });

  app.get(
    '/settings',
    { schema: { tags, summary: 'Renewal period and reminders', response: { 200: RegisterSettingsView } } },
    async (request) => showSettings(platform, requireUser(request.actor)),
  );

  app.patch(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Change the renewal period and reminders',
        body: RegisterSettingsChange,
        response: { 200: RegisterSettingsView },
      },
    },
    async (request) => changeSettings(platform, requireUser(request.actor), request.body),
  );

  const TermView = z.object({ code: z.string(), label: z.string(), active: z.boolean() });
  app.post(
    '/taxonomies/:taxonomy',
    {
      schema: {
        tags,
        summary: 'Add a kind, focus area, population or identifier scheme',
        params: z.strictObject({ taxonomy: z.enum(taxonomies) }),
        body: NewTerm,
        response: { 201: TermView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addTerm(platform, requireUser(request.actor), request.params.taxonomy, request.body)),
  );

  app.patch(
    '/taxonomies/:taxonomy/:code',
    {
      schema: {
        tags,
        summary: 'Rename or retire a term',
        params: z.strictObject({ taxonomy: z.enum(taxonomies), code: z.string().max(60) }),
        body: TermChange,
        response: { 200: TermView },
      },
    },
    async (request) =>
      changeTerm(
        platform,
        requireUser(request.actor),
        request.params.taxonomy,
        request.params.code,
        request.body,
      ),
  );
};
