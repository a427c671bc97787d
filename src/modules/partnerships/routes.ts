import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import multipart from '@fastify/multipart';
import { receiveDocument } from '../../platform/files/upload.ts';
import {
  authorizeForOrganisation,
  permittedUser,
  requireUser,
  type Actor,
} from '../../platform/policy/index.ts';
import {
  AgreementStateChange,
  AgreementView,
  AssessmentAnswers,
  AssessmentView,
  Board,
  LevelChange,
  NewAgreement,
  NewAssessment,
  NewPartnership,
  PartnershipChange,
  PartnershipPage,
  PartnershipQuery,
  PartnershipSummary,
  PortalPartnershipView,
  PartnershipView,
  PoolByLevel,
  PoolQuery,
  StateChange,
  StrategicOverride,
  StrategicTestChange,
  TemplateChange,
  TemplateInput,
  TemplateView,
} from './contracts.ts';
import { addAgreement, moveAgreement } from './operations/agreements.ts';
import { changePartnership } from './operations/change-partnership.ts';
import { createPartnership } from './operations/create-partnership.ts';
import { templatesOf } from './due-diligence.ts';
import { answerAssessment, completeAssessment, startAssessment } from './operations/due-diligence.ts';
import {
  answerAgencyAssessment,
  completeAgencyAssessment,
  organisationPartnership,
  organisationPartnerships,
  startAgencyAssessment,
  storeAssessmentEvidence,
} from './operations/portal.ts';
import { changeTemplate, createTemplate, presentTemplate } from './operations/templates.ts';
import { moveAlongContinuum } from './operations/move-along-continuum.ts';
import { movePartnership } from './operations/move-partnership.ts';
import { answerStrategicTest, overrideStrategicTest } from './operations/strategic-test.ts';
import { loadPartnership, presentAgreement, presentAssessment } from './partnerships.ts';
import { boardOf, listPartnerships, poolByLevel } from './queries.ts';

const tags = ['Partnerships'];
const Id = z.strictObject({ id: z.uuid() });

export const partnershipRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  // For the files an organisation attaches to its due diligence of the agency (portal).
  await app.register(multipart, {
    limits: { fileSize: platform.config.maxUploadBytes, files: 1, fields: 0 },
  });
  const reader = (actor: Actor) => permittedUser(actor, 'partnerships:read').scope;

  app.get(
    '/',
    {
      schema: {
        tags,
        summary:
          "The agency's partnerships, filtered (state, level, strategic, focus area, place, organisation)",
        querystring: PartnershipQuery,
        response: { 200: PartnershipPage },
      },
    },
    async (request) => listPartnerships(platform.db, reader(request.actor), request.query),
  );

  app.get(
    '/board',
    { schema: { tags, summary: 'Partnerships in one column per lifecycle state', response: { 200: Board } } },
    async (request) => boardOf(platform.db, reader(request.actor)),
  );

  app.get(
    '/pool',
    {
      schema: {
        tags,
        summary: 'The pool by continuum level at the end of each month',
        querystring: PoolQuery,
        response: { 200: PoolByLevel },
      },
    },
    async (request) =>
      poolByLevel(platform.db, reader(request.actor), platform.clock.now(), request.query.months),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Start a partnership',
        body: NewPartnership,
        response: { 201: PartnershipView },
      },
    },
    async (request, reply) => {
      const { level, ...input } = request.body;
      const created = await createPartnership(platform, { actor: requireUser(request.actor), input, level });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/:id',
    { schema: { tags, summary: 'A partnership', params: Id, response: { 200: PartnershipView } } },
    async (request) => loadPartnership(platform.db, reader(request.actor), request.params.id),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a partnership (with the version it started from)',
        params: Id,
        body: PartnershipChange,
        response: { 200: PartnershipView },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return changePartnership(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        input,
        version,
      });
    },
  );

  app.post(
    '/:id/level',
    {
      schema: {
        tags,
        summary: 'Move along the continuum, with a reason',
        params: Id,
        body: LevelChange,
        response: { 200: PartnershipView },
      },
    },
    async (request) =>
      moveAlongContinuum(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        ...request.body,
      }),
  );

  app.put(
    '/:id/strategic-test',
    {
      schema: {
        tags,
        summary: 'Answer the four strategic questions (001 §12)',
        params: Id,
        body: StrategicTestChange,
        response: { 200: PartnershipView },
      },
    },
    async (request) =>
      answerStrategicTest(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        ...request.body,
      }),
  );

  app.put(
    '/:id/strategic-override',
    {
      schema: {
        tags,
        summary: 'Override the strategic classification with a reason (null removes the override)',
        params: Id,
        body: StrategicOverride,
        response: { 200: PartnershipView },
      },
    },
    async (request) =>
      overrideStrategicTest(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        ...request.body,
      }),
  );

  app.post(
    '/:id/state',
    {
      schema: {
        tags,
        summary: 'Move through the lifecycle, with a reason; forbidden or guarded moves get 409',
        params: Id,
        body: StateChange,
        response: { 200: PartnershipView },
      },
    },
    async (request) =>
      movePartnership(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        ...request.body,
      }),
  );

  app.get(
    '/due-diligence/templates',
    {
      schema: {
        tags,
        summary: "The agency's due diligence templates (seeded from 001 §15d, 002 and 004)",
        response: { 200: z.object({ items: z.array(TemplateView) }) },
      },
    },
    async (request) => {
      const scope = reader(request.actor);
      return { items: (await templatesOf(platform.db, scope.agencyId)).map(presentTemplate) };
    },
  );

  app.post(
    '/due-diligence/templates',
    {
      schema: {
        tags,
        summary: 'Add a due diligence template',
        body: TemplateInput,
        response: { 201: TemplateView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createTemplate(platform, { actor: requireUser(request.actor), input: request.body })),
  );

  app.put(
    '/due-diligence/templates/:id',
    {
      schema: {
        tags,
        summary: 'Change a template (sections, weights, conditions, thresholds, validity)',
        params: Id,
        body: TemplateChange,
        response: { 200: TemplateView },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return changeTemplate(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        input,
        version,
      });
    },
  );

  app.post(
    '/:id/assessments',
    {
      schema: {
        tags,
        summary: "Start the agency's due diligence of a party",
        params: Id,
        body: NewAssessment,
        response: { 201: AssessmentView },
      },
    },
    async (request, reply) => {
      const row = await startAssessment(platform, {
        actor: requireUser(request.actor),
        partnershipId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(presentAssessment(row));
    },
  );

  const AssessmentId = z.strictObject({ id: z.uuid(), assessmentId: z.uuid() });

  app.patch(
    '/:id/assessments/:assessmentId',
    {
      schema: {
        tags,
        summary: 'Answer questions of an open assessment (null takes an answer back)',
        params: AssessmentId,
        body: AssessmentAnswers,
        response: { 200: AssessmentView },
      },
    },
    async (request) =>
      presentAssessment(
        await answerAssessment(platform, {
          actor: requireUser(request.actor),
          partnershipId: request.params.id,
          assessmentId: request.params.assessmentId,
          answers: request.body.answers,
        }),
      ),
  );

  app.post(
    '/:id/assessments/:assessmentId/complete',
    {
      schema: {
        tags,
        summary: 'Complete an assessment: score, risk rating and validity from its template',
        params: AssessmentId,
        response: { 200: AssessmentView },
      },
    },
    async (request) =>
      presentAssessment(
        await completeAssessment(platform, {
          actor: requireUser(request.actor),
          partnershipId: request.params.id,
          assessmentId: request.params.assessmentId,
        }),
      ),
  );

  // The CSO portal: an organisation's own view, through authorizeForOrganisation.
  const Portal = z.strictObject({ organisationId: z.uuid() });
  const PortalPartnership = Portal.extend({ partnershipId: z.uuid() });
  const PortalAssessment = PortalPartnership.extend({ assessmentId: z.uuid() });
  const portalTags = ['Partnerships (portal)'];

  app.get(
    '/portal/:organisationId',
    {
      schema: {
        tags: portalTags,
        summary: 'The partnerships an organisation is a party to (the 200 most recent)',
        params: Portal,
        response: { 200: z.object({ items: z.array(PartnershipSummary) }) },
      },
    },
    async (request) => organisationPartnerships(platform, request.actor, request.params.organisationId),
  );

  app.get(
    '/portal/:organisationId/:partnershipId',
    {
      schema: {
        tags: portalTags,
        summary:
          "A partnership as its organisation sees it, with the organisation's assessments of the agency",
        params: PortalPartnership,
        response: { 200: PortalPartnershipView },
      },
    },
    async (request) =>
      organisationPartnership(
        platform,
        request.actor,
        request.params.organisationId,
        request.params.partnershipId,
      ),
  );

  app.post(
    '/portal/:organisationId/:partnershipId/assessments',
    {
      schema: {
        tags: portalTags,
        summary: "Start the organisation's due diligence of the agency",
        params: PortalPartnership,
        response: { 201: AssessmentView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentAssessment(
            await startAgencyAssessment(platform, { actor: request.actor, ...request.params }),
          ),
        ),
  );

  app.patch(
    '/portal/:organisationId/:partnershipId/assessments/:assessmentId',
    {
      schema: {
        tags: portalTags,
        summary: "Answer the organisation's assessment of the agency",
        params: PortalAssessment,
        body: AssessmentAnswers,
        response: { 200: AssessmentView },
      },
    },
    async (request) =>
      presentAssessment(
        await answerAgencyAssessment(platform, {
          actor: request.actor,
          ...request.params,
          answers: request.body.answers,
        }),
      ),
  );

  app.post(
    '/portal/:organisationId/:partnershipId/files',
    {
      schema: {
        tags: portalTags,
        summary:
          'Attach a file to the organisation\'s assessment of the agency (multipart, field "file"); answer with its id',
        params: PortalPartnership,
        response: {
          201: z.object({ id: z.uuid(), name: z.string(), contentType: z.string(), size: z.number() }),
        },
      },
    },
    async (request, reply) => {
      // The policy is asked before the file is read: a stranger's upload is refused unread.
      authorizeForOrganisation(request.actor, request.params.organisationId, 'organisation:respond');
      const file = await receiveDocument(platform, request);
      const stored = await storeAssessmentEvidence(platform, {
        actor: request.actor,
        ...request.params,
        file,
      });
      return reply
        .code(201)
        .send({ id: stored.id, name: stored.name, contentType: stored.contentType, size: stored.size });
    },
  );

  app.post(
    '/portal/:organisationId/:partnershipId/assessments/:assessmentId/complete',
    {
      schema: {
        tags: portalTags,
        summary: "Complete the organisation's assessment of the agency",
        params: PortalAssessment,
        response: { 200: AssessmentView },
      },
    },
    async (request) =>
      presentAssessment(
        await completeAgencyAssessment(platform, { actor: request.actor, ...request.params }),
      ),
  );

  app.post(
    '/:id/agreements',
    {
      schema: {
        tags,
        summary: 'Add an agreement (starts as a draft)',
        params: Id,
        body: NewAgreement,
        response: { 201: AgreementView },
      },
    },
    async (request, reply) => {
      const row = await addAgreement(platform, {
        actor: requireUser(request.actor),
        partnershipId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(presentAgreement(row));
    },
  );

  app.post(
    '/:id/agreements/:agreementId/state',
    {
      schema: {
        tags,
        summary: "Move an agreement's state (draft, negotiating, signed, active, expired, terminated)",
        params: z.strictObject({ id: z.uuid(), agreementId: z.uuid() }),
        body: AgreementStateChange,
        response: { 200: AgreementView },
      },
    },
    async (request) =>
      presentAgreement(
        await moveAgreement(platform, {
          actor: requireUser(request.actor),
          partnershipId: request.params.id,
          agreementId: request.params.agreementId,
          ...request.body,
        }),
      ),
  );
};
