import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { REVIEW_DUE_REMINDER_JOB, sendReviewDueReminders } from './review-reminders.ts';
import { requireUser, scopeOf, permittedUser, type Actor } from '../../platform/policy/index.ts';
import {
  changePartnersMeeting,
  listPartnersMeetings,
  recordPartnersMeeting,
} from './operations/partners-meetings.ts';
import { addPrinciple, changePrinciple } from './operations/principles.ts';
import {
  changeReview,
  completeReview,
  openReview,
  organisationReviews,
  respondToReview,
  setReviewCadence,
} from './operations/reviews.ts';
import { presentPrinciple, principlesOf } from './principles.ts';
import {
  DueQuery,
  DueReview,
  NewReview,
  OrganisationResponseInput,
  PartnershipReviews,
  PartnersMeetingChange,
  PartnersMeetingInput,
  PartnersMeetingView,
  PoolTrendQuery,
  PoolTrends,
  PortalReviews,
  PrincipleChange,
  PrincipleInput,
  PrincipleView,
  ReviewCadence,
  ReviewChange,
  ReviewCompletion,
  ReviewView,
} from './review-contracts.ts';
import { dueReviews, partnershipReviewsOf, poolTrends } from './reviews.ts';

// Principles, reviews and the annual partners' meeting (issue 4 items 4 and 10; 001 §16d).

const tags = ['Partnership reviews'];
const Id = z.strictObject({ id: z.uuid() });
const ReviewId = z.strictObject({ id: z.uuid(), reviewId: z.uuid() });

export const reviewRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  // Daily at 18:10 UTC: coordinators hear 30 and 7 days before a partnership's review falls due.
  platform.jobs.define(REVIEW_DUE_REMINDER_JOB, () => sendReviewDueReminders(platform), {
    cron: '10 18 * * *',
  });
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const reader = (actor: Actor) => permittedUser(actor, 'partnerships:read').scope;

  app.get(
    '/principles',
    {
      schema: {
        tags,
        summary: "The agency's partnership principles (seeded from 000 §5 and 003), retired ones too",
        response: { 200: z.object({ items: z.array(PrincipleView) }) },
      },
    },
    async (request) => ({
      items: (await principlesOf(platform.db, reader(request.actor).agencyId)).map(presentPrinciple),
    }),
  );

  app.post(
    '/principles',
    {
      schema: { tags, summary: 'Add a principle', body: PrincipleInput, response: { 201: PrincipleView } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addPrinciple(platform, { actor: requireUser(request.actor), input: request.body })),
  );

  app.put(
    '/principles/:id',
    {
      schema: {
        tags,
        summary: 'Rename, describe, retire or bring back a principle (with its version)',
        params: Id,
        body: PrincipleChange,
        response: { 200: PrincipleView },
      },
    },
    async (request) => {
      const { retired, version, ...input } = request.body;
      return changePrinciple(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        input,
        retired,
        version,
      });
    },
  );

  app.get(
    '/principles/trends',
    {
      schema: {
        tags,
        summary: "Each principle's mean rating per half-year across the pool, from both sides",
        querystring: PoolTrendQuery,
        response: { 200: PoolTrends },
      },
    },
    async (request) =>
      poolTrends(platform.db, reader(request.actor), platform.clock.now(), request.query.years),
  );

  app.get(
    '/reviews/due',
    {
      schema: {
        tags,
        summary: 'Partnerships whose review is overdue or due within the coming days',
        querystring: DueQuery,
        response: { 200: z.object({ items: z.array(DueReview) }) },
      },
    },
    async (request) =>
      dueReviews(platform.db, reader(request.actor), platform.clock.now(), request.query.withinDays),
  );

  app.get(
    '/partners-meetings',
    {
      schema: {
        tags,
        summary: "The annual partners' meetings of the pool, latest first",
        response: { 200: z.object({ items: z.array(PartnersMeetingView) }) },
      },
    },
    async (request) => listPartnersMeetings(platform.db, reader(request.actor)),
  );

  app.post(
    '/partners-meetings',
    {
      schema: {
        tags,
        summary: "Record a partners' meeting",
        body: PartnersMeetingInput,
        response: { 201: PartnersMeetingView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordPartnersMeeting(platform, { actor: requireUser(request.actor), input: request.body }),
        ),
  );

  app.put(
    '/partners-meetings/:id',
    {
      schema: {
        tags,
        summary: "Change a partners' meeting record (with its version)",
        params: Id,
        body: PartnersMeetingChange,
        response: { 200: PartnersMeetingView },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return changePartnersMeeting(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        input,
        version,
      });
    },
  );

  app.get(
    '/:id/reviews',
    {
      schema: {
        tags,
        summary: "A partnership's review cadence, next date, reviews and principle trends",
        params: Id,
        response: { 200: PartnershipReviews },
      },
    },
    async (request) => partnershipReviewsOf(platform.db, reader(request.actor), request.params.id),
  );

  app.put(
    '/:id/review-cadence',
    {
      schema: {
        tags,
        summary: "Set how often the partnership is reviewed (the partnership's version)",
        params: Id,
        body: ReviewCadence,
        response: { 200: PartnershipReviews },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      await setReviewCadence(platform, { actor, id: request.params.id, ...request.body });
      return partnershipReviewsOf(platform.db, scopeOf(actor), request.params.id);
    },
  );

  app.post(
    '/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Open the next review (one at a time; not once the partnership has ended)',
        params: Id,
        body: NewReview,
        response: { 201: ReviewView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await openReview(platform, {
          actor: requireUser(request.actor),
          partnershipId: request.params.id,
          dueOn: request.body.dueOn,
        }),
      ),
  );

  app.put(
    '/:id/reviews/:reviewId',
    {
      schema: {
        tags,
        summary: "The agency's side of an open review: reflection, principle ratings, recommendation",
        params: ReviewId,
        body: ReviewChange,
        response: { 200: ReviewView },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return changeReview(platform, {
        actor: requireUser(request.actor),
        partnershipId: request.params.id,
        reviewId: request.params.reviewId,
        input,
        version,
      });
    },
  );

  app.post(
    '/:id/reviews/:reviewId/complete',
    {
      schema: {
        tags,
        summary: 'Complete a review (needs a recommendation and every principle rated)',
        params: ReviewId,
        body: ReviewCompletion,
        response: { 200: ReviewView },
      },
    },
    async (request) =>
      completeReview(platform, {
        actor: requireUser(request.actor),
        partnershipId: request.params.id,
        reviewId: request.params.reviewId,
        version: request.body.version,
      }),
  );

  const portalTags = ['Partnerships (portal)'];
  const PortalPartnership = z.strictObject({ organisationId: z.uuid(), partnershipId: z.uuid() });

  app.get(
    '/portal/:organisationId/:partnershipId/reviews',
    {
      schema: {
        tags: portalTags,
        summary: "A partnership's reviews as its organisation sees them, with the principles to rate",
        params: PortalPartnership,
        response: { 200: PortalReviews },
      },
    },
    async (request) =>
      organisationReviews(
        platform,
        request.actor,
        request.params.organisationId,
        request.params.partnershipId,
      ),
  );

  app.put(
    '/portal/:organisationId/:partnershipId/reviews/:reviewId/response',
    {
      schema: {
        tags: portalTags,
        summary: "The organisation's side of an open review, with its principle ratings",
        params: PortalPartnership.extend({ reviewId: z.uuid() }),
        body: OrganisationResponseInput,
        response: { 200: ReviewView },
      },
    },
    async (request) =>
      respondToReview(platform, { actor: request.actor, ...request.params, input: request.body }),
  );
};
