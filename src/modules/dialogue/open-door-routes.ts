import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { authorize, requireUser, scopeOf } from '../../platform/policy/index.ts';
import { listPublishedContacts, openDoor, openDoorAgencies } from './open-door.ts';
import { publishContact, withdrawContact } from './operations/publish-contact.ts';
import {
  OpenDoorAgencies,
  OpenDoorView,
  PublishedContactInput,
  PublishedContactView,
} from './outreach-contracts.ts';

const tags = ['Dialogue'];
const publicTags = ['Public directory'];
// The same for every visitor and slow to change: shared caches may keep it five minutes, and serve
// it stale for a day while they fetch it again (an outer island's link drops often).
const publicCache = 'public, max-age=300, stale-while-revalidate=86400';
const publicLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };

export const openDoorRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/published-contacts',
    {
      schema: {
        tags,
        summary: 'Whom the agency publishes as contact for its policies and focus areas',
        response: { 200: z.object({ contacts: z.array(PublishedContactView) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return { contacts: await listPublishedContacts(platform.db, scopeOf(actor)) };
    },
  );

  app.put(
    '/published-contacts',
    {
      schema: {
        tags,
        summary: 'Publish (or replace, with its version) the contact for a policy or focus area',
        body: PublishedContactInput,
        response: { 200: PublishedContactView },
      },
    },
    async (request) => publishContact(platform, { actor: requireUser(request.actor), input: request.body }),
  );

  app.delete(
    '/published-contacts/:id',
    {
      schema: {
        tags,
        summary: 'Take a contact off the open door page',
        params: z.strictObject({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      await withdrawContact(platform, { actor: requireUser(request.actor), id: request.params.id });
      return reply.code(204).send();
    },
  );

  // Public: no sign-in.
  app.get(
    '/public/open-door',
    {
      config: { ...publicLimit, public: true },
      schema: {
        tags: publicTags,
        summary: 'Agencies with an open door page',
        security: [],
        response: { 200: OpenDoorAgencies },
      },
    },
    async (_request, reply) =>
      reply.header('cache-control', publicCache).send(await openDoorAgencies(platform.db)),
  );

  app.get(
    '/public/open-door/:agencyId',
    {
      config: { ...publicLimit, public: true },
      schema: {
        tags: publicTags,
        summary: 'Whom to contact about each policy and focus area, and the open consultations',
        security: [],
        params: z.strictObject({ agencyId: z.uuid() }),
        response: { 200: OpenDoorView },
      },
    },
    async (request, reply) =>
      reply
        .header('cache-control', publicCache)
        .send(await openDoor(platform.db, request.params.agencyId, platform.clock.now())),
  );
};
