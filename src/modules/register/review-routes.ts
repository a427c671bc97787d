// Staff side of the CSO portal (issue 3 item 3): CSO users waiting for confirmation, the review
// queue of changes to verified fields, and verifying fields.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { requireUser } from '../../platform/policy/index.ts';
import {
  CsoInvitation,
  CsoMemberConfirmation,
  CsoMemberRefusal,
  CsoMemberView,
  OrganisationView,
  ProfileChangeDecision,
  ProfileChangeQuery,
  ProfileChangeView,
  Verification,
} from './contracts.ts';
import {
  confirmCsoUser,
  inviteCsoUser,
  listCsoUsers,
  refuseCsoUser,
  removeCsoUser,
} from './operations/cso-users.ts';
import { decideProfileChange, listProfileChanges, verifyFields } from './operations/profile-review.ts';

const tags = ['Register review'];
const Id = z.strictObject({ id: z.uuid() });
const Member = z.strictObject({ id: z.uuid(), userId: z.uuid() });

export const reviewRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/cso-users',
    {
      schema: {
        tags,
        summary: 'CSO users, by default those waiting for confirmation',
        querystring: z.strictObject({
          status: z.enum(['pending', 'confirmed']).default('pending'),
          organisation: z.uuid().optional(),
        }),
        response: { 200: z.object({ items: z.array(CsoMemberView) }) },
      },
    },
    async (request) => ({
      items: await listCsoUsers(platform, requireUser(request.actor), {
        status: request.query.status,
        organisationId: request.query.organisation,
      }),
    }),
  );

  app.post(
    '/organisations/:id/cso-users/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone to act for this organisation',
        params: Id,
        body: CsoInvitation,
      },
    },
    async (request, reply) => {
      await inviteCsoUser(platform, requireUser(request.actor), request.params.id, request.body);
      return reply.code(202).send({ sent: true });
    },
  );

  app.post(
    '/organisations/:id/cso-users/:userId/confirmation',
    {
      schema: {
        tags,
        summary: 'Confirm a CSO user who signed up',
        params: Member,
        body: CsoMemberConfirmation,
      },
    },
    async (request, reply) => {
      const { id, userId } = request.params;
      await confirmCsoUser(platform, requireUser(request.actor), id, userId, request.body.role);
      return reply.code(204).send();
    },
  );

  app.post(
    '/organisations/:id/cso-users/:userId/refusal',
    { schema: { tags, summary: 'Refuse a sign-up, saying why', params: Member, body: CsoMemberRefusal } },
    async (request, reply) => {
      const { id, userId } = request.params;
      await refuseCsoUser(platform, requireUser(request.actor), id, userId, request.body.reason);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/organisations/:id/cso-users/:userId',
    { schema: { tags, summary: 'Remove a CSO user from this organisation', params: Member } },
    async (request, reply) => {
      await removeCsoUser(platform, requireUser(request.actor), request.params.id, request.params.userId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/organisations/:id/verifications',
    {
      schema: {
        tags,
        summary: 'Mark fields as verified: the CSO’s changes to them will be reviewed',
        params: Id,
        body: Verification,
        response: { 200: OrganisationView },
      },
    },
    async (request) =>
      verifyFields(platform, requireUser(request.actor), request.params.id, request.body.fields),
  );

  app.get(
    '/profile-changes',
    {
      schema: {
        tags,
        summary: 'The review queue of CSOs’ changes to verified fields',
        querystring: ProfileChangeQuery,
        response: { 200: z.object({ items: z.array(ProfileChangeView) }) },
      },
    },
    async (request) => ({
      items: await listProfileChanges(platform, requireUser(request.actor), request.query),
    }),
  );

  app.post(
    '/profile-changes/:id/decision',
    {
      schema: {
        tags,
        summary: 'Accept or reject a change, with a reason',
        params: Id,
        body: ProfileChangeDecision,
        response: { 200: ProfileChangeView },
      },
    },
    async (request) =>
      decideProfileChange(platform, requireUser(request.actor), request.params.id, request.body),
  );
};
