import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { authorizeForOrganisation, requireUser } from '../../platform/policy/index.ts';
import {
  PortalAnnouncement,
  PortalConsultation,
  PortalInvitation,
  PortalReplyInput,
  PortalResponse,
} from './outreach-contracts.ts';
import {
  portalAnnouncements,
  portalConsultations,
  portalInvitations,
  portalResponses,
  replyFromPortal,
} from './portal.ts';

// The CSO portal's dialogue (issue 5 item 8). Submitting to a consultation for the organisation is
// POST /dialogue/consultations/:id/organisation-submissions (consultation-routes.ts).
const tags = ['CSO portal'];
const Organisation = z.strictObject({ organisationId: z.uuid() });

export const portalDialogueRoutes: FastifyPluginAsync<{ platform: Platform }> = async (
  plain,
  { platform },
) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/portal/:organisationId/invitations',
    {
      schema: {
        tags,
        summary: 'Meeting invitations for the organisation or for me',
        params: Organisation,
        response: { 200: z.object({ items: z.array(PortalInvitation) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const scope = authorizeForOrganisation(actor, request.params.organisationId, 'organisation:read');
      return { items: await portalInvitations(platform.db, scope, actor, platform.clock.now()) };
    },
  );

  app.put(
    '/portal/:organisationId/invitations/:invitationId/reply',
    {
      schema: {
        tags,
        summary: 'Reply to a meeting invitation',
        params: Organisation.extend({ invitationId: z.uuid() }),
        body: PortalReplyInput,
        response: { 200: PortalInvitation },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const scope = authorizeForOrganisation(actor, request.params.organisationId, 'organisation:respond');
      return replyFromPortal(platform, {
        actor,
        scope,
        invitationId: request.params.invitationId,
        ...request.body,
      });
    },
  );

  app.get(
    '/portal/:organisationId/consultations',
    {
      schema: {
        tags,
        summary: 'Open consultations, and those the organisation answered',
        params: Organisation,
        response: { 200: z.object({ items: z.array(PortalConsultation) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const scope = authorizeForOrganisation(actor, request.params.organisationId, 'organisation:read');
      return { items: await portalConsultations(platform.db, scope, platform.clock.now()) };
    },
  );

  app.get(
    '/portal/:organisationId/announcements',
    {
      schema: {
        tags,
        summary: 'Announcements sent to the organisation',
        params: Organisation,
        response: { 200: z.object({ items: z.array(PortalAnnouncement) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const scope = authorizeForOrganisation(actor, request.params.organisationId, 'organisation:read');
      return { items: await portalAnnouncements(platform.db, scope) };
    },
  );

  app.get(
    '/portal/:organisationId/responses',
    {
      schema: {
        tags,
        summary: '“You said, we did” of the consultations the organisation answered',
        params: Organisation,
        response: { 200: z.object({ items: z.array(PortalResponse) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const scope = authorizeForOrganisation(actor, request.params.organisationId, 'organisation:read');
      return { items: await portalResponses(platform.db, scope) };
    },
  );
};
