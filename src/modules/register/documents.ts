// Governance documents of an organisation (issue 3 item 1): uploaded by staff or by the CSO,
// shared like the rest of the profile, each with the day it runs out.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Platform } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { storedFiles } from '../../platform/files/tables.ts';
import { receiveDocument, sendStoredFile, storeFile } from '../../platform/files/upload.ts';
import { notFound } from '../../platform/http/problems.ts';
import type { UserActor } from '../../platform/policy/index.ts';
import type { DocumentView } from './contracts.ts';
import { organisationDocuments } from './tables.ts';

export async function listDocuments(db: Db, organisationId: string, today: string): Promise<DocumentView[]> {
  const rows = await db
    .select({ document: organisationDocuments, fileName: storedFiles.name, size: storedFiles.size })
    .from(organisationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, organisationDocuments.fileId))
    .where(
      and(eq(organisationDocuments.organisationId, organisationId), isNull(organisationDocuments.removedAt)),
    )
    .orderBy(asc(organisationDocuments.expiresOn), asc(organisationDocuments.title));
  return rows.map(({ document, fileName, size }) => ({
    id: document.id,
    title: document.title,
    kind: document.kind,
    expiresOn: document.expiresOn,
    expired: document.expiresOn !== null && document.expiresOn < today,
    fileName,
    size,
    uploadedAt: document.uploadedAt,
  }));
}

/** Stores the uploaded file and its document row in one transaction, audited. */
export async function addDocument(
  platform: Platform,
  request: FastifyRequest,
  actor: UserActor,
  target: { organisationId: string; agencyId: string | null },
  details: { title: string; kind: string; expiresOn?: string | undefined },
) {
  const { bytes, name, contentType } = await receiveDocument(platform, request);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const file = await storeFile(platform, tx, {
      agencyId: null,
      userId: actor.userId,
      name,
      contentType,
      bytes,
      ownerEntity: 'organisation',
    });
    const [document] = await tx
      .insert(organisationDocuments)
      .values({
        organisationId: target.organisationId,
        fileId: file.id,
        title: details.title,
        kind: details.kind,
        expiresOn: details.expiresOn ?? null,
        uploadedBy: actor.userId,
        uploadedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'organisation.document-added',
      entity: 'organisation',
      entityId: target.organisationId,
      agencyId: target.agencyId,
      after: { documentId: document!.id, ...details, fileName: name, size: bytes.length },
    });
    return document!;
  });
}

export async function removeDocument(
  platform: Platform,
  actor: UserActor,
  target: { organisationId: string; agencyId: string | null },
  documentId: string,
) {
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [removed] = await tx
      .update(organisationDocuments)
      .set({ removedAt: now })
      .where(
        and(
          eq(organisationDocuments.id, documentId),
          eq(organisationDocuments.organisationId, target.organisationId),
          isNull(organisationDocuments.removedAt),
        ),
      )
      .returning();
    if (!removed) throw notFound('This document');
    await recordAudit(tx, actor, now, {
      action: 'organisation.document-removed',
      entity: 'organisation',
      entityId: target.organisationId,
      agencyId: target.agencyId,
      before: { documentId, title: removed.title },
    });
  });
}

export async function sendDocument(
  platform: Platform,
  reply: FastifyReply,
  organisationId: string,
  documentId: string,
) {
  const [row] = await platform.db
    .select({ file: storedFiles })
    .from(organisationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, organisationDocuments.fileId))
    .where(
      and(
        eq(organisationDocuments.id, documentId),
        eq(organisationDocuments.organisationId, organisationId),
        isNull(organisationDocuments.removedAt),
      ),
    );
  if (!row) throw notFound('This document');
  return sendStoredFile(platform, reply, row.file);
}
