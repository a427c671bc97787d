import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { authorize, requireUser, scopeOf } from '../../platform/policy/index.ts';
import { listAnnouncements, loadAnnouncement, previewAudience } from './announcements.ts';
import { disclosuresCsv, listDisclosures } from './disclosures.ts';
import { recordDisclosure } from './operations/record-disclosure.ts';
import { shareMinutes } from './operations/share-minutes.ts';
import { ANNOUNCEMENT_MAIL_JOB, mailAnnouncement, sendAnnouncement } from './operations/send-announcement.ts';
import {
  AnnouncementInput,
  AnnouncementView,
  Audience,
  AudiencePreview,
  DisclosureInput,
  DisclosureQuery,
  DisclosureView,
} from './outreach-contracts.ts';

const tags = ['Dialogue'];

export const announcementRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  platform.jobs.define<{ announcementId: string; agencyId: string }>(
    ANNOUNCEMENT_MAIL_JOB,
    (data, progress) => mailAnnouncement(platform, data, progress),
  );

  app.post(
    '/announcements/preview',
    {
      schema: {
        tags,
        summary: 'How many organisations and addresses an audience reaches',
        body: Audience,
        response: { 200: AudiencePreview },
      },
    },
    async (request) => {
      authorize(requireUser(request.actor), 'dialogue:edit');
      return previewAudience(platform.db, request.body);
    },
  );

  app.post(
    '/announcements',
    {
      schema: {
        tags,
        summary: 'Send an announcement (e-mail through a tracked job, and the portal)',
        body: AnnouncementInput,
        response: { 201: AnnouncementView },
      },
    },
    async (request, reply) => {
      const sent = await sendAnnouncement(platform, {
        actor: requireUser(request.actor),
        input: request.body,
      });
      return reply.code(201).send(sent);
    },
  );

  app.get(
    '/announcements',
    {
      schema: {
        tags,
        summary: 'Announcements sent, latest first',
        response: { 200: z.object({ items: z.array(AnnouncementView) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return { items: await listAnnouncements(platform.db, scopeOf(actor)) };
    },
  );

  app.get(
    '/announcements/:id',
    {
      schema: {
        tags,
        summary: 'An announcement',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: AnnouncementView },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return loadAnnouncement(platform.db, scopeOf(actor), request.params.id);
    },
  );

  app.get(
    '/disclosures',
    {
      schema: {
        tags,
        summary: 'The disclosure log: what the agency told partners, when and to whom',
        querystring: DisclosureQuery,
        response: { 200: z.object({ items: z.array(DisclosureView) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return { items: await listDisclosures(platform.db, scopeOf(actor), request.query) };
    },
  );

  app.get(
    '/disclosures.csv',
    { schema: { tags, summary: 'The disclosure log as CSV', querystring: DisclosureQuery } },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      const rows = await listDisclosures(platform.db, scopeOf(actor), request.query);
      const day = platform.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="disclosure-log-${day}.csv"`)
        .send(disclosuresCsv(rows));
    },
  );

  app.post(
    '/disclosures',
    {
      schema: {
        tags,
        summary: 'Add to the disclosure log something told outside Vaka',
        body: DisclosureInput,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const id = await recordDisclosure(platform, { actor: requireUser(request.actor), input: request.body });
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/meetings/:id/minutes/share',
    {
      schema: {
        tags,
        summary: 'E-mail the minutes to everyone invited; logged as a disclosure',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: z.object({ shared: z.number() }) },
      },
    },
    async (request) => shareMinutes(platform, { actor: requireUser(request.actor), id: request.params.id }),
  );
};
