import multipart from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Platform } from '../../platform/context.ts';
import { sniffContentType } from '../../platform/files/content-type.ts';
import { receiveUpload, storeFile } from '../../platform/files/upload.ts';
import { Problem } from '../../platform/http/problems.ts';
import { authorize, requireUser, scopeOf } from '../../platform/policy/index.ts';
import {
  changeMapping,
  guessMapping,
  IMPORT_JOB,
  loadImport,
  presentImport,
  readImportFile,
  runImport,
} from './imports.ts';
import { IMPORT_CHECK_JOB, runImportCheck, startImportCheck, type ImportCheckData } from './import-check.ts';
import { readSpreadsheet } from './spreadsheet.ts';
import { registerImports } from './tables.ts';

const tags = ['Register import'];
const Id = z.strictObject({ id: z.uuid() });
const spreadsheetTypes = new Set([
  'text/csv',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

export const importRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  await app.register(multipart, {
    limits: { fileSize: platform.config.maxUploadBytes, files: 1, fields: 2 },
  });

  platform.jobs.define<ImportCheckData>(IMPORT_CHECK_JOB, (data, progress) =>
    runImportCheck(platform, data, progress),
  );
  platform.jobs.define<{ importId: string; agencyId: string; userId: string; userEmail: string }>(
    IMPORT_JOB,
    (data, progress) => runImport(platform, data, progress),
  );

  app.post(
    '/imports',
    { schema: { tags, summary: 'Upload a CSV or XLSX to import (multipart, field "file")' } },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'register:edit');
      const { agencyId } = scopeOf(actor);
      const { bytes, name } = await receiveUpload(platform, request);
      const sniffed = await sniffContentType(bytes, name);
      // A .csv that is not valid UTF-8 sniffs as binary; read it as CSV so the person is told to re-save it.
      const contentType =
        sniffed === 'application/octet-stream' && /\.csv$/i.test(name) ? 'text/csv' : sniffed;
      if (!spreadsheetTypes.has(contentType))
        throw new Problem('unsupported-media-type', 'Upload a CSV (UTF-8) or an .xlsx spreadsheet.');
      const sheet = await readSpreadsheet(bytes, contentType);
      const now = platform.clock.now();
      const row = await platform.db.transaction(async (tx) => {
        const file = await storeFile(platform, tx, {
          agencyId,
          userId: actor.userId,
          name,
          contentType,
          bytes,
          ownerEntity: 'register-import',
        });
        const [created] = await tx
          .insert(registerImports)
          .values({
            agencyId,
            fileId: file!.id,
            fileName: file!.name,
            columns: sheet.columns,
            rowCount: sheet.rows.length,
            mapping: guessMapping(sheet.columns),
            state: 'uploaded',
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await recordAudit(tx, actor, now, {
          action: 'register.import-uploaded',
          entity: 'register-import',
          entityId: created!.id,
          agencyId,
          after: { fileName: file!.name, rows: sheet.rows.length },
        });
        return created!;
      });
      return reply.code(201).send(presentImport(row, sheet.rows.slice(0, 5)));
    },
  );

  app.get('/imports/:id', { schema: { tags, summary: 'An import', params: Id } }, async (request) => {
    const actor = requireUser(request.actor);
    authorize(actor, 'register:edit');
    const row = await loadImport(platform, scopeOf(actor).agencyId, request.params.id);
    const sheet = await readImportFile(platform, row.fileId, { sample: 5 });
    return presentImport(row, sheet.rows.slice(0, 5));
  });

  app.put(
    '/imports/:id/mapping',
    {
      schema: {
        tags,
        summary: 'Say which column holds which field',
        params: Id,
        body: z.strictObject({
          mapping: z.record(z.string().max(200), z.string().max(60).nullable()),
          version: z.number().int().min(1),
        }),
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const row = await changeMapping(
        platform,
        actor,
        request.params.id,
        request.body.mapping,
        request.body.version,
      );
      const sheet = await readImportFile(platform, row.fileId, { sample: 5 });
      return presentImport(row, sheet.rows.slice(0, 5));
    },
  );

  // The check (dry run): every row's errors and likely duplicates, as a job (decision 0019);
  // nothing is written to the register.
  app.post(
    '/imports/:id/dry-run',
    { schema: { tags, summary: 'Check every row without importing, as a job to watch', params: Id } },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'register:edit');
      const jobId = await startImportCheck(
        platform,
        { agencyId: scopeOf(actor).agencyId, userId: actor.userId },
        request.params.id,
      );
      return reply.code(202).send({ jobId });
    },
  );

  app.get(
    '/imports/:id/report',
    { schema: { tags, summary: 'The last check: rows with errors or likely duplicates', params: Id } },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'register:edit');
      const row = await loadImport(platform, scopeOf(actor).agencyId, request.params.id);
      if (!row.report)
        throw new Problem('conflict', 'This file has not been checked since its mapping last changed.');
      const sheet = await readImportFile(platform, row.fileId, { sample: 5 });
      return { import: presentImport(row, sheet.rows.slice(0, 5)), ...row.report };
    },
  );

  app.post(
    '/imports/:id/run',
    { schema: { tags, summary: 'Import the checked rows as one job', params: Id } },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'register:edit');
      const { agencyId } = scopeOf(actor);
      const current = await loadImport(platform, agencyId, request.params.id);
      if (current.state !== 'checked')
        throw new Problem('conflict', 'Check the file first (a dry run), after any change to the mapping.');
      if ((current.summary?.error ?? 0) > 0)
        throw new Problem(
          'conflict',
          `${current.summary!.error} row(s) have errors. Fix the file, upload it again and check it.`,
        );
      const jobId = await platform.jobs.send(
        IMPORT_JOB,
        { importId: current.id, agencyId, userId: actor.userId, userEmail: actor.email },
        { tracked: { agencyId, userId: actor.userId } },
      );
      await platform.db
        .update(registerImports)
        .set({ state: 'running', jobId })
        .where(and(eq(registerImports.id, current.id), eq(registerImports.agencyId, agencyId)));
      return reply.code(202).send({ jobId });
    },
  );
};
