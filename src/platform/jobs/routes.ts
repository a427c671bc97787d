import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.ts';
import { notFound } from '../http/problems.ts';
import { authorize, requireUser, scopeOf } from '../policy/index.ts';
import { jobProgress } from './tables.ts';

export const JobView = z.object({
  id: z.uuid(),
  name: z.string(),
  state: z.enum(['queued', 'running', 'completed', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  message: z.string().nullable(),
  result: z.unknown(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const jobRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['Jobs'],
        summary: 'Progress of a long job',
        params: z.object({ id: z.uuid() }),
        response: { 200: JobView },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      // Like every agency read, this asks the policy (which also holds back someone who must first set
      // up a second factor).
      authorize(actor, 'agency:read');
      const { agencyId } = scopeOf(actor);
      const [row] = await platform.db
        .select()
        .from(jobProgress)
        .where(and(eq(jobProgress.id, request.params.id), eq(jobProgress.agencyId, agencyId)));
      if (!row) throw notFound('This job');
      return { ...row, state: row.state as z.infer<typeof JobView>['state'] };
    },
  );
};
