// An organisation's history across every agency and the CSO itself (PRODUCT.md "Register once,
// partner with many"): the agency-scoped audit browser shows only one agency's part of it.
import { and, desc, eq, lt } from 'drizzle-orm';
import { agencies, users } from '../../platform/accounts/tables.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import type { Platform } from '../../platform/context.ts';
import { cursorPart, decodeCursor, toPage } from '../../platform/http/pagination.ts';
import { authorize, scopeOf, type UserActor } from '../../platform/policy/index.ts';
import { loadOrganisation } from './organisations.ts';
import { groupsHiddenFrom } from './profile-access.ts';
import { loadSettings } from './register-status.ts';

export async function organisationHistory(
  platform: Platform,
  actor: UserActor,
  organisationId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  authorize(actor, 'register:read');
  const { agencyId } = scopeOf(actor);
  const settings = await loadSettings(platform.db);
  const organisation = await loadOrganisation(platform.db, organisationId, settings, platform.clock.now());
  // Values before and after may hold private parts; an agency kept from any sees only what changed.
  const valuesShown = (await groupsHiddenFrom(platform.db, organisation, agencyId)).length === 0;
  const conditions = [eq(auditEvents.entity, 'organisation'), eq(auditEvents.entityId, organisationId)];
  const cursor = decodeCursor(page.cursor, [cursorPart.serial]);
  if (cursor) conditions.push(lt(auditEvents.id, cursor[0]));
  const rows = await platform.db
    .select({ event: auditEvents, actorName: users.name, agencyName: agencies.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(agencies, eq(agencies.id, auditEvents.agencyId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  const result = toPage(rows, page.limit, (row) => [row.event.id]);
  return {
    nextCursor: result.nextCursor,
    items: result.items.map(({ event, actorName, agencyName }) => ({
      id: event.id,
      at: event.at,
      action: event.action,
      actor: { name: actorName ?? event.actorLabel },
      /** null when the organisation itself (a CSO user) or the system acted */
      agencyName,
      before: valuesShown ? event.before : null,
      after: valuesShown ? event.after : null,
      changedFields: changedKeys(event.before, event.after),
    })),
  };
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

// Bookkeeping that moves with every change says nothing about what changed.
const ignoredKeys = new Set(['version', 'updatedAt', 'registerStatus', 'renewals', 'hiddenGroups']);

/** The top-level keys whose values differ; a missing side counts as empty. */
function changedKeys(before: unknown, after: unknown): string[] {
  const was = asRecord(before);
  const is = asRecord(after);
  const keys = new Set([...Object.keys(was), ...Object.keys(is)]);
  return [...keys].filter(
    (key) => !ignoredKeys.has(key) && JSON.stringify(was[key]) !== JSON.stringify(is[key]),
  );
}
