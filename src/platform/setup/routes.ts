import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MeView, Setup, SetupStatus } from '../accounts/contracts.ts';
import { loadMe, actorForUser } from '../accounts/me.ts';
import { spendLink } from '../accounts/links.ts';
import { hashPassword } from '../accounts/secrets.ts';
import { setSessionCookie, startSession } from '../accounts/sessions.ts';
import { recordAudit } from '../audit/record.ts';
import type { Platform } from '../context.ts';
import { loadDeployment } from '../deployment/deployment.ts';
import { Problem } from '../http/problems.ts';
import { authorizeDemonstrationData, requireUser, scopeOf, type AnonymousActor } from '../policy/index.ts';
import { loadDemonstrationData } from './demonstration.ts';
import { SETUP_LOCK, setUpDeployment, setupNeeded } from './first-run.ts';

const tags = ['Setup'];
export const DEMONSTRATION_JOB = 'demonstration-data.load';

export const setupRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  platform.jobs.define<{ agencyId: string; userId: string }>(DEMONSTRATION_JOB, async (data, progress) => {
    const result = await loadDemonstrationData(
      platform,
      data.agencyId,
      platform.demonstrationSteps,
      progress,
    );
    await platform.db.transaction((tx) =>
      recordAudit(
        tx,
        { kind: 'system', label: 'demonstration-data', requestId: DEMONSTRATION_JOB },
        platform.clock.now(),
        {
          action: 'demonstration-data.loaded',
          entity: 'agency',
          entityId: data.agencyId,
          agencyId: data.agencyId,
          after: { ...result, requestedBy: data.userId },
        },
      ),
    );
    return result;
  });

  app.get(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Does this Vaka still need its first agency?',
        response: { 200: SetupStatus },
      },
    },
    async () => ({
      needed: await setupNeeded(platform),
    }),
  );

  app.post(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Create the first agency and its administrator, the deployment administrator',
        body: Setup,
        response: { 201: MeView.extend({ demonstrationJobId: z.uuid().nullable() }) },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const anonymous: AnonymousActor = { kind: 'anonymous', requestId: request.id, ip: request.ip };
      const passwordHash = await hashPassword(input.password);
      const created = await platform.database.withLock(SETUP_LOCK, async () => {
        if (!(await setupNeeded(platform)))
          throw new Problem('conflict', 'This Vaka is already set up. Sign in instead.');
        return platform.db.transaction(async (tx) => {
          await spendLink(platform, tx, 'setup', input.token);
          const { agency, user } = await setUpDeployment(platform, tx, anonymous, {
            agencyName: input.agencyName,
            name: input.name,
            email: input.email,
            passwordHash,
            demonstration: input.demonstration,
          });
          const session = await startSession(platform, tx, {
            userId: user.id,
            agencyId: agency.id,
            ip: request.ip,
            userAgent: request.headers['user-agent'],
          });
          return { agency, user, session };
        });
      });
      // The job id comes back so the web app can show the loading's progress bar straight away.
      let demonstrationJobId: string | null = null;
      if (input.demonstration) {
        demonstrationJobId = await platform.jobs.send(
          DEMONSTRATION_JOB,
          { agencyId: created.agency.id, userId: created.user.id },
          { tracked: { agencyId: created.agency.id, userId: created.user.id } },
        );
      }
      setSessionCookie(reply, created.session.secret);
      const actor = actorForUser(created.user, {
        agencyId: created.agency.id,
        role: 'administrator',
        requestId: request.id,
        ip: request.ip,
        sessionId: created.session.sessionId,
      });
      return reply.code(201).send({ ...(await loadMe(platform, actor)), demonstrationJobId });
    },
  );

  app.post(
    '/demonstration-data',
    {
      schema: {
        tags,
        summary: 'Load demonstration data into my agency (a job); only in a demonstration Vaka',
        response: { 202: z.object({ jobId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      authorizeDemonstrationData(actor, await loadDeployment(platform.db));
      const { agencyId } = scopeOf(actor);
      const jobId = await platform.jobs.send(
        DEMONSTRATION_JOB,
        { agencyId, userId: actor.userId },
        { tracked: { agencyId, userId: actor.userId } },
      );
      return reply.code(202).send({ jobId });
    },
  );
};
