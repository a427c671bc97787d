import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarDate } from '../../platform/http/dates.ts';
import type { Platform } from '../../platform/context.ts';
import { invalid } from '../../platform/http/problems.ts';
import { authorize, requireUser, scopeOf } from '../../platform/policy/index.ts';
import { calendarEvents } from './calendar.ts';
import { createFeed, listFeeds, readFeed, revokeFeed } from './operations/calendar-feeds.ts';

const tags = ['Dialogue'];
const dayMs = 86_400_000;

const CalendarQuery = z.strictObject({ from: CalendarDate, to: CalendarDate });
const CalendarEventView = z.object({
  kind: z.enum(['meeting', 'review', 'deadline']),
  id: z.uuid(),
  title: z.string(),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  timeZone: z.string().nullable(),
  day: z.string(),
  place: z.string().nullable(),
  path: z.string(),
});
const FeedView = z.object({
  id: z.uuid(),
  bodyId: z.uuid().nullable(),
  bodyName: z.string().nullable(),
  createdAt: z.date(),
});

export const calendarRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/calendar',
    {
      schema: {
        tags,
        summary: 'Meetings and review dates between two dates (at most a year)',
        querystring: CalendarQuery,
        response: { 200: z.object({ events: z.array(CalendarEventView) }) },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      const from = new Date(`${request.query.from}T00:00:00Z`);
      const to = new Date(`${request.query.to}T23:59:59Z`);
      if (to < from) throw invalid('to', 'The end of the range is before its start.');
      if (to.getTime() - from.getTime() > 366 * dayMs)
        throw invalid('to', 'Ask for at most a year at a time.');
      return { events: await calendarEvents(platform, scopeOf(actor), { from, to }) };
    },
  );

  app.get(
    '/calendar/feeds',
    {
      schema: {
        tags,
        summary: 'My calendar subscriptions',
        response: { 200: z.object({ feeds: z.array(FeedView) }) },
      },
    },
    async (request) => ({ feeds: await listFeeds(platform, requireUser(request.actor)) }),
  );

  app.post(
    '/calendar/feeds',
    {
      schema: {
        tags,
        summary: 'A private subscription address (shown once) for the calendar or one body',
        body: z.strictObject({ bodyId: z.uuid().nullable().default(null) }),
        response: { 201: z.object({ id: z.uuid(), url: z.string() }) },
      },
    },
    async (request, reply) => {
      const feed = await createFeed(platform, {
        actor: requireUser(request.actor),
        bodyId: request.body.bodyId,
      });
      return reply.code(201).send(feed);
    },
  );

  app.delete(
    '/calendar/feeds/:id',
    { schema: { tags, summary: 'Revoke a subscription address', params: z.strictObject({ id: z.uuid() }) } },
    async (request, reply) => {
      await revokeFeed(platform, { actor: requireUser(request.actor), id: request.params.id });
      return reply.code(204).send();
    },
  );

  // Public: calendar programs fetch this without a session; the token in the address is the key.
  app.get(
    '/calendar/ics/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'An iCalendar feed by its private address',
        params: z.strictObject({ token: z.string().max(100) }),
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(await readFeed(platform, request.params.token)),
  );
};
