// The joint action plan of a partnership (issue 4 item 9, 002): staff write it; both sides report
// progress; the agency lists its overdue actions; a daily job tells owners of overdue ones.
import { dayOf } from '../../platform/clock.ts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { requireUser, type Actor, permittedUser } from '../../platform/policy/index.ts';
import { OVERDUE_ACTIONS_JOB, overdueActions, planOf, sendOverdueNotices } from './action-plans.ts';
import {
  addAction,
  addProgressNote,
  changeAction,
  organisationPlan,
  organisationProgressNote,
  writePlan,
} from './operations/action-plans.ts';
import { partnershipRow } from './partnerships.ts';
import {
  ActionChange,
  ActionView,
  NewAction,
  OverdueList,
  PlanInput,
  PlanView,
  ProgressNote,
} from './plan-contracts.ts';

const tags = ['Partnerships'];
const portalTags = ['Partnerships (portal)'];
const Id = z.strictObject({ id: z.uuid() });
const OneAction = z.strictObject({ id: z.uuid(), actionId: z.uuid() });
const PortalPlan = z.strictObject({ organisationId: z.uuid(), partnershipId: z.uuid() });

export const planRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  // Daily at 18:20 UTC, after the agreements job: owners hear of their overdue actions once.
  platform.jobs.define(OVERDUE_ACTIONS_JOB, () => sendOverdueNotices(platform), { cron: '20 18 * * *' });

  const reader = (actor: Actor) => permittedUser(actor, 'partnerships:read').scope;
  const today = () => dayOf(platform.clock.now());

  app.get(
    '/overdue-actions',
    {
      schema: {
        tags,
        summary: "The agency's overdue plan actions, oldest first (for dashboards)",
        response: { 200: OverdueList },
      },
    },
    async (request) => ({
      items: await overdueActions(platform.db, reader(request.actor).agencyId, today()),
    }),
  );

  app.get(
    '/:id/plan',
    {
      schema: {
        tags,
        summary: 'The joint action plan (version 0 and no actions when none is written yet)',
        params: Id,
        response: { 200: PlanView },
      },
    },
    async (request) => {
      const scope = reader(request.actor);
      await partnershipRow(platform.db, scope, request.params.id);
      return planOf(platform.db, scope.agencyId, request.params.id, today());
    },
  );

  app.put(
    '/:id/plan',
    {
      schema: {
        tags,
        summary: 'Write the plan: the issue (002 step 1), the vision for change, the signs of success',
        params: Id,
        body: PlanInput,
        response: { 200: PlanView },
      },
    },
    async (request) =>
      writePlan(platform, {
        actor: requireUser(request.actor),
        partnershipId: request.params.id,
        input: request.body,
      }),
  );

  app.post(
    '/:id/plan/actions',
    {
      schema: {
        tags,
        summary: 'Add an action with its owner (a staff user or a party organisation) and due date',
        params: Id,
        body: NewAction,
        response: { 201: ActionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await addAction(platform, {
          actor: requireUser(request.actor),
          partnershipId: request.params.id,
          input: request.body,
        }),
      ),
  );

  app.put(
    '/:id/plan/actions/:actionId',
    {
      schema: {
        tags,
        summary: 'Change an action (with its version)',
        params: OneAction,
        body: ActionChange,
        response: { 200: ActionView },
      },
    },
    async (request) =>
      changeAction(platform, {
        actor: requireUser(request.actor),
        partnershipId: request.params.id,
        actionId: request.params.actionId,
        input: request.body,
      }),
  );

  app.post(
    '/:id/plan/actions/:actionId/notes',
    {
      schema: {
        tags,
        summary: 'Add a dated progress note, optionally with a new status',
        params: OneAction,
        body: ProgressNote,
        response: { 201: ActionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await addProgressNote(platform, {
          actor: requireUser(request.actor),
          partnershipId: request.params.id,
          actionId: request.params.actionId,
          input: request.body,
        }),
      ),
  );

  app.get(
    '/portal/:organisationId/:partnershipId/plan',
    {
      schema: {
        tags: portalTags,
        summary: 'The joint action plan as a party organisation sees it',
        params: PortalPlan,
        response: { 200: PlanView },
      },
    },
    async (request) =>
      organisationPlan(platform, request.actor, request.params.organisationId, request.params.partnershipId),
  );

  app.post(
    '/portal/:organisationId/:partnershipId/plan/actions/:actionId/notes',
    {
      schema: {
        tags: portalTags,
        summary: 'Report progress on an action the organisation owns (a note, optionally a new status)',
        params: PortalPlan.extend({ actionId: z.uuid() }),
        body: ProgressNote,
        response: { 201: ActionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await organisationProgressNote(platform, {
          actor: request.actor,
          ...request.params,
          input: request.body,
        }),
      ),
  );
};
