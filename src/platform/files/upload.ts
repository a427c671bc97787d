import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.ts';
import type { Db } from '../db/client.ts';
import { invalid, Problem } from '../http/problems.ts';
import { allowedTypes, sniffContentType } from './content-type.ts';
import { storedFiles } from './tables.ts';

/** The one file of a multipart upload, refused clearly when missing, empty or over the size limit. */
export async function receiveUpload(
  platform: Platform,
  request: FastifyRequest,
): Promise<{ bytes: Buffer; name: string }> {
  if (!request.isMultipart())
    throw new Problem('unsupported-media-type', 'Send the file as multipart/form-data.');
  const { part, bytes } = await readFilePart(request);
  if (part.file.truncated) {
    throw new Problem(
      'payload-too-large',
      `Files may be at most ${platform.config.maxUploadBytes / 1024 / 1024} MB.`,
    );
  }
  if (bytes.length === 0) throw invalid('file', 'The file is empty.');
  return { bytes, name: part.filename.replace(/[\\/\0]/g, '_').slice(0, 255) || 'file' };
}

/**
 * The upload's first file part. The multipart parser (busboy) throws plain errors for a body it
 * cannot read (no boundary, one over 256 characters, a body cut short): those are the client's, a
 * 400 naming the file; its limits keep their own codes (413, mapped in errors.ts).
 */
async function readFilePart(request: FastifyRequest) {
  try {
    const part = await request.file();
    if (!part) throw invalid('file', 'No file was sent.');
    return { part, bytes: await part.toBuffer() };
  } catch (error) {
    if (error instanceof Problem || (error as { code?: string }).code?.startsWith('FST_')) throw error;
    throw invalid('file', 'This is not a well-formed multipart/form-data upload.');
  }
}

/**
 * An uploaded document (receiveUpload) whose type, read from its bytes, is one Vaka stores; a
 * program or a web page named .pdf is refused with 415.
 */
export async function receiveDocument(
  platform: Platform,
  request: FastifyRequest,
): Promise<{ bytes: Buffer; name: string; contentType: string }> {
  const { bytes, name } = await receiveUpload(platform, request);
  const contentType = await sniffContentType(bytes, name);
  if (!allowedTypes.has(contentType))
    throw new Problem('unsupported-media-type', `Files of type ${contentType} are not accepted.`);
  return { bytes, name, contentType };
}

/** Writes the bytes to the file store and records them, in the caller's transaction. */
export async function storeFile(
  platform: Platform,
  tx: Db,
  file: {
    /** null for files no agency owns, such as an organisation's documents in the shared register */
    agencyId: string | null;
    userId: string;
    name: string;
    contentType: string;
    bytes: Buffer;
    ownerEntity?: string;
  },
) {
  const storageKey = randomUUID();
  await platform.files.put(storageKey, file.bytes);
  const [stored] = await tx
    .insert(storedFiles)
    .values({
      agencyId: file.agencyId,
      ownerEntity: file.ownerEntity ?? null,
      name: file.name,
      contentType: file.contentType,
      size: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      storageKey,
      createdBy: file.userId,
      createdAt: platform.clock.now(),
    })
    .returning();
  return stored!;
}

/** Sends a stored file as a download; the caller has checked the reader may have it. */
export function sendStoredFile(
  platform: Platform,
  reply: FastifyReply,
  row: typeof storedFiles.$inferSelect,
) {
  return reply
    .header('content-type', row.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.name)}`)
    .header('x-content-type-options', 'nosniff')
    .send(platform.files.read(row.storageKey));
}
