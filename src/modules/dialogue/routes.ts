import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberships, units, users } from '../../platform/accounts/tables.ts';
import type { Platform } from '../../platform/context.ts';
import { authorize, requireUser, scopeOf } from '../../platform/policy/index.ts';
import {
  DialogueOptions,
  PolicyChange,
  PolicyInput,
  PolicyListQuery,
  PolicyPage,
  PolicyView,
  ReviewInput,
} from './contracts.ts';
import { announcementRoutes } from './announcement-routes.ts';
import { bodyRoutes } from './body-routes.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { consultationRoutes } from './consultation-routes.ts';
import { meetingRoutes } from './meeting-routes.ts';
import { openDoorRoutes } from './open-door-routes.ts';
import { portalDialogueRoutes } from './portal-routes.ts';
import { changePolicy } from './operations/change-policy.ts';
import { createPolicy } from './operations/create-policy.ts';
import { recordReview } from './operations/record-review.ts';
import { listPolicies, loadPolicy } from './policies.ts';
import { REVIEW_REMINDER_JOB, sendReviewReminders } from './review-reminders.ts';

const tags = ['Dialogue'];
const Id = z.strictObject({ id: z.uuid() });

export const dialogueRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  // Daily at 18:30 UTC (morning in the Cook Islands): points of contact hear of reviews falling due.
  platform.jobs.define(REVIEW_REMINDER_JOB, () => sendReviewReminders(platform), { cron: '30 18 * * *' });
  await app.register(meetingRoutes, { platform });
  await app.register(bodyRoutes, { platform });
  await app.register(calendarRoutes, { platform });
  await app.register(consultationRoutes, { platform });
  await app.register(openDoorRoutes, { platform });
  await app.register(announcementRoutes, { platform });
  await app.register(portalDialogueRoutes, { platform });

  app.get(
    '/options',
    {
      schema: {
        tags,
        summary: 'Units and staff to choose from in dialogue forms',
        response: { 200: DialogueOptions },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      const { agencyId } = scopeOf(actor);
      const [unitRows, staff] = await Promise.all([
        platform.db
          .select({ id: units.id, name: units.name })
          .from(units)
          .where(eq(units.agencyId, agencyId))
          .orderBy(asc(units.name)),
        platform.db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.agencyId, agencyId)))
          .orderBy(asc(users.name)),
      ]);
      return { units: unitRows, staff };
    },
  );

  app.get(
    '/policies',
    {
      schema: {
        tags,
        summary: 'The policy register',
        querystring: PolicyListQuery,
        response: { 200: PolicyPage },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return listPolicies(platform.db, scopeOf(actor), request.query, platform.clock.now());
    },
  );

  app.post(
    '/policies',
    { schema: { tags, summary: 'Add a policy or plan', body: PolicyInput, response: { 201: PolicyView } } },
    async (request, reply) => {
      const created = await createPolicy(platform, {
        actor: requireUser(request.actor),
        input: request.body,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/policies/:id',
    { schema: { tags, summary: 'A policy with its reviews', params: Id, response: { 200: PolicyView } } },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return loadPolicy(platform.db, scopeOf(actor), request.params.id, platform.clock.now());
    },
  );

  app.put(
    '/policies/:id',
    {
      schema: {
        tags,
        summary: 'Change a policy (carries its version)',
        params: Id,
        body: PolicyChange,
        response: { 200: PolicyView },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return changePolicy(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        input,
        version,
      });
    },
  );

  app.post(
    '/policies/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Record a review; the next is counted from it',
        params: Id,
        body: ReviewInput,
        response: { 201: PolicyView },
      },
    },
    async (request, reply) => {
      const reviewed = await recordReview(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(reviewed);
    },
  );
};
