import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { authorize, requireUser, scopeOf } from '../../platform/policy/index.ts';
import {
  AttendanceInput,
  InvitationRequest,
  MeetingChange,
  MeetingInput,
  MeetingListQuery,
  MeetingPage,
  MeetingView,
  OutcomeInput,
  ReplyInput,
  ReplyPageView,
} from './contracts.ts';
import { listMeetings, loadMeeting } from './meetings.ts';
import { inviteToMeeting } from './operations/invite-to-meeting.ts';
import { recordAttendance, recordOutcome } from './operations/record-meeting.ts';
import { replyToInvitation, showInvitation } from './operations/reply-to-invitation.ts';
import { changeMeeting, scheduleMeeting } from './operations/schedule-meeting.ts';

const tags = ['Dialogue'];
const Id = z.strictObject({ id: z.uuid() });
const Token = z.strictObject({ token: z.string().max(200) });
// The reply page is public: a modest limit per address keeps it from being hammered.
const publicLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export const meetingRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/meetings',
    {
      schema: {
        tags,
        summary: 'Upcoming or past meetings',
        querystring: MeetingListQuery,
        response: { 200: MeetingPage },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return listMeetings(platform.db, scopeOf(actor), request.query, platform.clock.now());
    },
  );

  app.post(
    '/meetings',
    { schema: { tags, summary: 'Schedule a meeting', body: MeetingInput, response: { 201: MeetingView } } },
    async (request, reply) => {
      const created = await scheduleMeeting(platform, {
        actor: requireUser(request.actor),
        input: request.body,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/meetings/:id',
    {
      schema: {
        tags,
        summary: 'A meeting with agenda, invitations and outcomes',
        params: Id,
        response: { 200: MeetingView },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'dialogue:read');
      return loadMeeting(platform.db, scopeOf(actor), request.params.id, platform.clock.now());
    },
  );

  app.put(
    '/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Change a meeting or its minutes (carries its version)',
        params: Id,
        body: MeetingChange,
        response: { 200: MeetingView },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return changeMeeting(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        input,
        version,
      });
    },
  );

  app.post(
    '/meetings/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invite staff, register contacts or anyone by e-mail',
        params: Id,
        body: InvitationRequest,
        response: { 201: z.object({ invited: z.number(), meeting: MeetingView }) },
      },
    },
    async (request, reply) => {
      const result = await inviteToMeeting(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        people: request.body.people,
      });
      return reply.code(201).send(result);
    },
  );

  app.put(
    '/meetings/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Record who came',
        params: Id,
        body: AttendanceInput,
        response: { 200: MeetingView },
      },
    },
    async (request) =>
      recordAttendance(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        attendance: request.body.attendance,
      }),
  );

  app.post(
    '/meetings/:id/outcomes',
    {
      schema: {
        tags,
        summary: 'Record a decision or an action item',
        params: Id,
        body: OutcomeInput,
        response: { 201: MeetingView },
      },
    },
    async (request, reply) => {
      const meeting = await recordOutcome(platform, {
        actor: requireUser(request.actor),
        id: request.params.id,
        outcome: request.body,
      });
      return reply.code(201).send(meeting);
    },
  );

  // Public: the reply link from an invitation e-mail, no sign-in.
  app.get(
    '/replies/:token',
    {
      config: { ...publicLimit, public: true },
      schema: {
        tags,
        summary: 'An invitation, by its signed reply link',
        params: Token,
        response: { 200: ReplyPageView },
      },
    },
    async (request) => showInvitation(platform, request.params.token),
  );

  app.post(
    '/replies/:token',
    {
      config: { ...publicLimit, public: true },
      schema: {
        tags,
        summary: 'Reply to an invitation by its signed link',
        params: Token,
        body: ReplyInput,
        response: { 200: ReplyPageView },
      },
    },
    async (request) =>
      replyToInvitation(platform, { actor: request.actor, token: request.params.token, ...request.body }),
  );
};
