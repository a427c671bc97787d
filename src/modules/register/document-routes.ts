// Uploading, downloading and removing an organisation's governance documents, for staff (under
// /register) and for the CSO itself (under /portal); only who may do it differs.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { notFound } from '../../platform/http/problems.ts';
import {
  authorize,
  authorizeForOrganisation,
  requireUser,
  scopeOf,
  type Actor,
} from '../../platform/policy/index.ts';
import { NewDocument } from './contracts.ts';
import { addDocument, removeDocument, sendDocument } from './documents.ts';
import { organisationExists } from './organisations.ts';
import { refuseHiddenGroup } from './profile-access.ts';
import { organisations } from './tables.ts';
import { eq } from 'drizzle-orm';

const Id = z.strictObject({ id: z.uuid() });
const OneDocument = z.strictObject({ id: z.uuid(), documentId: z.uuid() });
type Side = 'staff' | 'portal';

export function documentRoutes(side: Side): FastifyPluginAsync<{ platform: Platform }> {
  return async (plain, { platform }) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    await app.register(multipart, {
      limits: { fileSize: platform.config.maxUploadBytes, files: 1, fields: 0 },
    });
    const tags = [side === 'staff' ? 'Register' : 'CSO portal'];

    /** Staff read and change documents only where the CSO does not keep them private from their agency. */
    async function refuseUnlessDocumentsSeen(agencyId: string, organisationId: string) {
      const [row] = await platform.db
        .select({ id: organisations.id, visibility: organisations.visibility })
        .from(organisations)
        .where(eq(organisations.id, organisationId));
      if (!row) throw notFound('This organisation');
      await refuseHiddenGroup(platform.db, row, agencyId, 'documents');
    }

    /** Who changes documents, and the agency the audit names (none when the CSO acts). */
    async function writer(actor: Actor, organisationId: string) {
      const user = requireUser(actor);
      if (side === 'portal') {
        authorizeForOrganisation(user, organisationId, 'organisation:edit');
        return { user, agencyId: null };
      }
      authorize(user, 'register:edit');
      const { agencyId } = scopeOf(user);
      await refuseUnlessDocumentsSeen(agencyId, organisationId);
      return { user, agencyId };
    }

    async function checkReader(actor: Actor, organisationId: string) {
      const user = requireUser(actor);
      if (side === 'portal') return void authorizeForOrganisation(user, organisationId, 'organisation:read');
      authorize(user, 'register:read');
      await refuseUnlessDocumentsSeen(scopeOf(user).agencyId, organisationId);
    }

    app.post(
      '/organisations/:id/documents',
      {
        schema: {
          tags,
          summary: 'Add a governance document (multipart, field "file"; details in the query)',
          params: Id,
          querystring: NewDocument,
        },
      },
      async (request, reply) => {
        const { user, agencyId } = await writer(request.actor, request.params.id);
        if (!(await organisationExists(platform.db, request.params.id))) throw notFound('This organisation');
        const document = await addDocument(
          platform,
          request,
          user,
          { organisationId: request.params.id, agencyId },
          request.query,
        );
        return reply.code(201).send({ id: document.id });
      },
    );

    app.get(
      '/organisations/:id/documents/:documentId/file',
      { schema: { tags, summary: 'Download a governance document', params: OneDocument } },
      async (request, reply) => {
        await checkReader(request.actor, request.params.id);
        return sendDocument(platform, reply, request.params.id, request.params.documentId);
      },
    );

    app.delete(
      '/organisations/:id/documents/:documentId',
      { schema: { tags, summary: 'Remove a governance document', params: OneDocument } },
      async (request, reply) => {
        const { user, agencyId } = await writer(request.actor, request.params.id);
        await removeDocument(
          platform,
          user,
          { organisationId: request.params.id, agencyId },
          request.params.documentId,
        );
        return reply.code(204).send();
      },
    );
  };
}
