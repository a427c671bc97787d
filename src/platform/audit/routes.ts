import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QueryDate } from '../http/dates.ts';
import { users } from '../accounts/tables.ts';
import type { Platform } from '../context.ts';
import { cursorPart, decodeCursor, PageQuery, toPage } from '../http/pagination.ts';
import { authorize, requireUser, scopeOf, type AgencyScope } from '../policy/index.ts';
import { auditEvents } from './tables.ts';

const AuditQuery = PageQuery.extend({
  action: z.string().max(100).optional(),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actorId: z.uuid().optional(),
  from: QueryDate.optional(),
  to: QueryDate.optional(),
}).strict();

const AuditEventView = z.object({
  id: z.number(),
  at: z.date(),
  agencyId: z.string().nullable(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

const AuditPage = z.object({ items: z.array(AuditEventView), nextCursor: z.string().nullable() });
type AuditFilters = z.infer<typeof AuditQuery>;

/** The agency's slice of the trail, newest first. Scoped by agency like every agency-owned read. */
export async function browseAudit(platform: Platform, scope: AgencyScope, filters: AuditFilters) {
  // An agency's own events, and account events of its members that belong to no agency (a lockout,
  // a password reset), so its administrators see what happens to their people's accounts.
  const conditions: SQL[] = [
    sql`(${auditEvents.agencyId} = ${scope.agencyId} or (${auditEvents.agencyId} is null and ${auditEvents.entity} = 'user'
      and ${auditEvents.entityId} in (select user_id::text from memberships where agency_id = ${scope.agencyId})))`,
  ];
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.entity) conditions.push(eq(auditEvents.entity, filters.entity));
  if (filters.entityId) conditions.push(eq(auditEvents.entityId, filters.entityId));
  if (filters.actorId) conditions.push(eq(auditEvents.actorId, filters.actorId));
  if (filters.from) conditions.push(gte(auditEvents.at, filters.from));
  if (filters.to) conditions.push(lte(auditEvents.at, filters.to));
  const cursor = decodeCursor(filters.cursor, [cursorPart.serial]);
  if (cursor) conditions.push(lt(auditEvents.id, cursor[0]));
  const rows = await platform.db
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit, (row) => [row.event.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ event, actorName }) => ({
      id: event.id,
      at: event.at,
      agencyId: event.agencyId,
      actor: { id: event.actorId, name: actorName ?? event.actorLabel },
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      before: event.before,
      after: event.after,
      requestId: event.requestId,
    })),
  };
}

export const auditRoutes: FastifyPluginAsync<{ platform: Platform }> = async (plain, { platform }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const tags = ['Audit'];

  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Browse the audit trail',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'audit:read');
      return browseAudit(platform, scopeOf(actor), request.query);
    },
  );

  // Each record's history: the same trail, filtered to one entity.
  app.get(
    '/audit/:entity/:entityId',
    {
      schema: {
        tags,
        summary: "A record's history",
        params: z.object({ entity: z.string().max(100), entityId: z.string().max(200) }),
        querystring: PageQuery.strict(),
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      authorize(actor, 'audit:read');
      return browseAudit(platform, scopeOf(actor), { ...request.query, ...request.params });
    },
  );
};
