import multipart from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Platform } from '../context.ts';
import { notFound } from '../http/problems.ts';
import { authorize, permittedUser, requireUser, scopeOf } from '../policy/index.ts';
import { storedFiles } from './tables.ts';
import { receiveDocument, sendStoredFile, storeFile } from './upload.ts';

const FileView = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.date(),
});

export const fileRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  await app.register(multipart, {
    limits: { fileSize: platform.config.maxUploadBytes, files: 1, fields: 5 },
  });
  const tags = ['Files'];

  app.post(
    '/files',
    { schema: { tags, summary: 'Upload a file (multipart, field "file")', response: { 201: FileView } } },
    async (request, reply) => {
      const {
        user: actor,
        scope: { agencyId },
      } = permittedUser(request.actor, 'files:upload');
      const { bytes, name, contentType } = await receiveDocument(platform, request);
      const now = platform.clock.now();
      const row = await platform.db.transaction(async (tx) => {
        const stored = await storeFile(platform, tx, {
          agencyId,
          userId: actor.userId,
          name,
          contentType,
          bytes,
        });
        await recordAudit(tx, actor, now, {
          action: 'file.uploaded',
          entity: 'file',
          entityId: stored!.id,
          agencyId,
          after: { name, contentType, size: bytes.length },
        });
        return stored!;
      });
      return reply.code(201).send(row);
    },
  );

  // Downloads ask the policy like any read: only the owning agency sees its files.
  app.get(
    '/files/:id',
    { schema: { tags, summary: 'Download a file', params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'agency:read');
      const { agencyId } = scopeOf(actor);
      const [row] = await platform.db
        .select()
        .from(storedFiles)
        .where(and(eq(storedFiles.id, request.params.id), eq(storedFiles.agencyId, agencyId)));
      if (!row) throw notFound('This file');
      return sendStoredFile(platform, reply, row);
    },
  );
};
