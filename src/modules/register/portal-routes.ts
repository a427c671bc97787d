// The CSO portal's API (issue 3 item 3): what a CSO user does for their organisation.
import { asc, inArray } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setSessionCookie } from '../../platform/accounts/sessions.ts';
import type { Platform } from '../../platform/context.ts';
import { authorizeForOrganisation, requireUser, type AnonymousActor } from '../../platform/policy/index.ts';
import {
  CsoInvitation,
  CsoLinkAcceptance,
  CsoMemberConfirmation,
  CsoMemberRefusal,
  CsoMemberView,
  CsoSignUp,
  OrganisationView,
  PortalOrganisation,
  PortalProfileChange,
  PortalProfileResult,
  PrivateAccessChoice,
  PrivateAccessView,
  ProfileChangeQuery,
  ProfileChangeView,
  Renewal,
} from './contracts.ts';
import {
  acceptCsoLink,
  confirmCsoUser,
  inviteCsoUser,
  listCsoUsers,
  previewCsoLink,
  refuseCsoUser,
  removeCsoUser,
  signUpForOrganisation,
} from './operations/cso-users.ts';
import {
  choosePrivateAccess,
  listProfileChanges,
  proposeProfile,
  showPrivateAccess,
} from './operations/profile-review.ts';
import { renewOrganisation } from './operations/renew-organisation.ts';
import { documentRoutes } from './document-routes.ts';
import { loadOrganisation } from './organisations.ts';
import { organisations } from './tables.ts';
import { loadSettings, statusOf } from './register-status.ts';

const tags = ['CSO portal'];
const Id = z.strictObject({ id: z.uuid() });
const Member = z.strictObject({ id: z.uuid(), userId: z.uuid() });
// Sign-up and links are open to anyone: few tries per address, so they cannot flood inboxes.
const strangerLimit = { rateLimit: { max: 10, timeWindow: '15 minutes' } };

function anonymous(request: { id: string; ip: string }): AnonymousActor {
  return { kind: 'anonymous', requestId: request.id, ip: request.ip };
}

export const portalRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  await app.register(documentRoutes('portal'), { platform });

  app.post(
    '/sign-up',
    {
      config: { ...strangerLimit, public: true },
      schema: { tags, summary: 'Ask to act for an organisation', body: CsoSignUp },
    },
    async (request, reply) => {
      const { website: _honeypot, ...input } = request.body;
      await signUpForOrganisation(platform, anonymous(request), input);
      return reply.code(202).send({ sent: true });
    },
  );

  app.get(
    '/links/:token',
    {
      config: { ...strangerLimit, public: true },
      schema: {
        tags,
        summary: 'What a sign-up or invitation link is for',
        params: z.strictObject({ token: z.string().min(10).max(200) }),
      },
    },
    async (request) => previewCsoLink(platform, request.params.token),
  );

  app.post(
    '/links/accept',
    {
      config: { ...strangerLimit, public: true },
      schema: { tags, summary: 'Accept a sign-up or invitation link', body: CsoLinkAcceptance },
    },
    async (request, reply) => {
      const { session, status } = await acceptCsoLink(platform, anonymous(request), {
        ...request.body,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(reply, session.secret);
      return { status };
    },
  );

  app.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: 'The organisations I act for',
        response: { 200: z.object({ items: z.array(PortalOrganisation) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const settings = await loadSettings(platform.db);
      const ids = actor.organisations.map((m) => m.organisationId);
      const rows = ids.length
        ? await platform.db
            .select({
              id: organisations.id,
              legalName: organisations.legalName,
              lastConfirmedAt: organisations.lastConfirmedAt,
            })
            .from(organisations)
            .where(inArray(organisations.id, ids))
            .orderBy(asc(organisations.legalName))
        : [];
      const roleOf = new Map(actor.organisations.map((m) => [m.organisationId, m.role]));
      return {
        items: rows.map((row) => ({
          id: row.id,
          legalName: row.legalName,
          role: roleOf.get(row.id)!,
          registerStatus: statusOf(row.lastConfirmedAt, settings, platform.clock.now()),
        })),
      };
    },
  );

  app.get(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'My organisation, every part of it',
        params: Id,
        response: { 200: OrganisationView },
      },
    },
    async (request) => {
      authorizeForOrganisation(requireUser(request.actor), request.params.id, 'organisation:read');
      const settings = await loadSettings(platform.db);
      return loadOrganisation(platform.db, request.params.id, settings, platform.clock.now());
    },
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Change my organisation (verified fields wait for review)',
        params: Id,
        body: PortalProfileChange,
        response: { 200: PortalProfileResult },
      },
    },
    async (request) => proposeProfile(platform, requireUser(request.actor), request.params.id, request.body),
  );

  app.post(
    '/organisations/:id/renewal',
    {
      schema: {
        tags,
        summary: 'Confirm my organisation for another year',
        params: Id,
        body: Renewal,
        response: { 200: OrganisationView },
      },
    },
    async (request) => {
      // The portal is the organisation's own door; staff renew through the register's route.
      const actor = requireUser(request.actor);
      authorizeForOrganisation(actor, request.params.id, 'organisation:edit');
      return renewOrganisation(platform, { actor, id: request.params.id, note: request.body.note });
    },
  );

  app.get(
    '/organisations/:id/changes',
    {
      schema: {
        tags,
        summary: "My organisation's changes and their review",
        params: Id,
        querystring: ProfileChangeQuery.omit({ organisation: true }),
        response: { 200: z.object({ items: z.array(ProfileChangeView) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorizeForOrganisation(actor, request.params.id, 'organisation:read');
      return {
        items: await listProfileChanges(platform, actor, {
          ...request.query,
          organisation: request.params.id,
        }),
      };
    },
  );

  app.get(
    '/organisations/:id/private-access',
    {
      schema: {
        tags,
        summary: 'Which agencies see the private parts',
        params: Id,
        response: { 200: PrivateAccessView },
      },
    },
    async (request) => showPrivateAccess(platform, requireUser(request.actor), request.params.id),
  );

  app.put(
    '/organisations/:id/private-access',
    {
      schema: {
        tags,
        summary: 'Choose which agencies see the private parts',
        params: Id,
        body: PrivateAccessChoice,
        response: { 200: PrivateAccessView },
      },
    },
    async (request) =>
      choosePrivateAccess(platform, requireUser(request.actor), request.params.id, request.body.agencyIds),
  );

  app.get(
    '/organisations/:id/members',
    {
      schema: {
        tags,
        summary: "My organisation's users, or (administrators) those asking to join it",
        params: Id,
        querystring: z.strictObject({ status: z.enum(['pending', 'confirmed']).default('confirmed') }),
        response: { 200: z.object({ items: z.array(CsoMemberView) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const { status } = request.query;
      authorizeForOrganisation(
        actor,
        request.params.id,
        status === 'pending' ? 'organisation:members' : 'organisation:read',
      );
      return { items: await listCsoUsers(platform, actor, { status, organisationId: request.params.id }) };
    },
  );

  // The organisation's administrators decide who speaks for it (issue 18 item 2).
  app.post(
    '/organisations/:id/members/:userId/confirmation',
    {
      schema: {
        tags,
        summary: 'Confirm someone asking to act for my organisation',
        params: Member,
        body: CsoMemberConfirmation,
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      const { id, userId } = request.params;
      authorizeForOrganisation(actor, id, 'organisation:members');
      await confirmCsoUser(platform, actor, id, userId, request.body.role);
      return reply.code(204).send();
    },
  );

  app.post(
    '/organisations/:id/members/:userId/refusal',
    {
      schema: {
        tags,
        summary: 'Refuse someone asking to act for my organisation, saying why',
        params: Member,
        body: CsoMemberRefusal,
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      const { id, userId } = request.params;
      authorizeForOrganisation(actor, id, 'organisation:members');
      await refuseCsoUser(platform, actor, id, userId, request.body.reason);
      return reply.code(204).send();
    },
  );

  app.post(
    '/organisations/:id/members/invitations',
    {
      schema: { tags, summary: 'Invite someone to act for my organisation', params: Id, body: CsoInvitation },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      authorizeForOrganisation(actor, request.params.id, 'organisation:members');
      await inviteCsoUser(platform, actor, request.params.id, request.body);
      return reply.code(202).send({ sent: true });
    },
  );

  app.delete(
    '/organisations/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a user of my organisation',
        params: Member,
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      authorizeForOrganisation(actor, request.params.id, 'organisation:members');
      await removeCsoUser(platform, actor, request.params.id, request.params.userId);
      return reply.code(204).send();
    },
  );
};
