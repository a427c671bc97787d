import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { PageQuery } from '../../platform/http/pagination.ts';
import { authorize, requireUser, scopeOf } from '../../platform/policy/index.ts';
import { listBodies, loadBody } from './bodies.ts';
import { BodyChange, BodyInput, BodyPage, BodyView, MemberInput } from './contracts.ts';
import { appointMember, changeMember } from './operations/appoint-member.ts';
import { changeBody, establishBody } from './operations/establish-body.ts';
import { sendTermReminders, TERM_REMINDER_JOB } from './term-reminders.ts';

const tags = ['Dialogue'];
const Id = z.strictObject({ id: z.uuid() });

export const bodyRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  // Daily at 18:45 UTC (morning in the Cook Islands): terms about to end.
  platform.jobs.define(TERM_REMINDER_JOB, () => sendTermReminders(platform), { cron: '45 18 * * *' });

  app.get(
    '/bodies',
    { schema: { tags, summary: 'Advisory bodies', querystring: PageQuery, response: { 200: BodyPage } } },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return listBodies(platform.db, scopeOf(actor), request.query, platform.clock.now());
    },
  );

  app.post(
    '/bodies',
    { schema: { tags, summary: 'Establish an advisory body', body: BodyInput, response: { 201: BodyView } } },
    async (request, reply) => {
      const body = await establishBody(platform, { actor: requireUser(request.actor), input: request.body });
      return reply.code(201).send(body);
    },
  );

  app.get(
    '/bodies/:id',
    {
      schema: { tags, summary: 'An advisory body and its members', params: Id, response: { 200: BodyView } },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return loadBody(platform.db, scopeOf(actor), request.params.id, platform.clock.now());
    },
  );

  app.put(
    '/bodies/:id',
    {
      schema: {
        tags,
        summary: 'Change an advisory body (carries its version)',
        params: Id,
        body: BodyChange,
        response: { 200: BodyView },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return changeBody(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        input,
        version,
      });
    },
  );

  app.post(
    '/bodies/:id/members',
    {
      schema: {
        tags,
        summary: 'Appoint a member with a role and term',
        params: Id,
        body: MemberInput,
        response: { 201: BodyView },
      },
    },
    async (request, reply) => {
      const body = await appointMember(platform, {
        actor: requireUser(request.actor),
        bodyId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send(body);
    },
  );

  app.put(
    '/bodies/:id/members/:memberId',
    {
      schema: {
        tags,
        summary: 'Change a member’s role or term',
        params: z.strictObject({ id: z.uuid(), memberId: z.uuid() }),
        body: MemberInput,
        response: { 200: BodyView },
      },
    },
    async (request) =>
      changeMember(platform, {
        actor: requireUser(request.actor),
        bodyId: request.params.id,
        memberId: request.params.memberId,
        input: request.body,
      }),
  );
};
