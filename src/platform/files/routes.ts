import multipart from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Platform } from '../context.ts';
import { notFound, Problem } from '../http/problems.ts';
import { authorize, requireUser, scopeOf } from '../policy/index.ts';
import { storedFiles } from './tables.ts';
import { receiveUpload, sendStoredFile, storeFile } from './upload.ts';

// What may be stored: documents, spreadsheets and pictures. The type is read from the bytes, never
// from the name or the header the browser sent.
export const allowedTypes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/csv',
  'text/plain',
]);

/** Text files have no magic number: accept them only when they decode as UTF-8 without control bytes. */
function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return true;
  } catch {
    return false;
  }
}

export async function sniffContentType(bytes: Buffer, name: string): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  if (looksLikeText(bytes)) return name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
  return 'application/octet-stream';
}

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
      const actor = requireUser(request.actor);
      authorize(actor, 'agency:read');
      const { agencyId } = scopeOf(actor);
      const { bytes, name } = await receiveUpload(platform, request);
      const contentType = await sniffContentType(bytes, name);
      if (!allowedTypes.has(contentType))
        throw new Problem('unsupported-media-type', `Files of type ${contentType} are not accepted.`);
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
