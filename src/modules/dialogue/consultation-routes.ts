import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { authorize, requireUser, scopeOf } from '../../platform/policy/index.ts';
import { listConsultations, loadConsultation, publicConsultation } from './consultations.ts';
import {
  ConsultationInput,
  ConsultationPage,
  ConsultationQuery,
  ConsultationView,
  OrganisationSubmissionInput,
  PublicConsultationView,
  PublicSubmissionInput,
  ResponseInput,
  ThemesInput,
} from './contracts.ts';
import { makeSubmission } from './operations/make-submission.ts';
import { openConsultation } from './operations/open-consultation.ts';
import { publishResponse, tagSubmission } from './operations/respond-to-consultation.ts';

const tags = ['Dialogue'];
const Id = z.strictObject({ id: z.uuid() });
const Received = z.object({ id: z.uuid().nullable(), submittedAt: z.date() });
// The public form is a target for spam: ten a minute per address is plenty for people, even a
// village hall or internet café sharing one address.
const submissionLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

export const consultationRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/consultations',
    {
      schema: {
        tags,
        summary: 'The agency’s consultations, latest closing first (of one policy with policyId)',
        querystring: ConsultationQuery,
        response: { 200: ConsultationPage },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return listConsultations(platform.db, scopeOf(actor), platform.clock.now(), request.query.policyId);
    },
  );

  app.post(
    '/consultations',
    {
      schema: {
        tags,
        summary: 'Open a consultation on a policy',
        body: ConsultationInput,
        response: { 201: ConsultationView },
      },
    },
    async (request, reply) => {
      const created = await openConsultation(platform, {
        actor: requireUser(request.actor),
        input: request.body,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/consultations/:id',
    {
      schema: {
        tags,
        summary: 'A consultation with its submissions',
        params: Id,
        response: { 200: ConsultationView },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return loadConsultation(platform.db, scopeOf(actor), request.params.id, platform.clock.now());
    },
  );

  app.put(
    '/consultations/:id/submissions/:submissionId/themes',
    {
      schema: {
        tags,
        summary: 'Tag a submission by theme',
        params: z.strictObject({ id: z.uuid(), submissionId: z.uuid() }),
        body: ThemesInput,
        response: { 200: ConsultationView },
      },
    },
    async (request) =>
      tagSubmission(platform, {
        actor: requireUser(request.actor),
        consultationId: request.params.id,
        submissionId: request.params.submissionId,
        themes: request.body.themes,
      }),
  );

  app.post(
    '/consultations/:id/responses',
    {
      schema: {
        tags,
        summary: 'Publish “you said, we did” for a theme; its submitters are told',
        params: Id,
        body: ResponseInput,
        response: { 201: ConsultationView },
      },
    },
    async (request, reply) => {
      const published = await publishResponse(platform, {
        actor: requireUser(request.actor),
        consultationId: request.params.id,
        response: request.body,
      });
      return reply.code(201).send(published);
    },
  );

  // A CSO user answers for their organisation.
  app.post(
    '/consultations/:id/organisation-submissions',
    {
      config: submissionLimit,
      schema: {
        tags,
        summary: 'Submit for an organisation (CSO users)',
        params: Id,
        body: OrganisationSubmissionInput,
        response: { 201: Received },
      },
    },
    async (request, reply) => {
      const received = await makeSubmission(platform, {
        actor: request.actor,
        consultationId: request.params.id,
        submitter: { kind: 'organisation', organisationId: request.body.organisationId },
        answers: request.body.answers,
      });
      return reply.code(201).send(received);
    },
  );

  // Public: no sign-in.
  app.get(
    '/public/consultations/:id',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'A consultation as the public sees it',
        params: Id,
        response: { 200: PublicConsultationView },
      },
    },
    async (request) => publicConsultation(platform.db, request.params.id, platform.clock.now()),
  );

  app.post(
    '/public/consultations/:id/submissions',
    {
      config: { ...submissionLimit, public: true },
      schema: {
        tags,
        summary: 'Submit to a consultation (anyone)',
        params: Id,
        body: PublicSubmissionInput,
        response: { 201: Received },
      },
    },
    async (request, reply) => {
      const { website, name, email, answers } = request.body;
      // The honeypot: people never see the field, so whoever filled it is a bot. It is thanked
      // like anyone (so it learns nothing) and nothing is kept.
      if (website) return reply.code(201).send({ id: null, submittedAt: platform.clock.now() });
      const received = await makeSubmission(platform, {
        actor: request.actor,
        consultationId: request.params.id,
        submitter: { kind: 'public', name: name ?? null, email: email ?? null },
        answers,
      });
      return reply.code(201).send(received);
    },
  );
};
