import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.ts';
import { requireSignedInPerson, requireUser, type AnonymousActor } from '../policy/index.ts';
import {
  AgencyChange,
  AgencyView,
  ApiTokenView,
  ChangePassword,
  CreatedApiToken,
  IdParams,
  InvitationAcceptance,
  InvitationPreview,
  InvitationView,
  MemberChange,
  MemberView,
  MeView,
  NewApiToken,
  NewInvitation,
  PasswordResetCompletion,
  PasswordResetRequest,
  SecondFactorConfirmation,
  SecondFactorSetup,
  SessionView,
  SignIn,
  SwitchAgency,
  TokenParams,
  UpdateMe,
} from './contracts.ts';
import { FORGET_OLD_ATTEMPTS_JOB, forgetOldAttempts } from './attempts.ts';
import { authenticate } from './authenticate.ts';
import { loadMe } from './me.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './operations/api-tokens.ts';
import { changeAgency, showAgency } from './operations/agency.ts';
import {
  acceptInvitation,
  inviteUser,
  listInvitations,
  previewInvitation,
  withdrawInvitation,
} from './operations/invitations.ts';
import { changeMember, listMembers, removeMember, resetMemberSecondFactor } from './operations/members.ts';
import {
  completePasswordReset,
  PASSWORD_RESET_JOB,
  requestPasswordReset,
  sendPasswordResetLink,
  type PasswordResetRequested,
} from './operations/password-reset.ts';
import { changePassword, switchAgency, updateProfile } from './operations/profile.ts';
import { confirmSecondFactor, startSecondFactor, turnOffSecondFactor } from './operations/second-factor.ts';
import { listOwnSessions, revokeSession } from './operations/sessions.ts';
import { signIn } from './operations/sign-in.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './sessions.ts';

const tags = ['Accounts'];
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** Me as the stored state now says, after a change to the session or second factor. */
async function freshMe(platform: Platform, request: FastifyRequest) {
  const { actor } = await authenticate(platform, request);
  return loadMe(platform, requireUser(actor));
}

function anonymousActor(request: { id: string; ip: string }): AnonymousActor {
  return { kind: 'anonymous', requestId: request.id, ip: request.ip };
}

export const accountRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  platform.jobs.define<PasswordResetRequested>(PASSWORD_RESET_JOB, (request) =>
    sendPasswordResetLink(platform, request),
  );
  platform.jobs.define(FORGET_OLD_ATTEMPTS_JOB, () => forgetOldAttempts(platform), { cron: '17 * * * *' });

  // Stable entry points that outside tools rely on: POST/DELETE /session and GET /me.
  app.post(
    '/session',
    {
      config: { public: true },
      schema: { tags, summary: 'Sign in', body: SignIn, response: { 200: MeView } },
    },
    async (request, reply) => {
      const session = await signIn(platform, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      });
      setSessionCookie(reply, session.secret);
      request.cookies[SESSION_COOKIE] = session.secret;
      return freshMe(platform, request);
    },
  );

  app.delete('/session', { schema: { tags, summary: 'Sign out' } }, async (request, reply) => {
    const actor = requireSignedInPerson(request.actor, 'sign out; its owner revokes it');
    await revokeSession(platform, actor, actor.sessionId!, 'session.ended');
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/me', { schema: { tags, summary: 'Who am I', response: { 200: MeView } } }, async (request) =>
    loadMe(platform, requireUser(request.actor)),
  );

  app.patch(
    '/me',
    { schema: { tags, summary: 'Change my name or language', body: UpdateMe, response: { 200: MeView } } },
    async (request) => {
      const actor = requireUser(request.actor);
      await updateProfile(platform, actor, request.body);
      return loadMe(platform, actor);
    },
  );

  app.put(
    '/me/agency',
    { schema: { tags, summary: 'Switch agency', body: SwitchAgency, response: { 200: MeView } } },
    async (request) => {
      const actor = requireUser(request.actor);
      await switchAgency(platform, actor, request.body.agencyId);
      return freshMe(platform, request);
    },
  );

  app.put(
    '/me/password',
    { schema: { tags, summary: 'Change my password', body: ChangePassword } },
    async (request, reply) => {
      await changePassword(
        platform,
        requireUser(request.actor),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/me/sessions',
    { schema: { tags, summary: 'My sessions', response: { 200: items(SessionView) } } },
    async (request) => ({
      items: await listOwnSessions(platform, requireUser(request.actor)),
    }),
  );

  app.delete(
    '/me/sessions/:id',
    { schema: { tags, summary: 'End one of my sessions', params: IdParams } },
    async (request, reply) => {
      await revokeSession(platform, requireUser(request.actor), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/me/second-factor',
    { schema: { tags, summary: 'Start second-factor set-up', response: { 200: SecondFactorSetup } } },
    async (request) => startSecondFactor(platform, requireUser(request.actor)),
  );

  app.post(
    '/me/second-factor/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm second factor',
        body: SecondFactorConfirmation,
        response: { 200: MeView },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      await confirmSecondFactor(platform, actor, request.body.code);
      return loadMe(platform, { ...actor, secondFactorMissing: false });
    },
  );

  app.delete(
    '/me/second-factor',
    {
      schema: {
        tags,
        summary: 'Turn off second factor',
        body: SecondFactorConfirmation,
        response: { 200: MeView },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      await turnOffSecondFactor(platform, actor, request.body.code);
      return freshMe(platform, request);
    },
  );

  app.get(
    '/me/tokens',
    { schema: { tags, summary: 'My API tokens', response: { 200: items(ApiTokenView) } } },
    async (request) => ({
      items: await listApiTokens(platform, requireUser(request.actor)),
    }),
  );

  app.post(
    '/me/tokens',
    {
      schema: { tags, summary: 'Create an API token', body: NewApiToken, response: { 201: CreatedApiToken } },
    },
    async (request, reply) =>
      reply.code(201).send(await createApiToken(platform, requireUser(request.actor), request.body)),
  );

  app.delete(
    '/me/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: IdParams } },
    async (request, reply) => {
      await revokeApiToken(platform, requireUser(request.actor), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/password-reset',
    {
      // Each request may send an e-mail: a handful per recipient, so nobody's inbox can be flooded.
      config: {
        public: true,
        rateLimit: {
          max: 5,
          timeWindow: '15 minutes',
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) => `reset:${(request.body as { email?: string }).email}`,
        },
      },
      schema: { tags, summary: 'Ask for a password reset link', body: PasswordResetRequest },
    },
    async (request, reply) => {
      await requestPasswordReset(platform, anonymousActor(request), request.body.email);
      return reply.code(202).send();
    },
  );

  app.post(
    '/password-reset/complete',
    {
      config: { public: true },
      schema: { tags, summary: 'Set a new password from a reset link', body: PasswordResetCompletion },
    },
    async (request, reply) => {
      await completePasswordReset(
        platform,
        anonymousActor(request),
        request.body.token,
        request.body.password,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/invitations/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Look at an invitation',
        params: TokenParams,
        response: { 200: InvitationPreview },
      },
    },
    async (request) => previewInvitation(platform, request.params.token),
  );

  app.post(
    '/invitations/accept',
    {
      // A held link may be tried against an existing account's password: few tries per link.
      config: {
        public: true,
        rateLimit: {
          max: 10,
          timeWindow: '15 minutes',
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) =>
            `invitation:${(request.body as { token?: string }).token}`,
        },
      },
      schema: {
        tags,
        summary: 'Accept an invitation',
        body: InvitationAcceptance,
        response: { 200: MeView },
      },
    },
    async (request, reply) => {
      const session = await acceptInvitation(platform, anonymousActor(request), {
        ...request.body,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(reply, session.secret);
      request.cookies[SESSION_COOKIE] = session.secret;
      return freshMe(platform, request);
    },
  );

  app.get(
    '/invitations',
    { schema: { tags, summary: 'Pending invitations', response: { 200: items(InvitationView) } } },
    async (request) => ({
      items: await listInvitations(platform, requireUser(request.actor)),
    }),
  );

  app.post(
    '/invitations',
    { schema: { tags, summary: 'Invite someone', body: NewInvitation, response: { 201: InvitationView } } },
    async (request, reply) =>
      reply.code(201).send(await inviteUser(platform, requireUser(request.actor), request.body)),
  );

  app.delete(
    '/invitations/:id',
    { schema: { tags, summary: 'Withdraw an invitation', params: IdParams } },
    async (request, reply) => {
      await withdrawInvitation(platform, requireUser(request.actor), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/users',
    { schema: { tags, summary: 'Members of my agency', response: { 200: items(MemberView) } } },
    async (request) => ({
      items: await listMembers(platform, requireUser(request.actor)),
    }),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: "Change a member's role or unit",
        params: IdParams,
        body: MemberChange,
        response: { 200: MemberView },
      },
    },
    async (request) => changeMember(platform, requireUser(request.actor), request.params.id, request.body),
  );

  app.delete(
    '/users/:id',
    { schema: { tags, summary: 'Remove a member from my agency', params: IdParams } },
    async (request, reply) => {
      await removeMember(platform, requireUser(request.actor), request.params.id);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/users/:id/second-factor',
    { schema: { tags, summary: "Turn off a member's second factor", params: IdParams } },
    async (request, reply) => {
      await resetMemberSecondFactor(platform, requireUser(request.actor), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/agency',
    { schema: { tags, summary: 'My agency', response: { 200: AgencyView } } },
    async (request) => showAgency(platform, requireUser(request.actor)),
  );

  app.patch(
    '/agency',
    { schema: { tags, summary: 'Change my agency', body: AgencyChange, response: { 200: AgencyView } } },
    async (request) => changeAgency(platform, requireUser(request.actor), request.body),
  );
};
