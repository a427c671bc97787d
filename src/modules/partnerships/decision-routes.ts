// Committee decisions over HTTP (issue 4 item 7): the committee, requests, papers, conflicts, votes.
import multipart from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.ts';
import { DECISION_REMINDER_JOB, sendDecisionReminders } from './decision-reminders.ts';
import { storedFiles } from '../../platform/files/tables.ts';
import { receiveDocument, sendStoredFile } from '../../platform/files/upload.ts';
import { notFound } from '../../platform/http/problems.ts';
import { authorize, requireUser, scopeOf, type Actor, permittedUser } from '../../platform/policy/index.ts';
import {
  CommitteeChange,
  CommitteeView,
  ConflictInput,
  DecisionRequestList,
  DecisionRequestView,
  NewDecisionRequest,
  VoteInput,
} from './decision-contracts.ts';
import { loadCommittee, pendingFor, requestRow, requestsOf } from './decisions.ts';
import {
  addDecisionPaper,
  castVote,
  changeCommittee,
  closeDecisionRequest,
  declareConflict,
  raiseDecisionRequest,
} from './operations/decisions.ts';
import { partnershipRow } from './partnerships.ts';
import { decisionPapers } from './tables.ts';

/** A paper is at most 10 MB, like a meeting's agenda paper: committee members read them on phones. */
export const PAPER_MAX_BYTES = 10 * 1024 * 1024;

const tags = ['Partnerships (decisions)'];
const Id = z.strictObject({ id: z.uuid() });
const RequestId = z.strictObject({ id: z.uuid(), requestId: z.uuid() });

export const decisionRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  // Daily at 18:05 UTC (morning in the Cook Islands): members who have not answered, before the deadline.
  platform.jobs.define(DECISION_REMINDER_JOB, () => sendDecisionReminders(platform), { cron: '5 18 * * *' });
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const maxBytes = Math.min(PAPER_MAX_BYTES, platform.config.maxUploadBytes);
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 0 } });
  const reader = (actor: Actor) => permittedUser(actor, 'partnerships:read');

  app.get(
    '/committee',
    {
      schema: {
        tags,
        summary: "The agency's decision committee (001 §18c)",
        response: { 200: CommitteeView },
      },
    },
    async (request) => loadCommittee(platform.db, reader(request.actor).scope),
  );

  app.put(
    '/committee',
    {
      schema: {
        tags,
        summary: 'Name the committee, its members, quorum rule and chair (version 0 the first time)',
        body: CommitteeChange,
        response: { 200: CommitteeView },
      },
    },
    async (request) => changeCommittee(platform, { actor: requireUser(request.actor), input: request.body }),
  );

  app.get(
    '/decisions/mine',
    {
      schema: {
        tags,
        summary: 'Open requests waiting for my vote or my declaration of a conflict',
        response: { 200: DecisionRequestList },
      },
    },
    async (request) => {
      const { user, scope } = reader(request.actor);
      return { items: await pendingFor(platform.db, scope, user) };
    },
  );

  app.get(
    '/:id/decisions',
    {
      schema: {
        tags,
        summary: "A partnership's decision requests, newest first",
        params: Id,
        response: { 200: DecisionRequestList },
      },
    },
    async (request) => {
      const { user, scope } = reader(request.actor);
      await partnershipRow(platform.db, scope, request.params.id);
      return { items: await requestsOf(platform.db, scope, request.params.id, user) };
    },
  );

  app.post(
    '/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Put a partnership awaiting a decision before the committee; members are e-mailed',
        params: Id,
        body: NewDecisionRequest,
        response: { 201: DecisionRequestView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await raiseDecisionRequest(platform, {
          actor: requireUser(request.actor),
          partnershipId: request.params.id,
          input: request.body,
        }),
      ),
  );

  app.post(
    '/:id/decisions/:requestId/papers',
    {
      schema: {
        tags,
        summary: 'Add a paper to an open request (multipart, field "file"; at most 10 MB)',
        params: RequestId,
        response: { 201: DecisionRequestView },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'partnerships:edit');
      await requestRow(platform.db, scopeOf(actor), request.params.id, request.params.requestId);
      // The type is read from the bytes: a program or a web page named .pdf is refused.
      const { bytes, name, contentType } = await receiveDocument(platform, request);
      const view = await addDecisionPaper(platform, {
        actor,
        partnershipId: request.params.id,
        requestId: request.params.requestId,
        file: { name, contentType, bytes },
      });
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/:id/decisions/:requestId/papers/:fileId',
    {
      schema: {
        tags,
        summary: 'Download a paper',
        params: RequestId.extend({ fileId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { scope } = reader(request.actor);
      await requestRow(platform.db, scope, request.params.id, request.params.requestId);
      const [row] = await platform.db
        .select({ file: storedFiles })
        .from(decisionPapers)
        .innerJoin(storedFiles, eq(storedFiles.id, decisionPapers.fileId))
        .where(
          and(
            eq(decisionPapers.requestId, request.params.requestId),
            eq(decisionPapers.fileId, request.params.fileId),
            eq(decisionPapers.agencyId, scope.agencyId),
          ),
        );
      if (!row) throw notFound('This paper');
      return sendStoredFile(platform, reply, row.file);
    },
  );

  app.post(
    '/:id/decisions/:requestId/conflicts',
    {
      schema: {
        tags,
        summary: 'Declare my conflict of interest: I then neither vote nor count to quorum',
        params: RequestId,
        body: ConflictInput,
        response: { 200: DecisionRequestView },
      },
    },
    async (request) => {
      const { user } = reader(request.actor);
      return declareConflict(platform, {
        actor: user,
        partnershipId: request.params.id,
        requestId: request.params.requestId,
        note: request.body.note,
      });
    },
  );

  app.post(
    '/:id/decisions/:requestId/votes',
    {
      schema: {
        tags,
        summary: 'Vote approve, decline or abstain, with a comment; one final vote per member',
        params: RequestId,
        body: VoteInput,
        response: { 200: DecisionRequestView },
      },
    },
    async (request) => {
      const { user } = reader(request.actor);
      return castVote(platform, {
        actor: user,
        partnershipId: request.params.id,
        requestId: request.params.requestId,
        ...request.body,
      });
    },
  );

  app.post(
    '/:id/decisions/:requestId/close',
    {
      schema: {
        tags,
        summary: 'Close a request (the chair or a coordinator): the outcome is computed and fixed',
        params: RequestId,
        response: { 200: DecisionRequestView },
      },
    },
    async (request) => {
      const { user } = reader(request.actor);
      return closeDecisionRequest(platform, {
        actor: user,
        partnershipId: request.params.id,
        requestId: request.params.requestId,
      });
    },
  );
};
