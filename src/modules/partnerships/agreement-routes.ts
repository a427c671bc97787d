// An agreement's details, amendments, signed copies and expiry reminders (issue 4 item 8), for
// staff, and the portal side: a party's people read its agreements and acknowledge the code of conduct.
import multipart from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { storedFiles } from '../../platform/files/tables.ts';
import { sendStoredFile } from '../../platform/files/upload.ts';
import { notFound } from '../../platform/http/problems.ts';
import { requireUser, type Actor, permittedUser } from '../../platform/policy/index.ts';
import { AgreementChange, AgreementDetailView, AgreementList, CurrencyList } from './agreement-contracts.ts';
import { agreementRow, agreementRows, presentAgreementDetails } from './agreement-details.ts';
import { AGREEMENT_REMINDER_JOB, sendAgreementReminders } from './agreement-reminders.ts';
import { currencyCodes, minorUnits } from './currencies.ts';
import {
  acknowledgeConduct,
  changeAgreement,
  organisationAgreements,
  uploadSignedCopy,
} from './operations/agreement-details.ts';
import { partnershipRow } from './partnerships.ts';
import { agreementFiles } from './tables.ts';

const tags = ['Partnerships'];
const portalTags = ['Partnerships (portal)'];
const Id = z.strictObject({ id: z.uuid() });
const OneAgreement = z.strictObject({ id: z.uuid(), agreementId: z.uuid() });
const PortalAgreements = z.strictObject({ organisationId: z.uuid(), partnershipId: z.uuid() });

export const agreementRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  await app.register(multipart, {
    limits: { fileSize: platform.config.maxUploadBytes, files: 1, fields: 0 },
  });
  // Daily at 18:15 UTC (morning in the Cook Islands): expiries first, then the 90/30/7-day reminders.
  platform.jobs.define(AGREEMENT_REMINDER_JOB, () => sendAgreementReminders(platform), {
    cron: '15 18 * * *',
  });

  /** One version of an agreement's signed copy; the caller has checked the reader may have it. */
  async function sendVersion(reply: FastifyReply, agreementId: string, version: number) {
    const [row] = await platform.db
      .select({ file: storedFiles })
      .from(agreementFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, agreementFiles.fileId))
      .where(and(eq(agreementFiles.agreementId, agreementId), eq(agreementFiles.version, version)));
    if (!row) throw notFound('This version');
    return sendStoredFile(platform, reply, row.file);
  }

  const reader = (actor: Actor) => permittedUser(actor, 'partnerships:read').scope;

  app.get(
    '/currencies',
    {
      schema: {
        tags,
        summary: 'The ISO 4217 currencies a budget line may use, with their decimals',
        response: { 200: CurrencyList },
      },
    },
    async (request) => {
      reader(request.actor);
      return { items: currencyCodes.map((code) => ({ code, minorUnits: minorUnits.get(code)! })) };
    },
  );

  app.get(
    '/:id/agreements',
    {
      schema: {
        tags,
        summary: "A partnership's agreements in full: parties, milestones, budget, files, amendments",
        params: Id,
        response: { 200: AgreementList },
      },
    },
    async (request) => {
      const scope = reader(request.actor);
      await partnershipRow(platform.db, scope, request.params.id);
      const rows = await agreementRows(platform.db, scope.agencyId, request.params.id);
      return { items: await presentAgreementDetails(platform.db, rows) };
    },
  );

  app.get(
    '/:id/agreements/:agreementId',
    {
      schema: {
        tags,
        summary: 'One agreement in full',
        params: OneAgreement,
        response: { 200: AgreementDetailView },
      },
    },
    async (request) => {
      const scope = reader(request.actor);
      const row = await agreementRow(
        platform.db,
        scope.agencyId,
        request.params.id,
        request.params.agreementId,
      );
      return (await presentAgreementDetails(platform.db, [row]))[0]!;
    },
  );

  app.put(
    '/:id/agreements/:agreementId',
    {
      schema: {
        tags,
        summary:
          "Change an agreement's details (with its version); once signed, only with an amendment reason",
        params: OneAgreement,
        body: AgreementChange,
        response: { 200: AgreementDetailView },
      },
    },
    async (request) => {
      const { version, amendmentReason, ...input } = request.body;
      return changeAgreement(platform, {
        actor: requireUser(request.actor),
        partnershipId: request.params.id,
        agreementId: request.params.agreementId,
        input,
        version,
        amendmentReason,
      });
    },
  );

  app.post(
    '/:id/agreements/:agreementId/files',
    {
      schema: {
        tags,
        summary: 'Upload a signed copy (multipart, field "file"); each upload is the next version',
        params: OneAgreement,
        response: { 201: z.object({ version: z.number(), fileId: z.uuid() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await uploadSignedCopy(platform, request, {
          actor: requireUser(request.actor),
          partnershipId: request.params.id,
          agreementId: request.params.agreementId,
        }),
      ),
  );

  app.get(
    '/:id/agreements/:agreementId/files/:version',
    {
      schema: {
        tags,
        summary: 'Download one version of the signed copy',
        params: OneAgreement.extend({ version: z.coerce.number().int().min(1) }),
      },
    },
    async (request, reply) => {
      const scope = reader(request.actor);
      await agreementRow(platform.db, scope.agencyId, request.params.id, request.params.agreementId);
      return sendVersion(reply, request.params.agreementId, request.params.version);
    },
  );

  app.get(
    '/portal/:organisationId/:partnershipId/agreements',
    {
      schema: {
        tags: portalTags,
        summary:
          'The agreements of a partnership the organisation is a party to (drafts stay with the agency)',
        params: PortalAgreements,
        response: { 200: AgreementList },
      },
    },
    async (request) =>
      organisationAgreements(
        platform,
        request.actor,
        request.params.organisationId,
        request.params.partnershipId,
      ),
  );

  app.get(
    '/portal/:organisationId/:partnershipId/agreements/:agreementId/files/:version',
    {
      schema: {
        tags: portalTags,
        summary: "Download one version of the signed copy of the organisation's agreement",
        params: PortalAgreements.extend({ agreementId: z.uuid(), version: z.coerce.number().int().min(1) }),
      },
    },
    async (request, reply) => {
      const { organisationId, partnershipId, agreementId, version } = request.params;
      const { items } = await organisationAgreements(platform, request.actor, organisationId, partnershipId);
      if (!items.some((agreement) => agreement.id === agreementId)) throw notFound('This agreement');
      return sendVersion(reply, agreementId, version);
    },
  );

  app.post(
    '/portal/:organisationId/:partnershipId/agreements/:agreementId/acknowledgement',
    {
      schema: {
        tags: portalTags,
        summary: "Acknowledge the agreement's code of conduct for the organisation (who and when are kept)",
        params: PortalAgreements.extend({ agreementId: z.uuid() }),
        response: { 200: AgreementDetailView },
      },
    },
    async (request) => acknowledgeConduct(platform, { actor: request.actor, ...request.params }),
  );
};
