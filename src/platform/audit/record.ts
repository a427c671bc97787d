import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { insertRecords } from '../db/insert-records.ts';
import type { Actor } from '../policy/index.ts';
import { auditEvents } from './tables.ts';

export type AuditEvent = {
  action: string;
  entity: string;
  entityId: string;
  agencyId: string | null;
  before?: unknown;
  after?: unknown;
};

const AUDIT_CHAIN_LOCK = 7_240_002;
export const GENESIS_HASH = '0'.repeat(64);
const SECRET_KEY = /password|secret|token|hash|totp|code/i;

/** Secrets never reach the audit trail, whatever the caller passes. */
export function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const plain: unknown = JSON.parse(JSON.stringify(value));
  return redactPlain(plain);
}

function redactPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPlain);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && inner !== null ? '[redacted]' : redactPlain(inner);
  }
  return out;
}

/** JSON with keys sorted, so the hash does not depend on how jsonb reorders them. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  const keys = Object.keys(value).sort();
  const record = value as Record<string, unknown>;
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
}

export type HashedFields = {
  at: Date;
  agencyId: string | null;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  previousHash: string;
};

export function hashOf(row: HashedFields): string {
  const text = canonical({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(text).digest('hex');
}

function actorFields(actor: Actor): { actorId: string | null; actorLabel: string; requestId: string | null } {
  if (actor.kind === 'user')
    return { actorId: actor.userId, actorLabel: actor.email, requestId: actor.requestId };
  if (actor.kind === 'system')
    return { actorId: null, actorLabel: `system:${actor.label}`, requestId: actor.requestId };
  return { actorId: null, actorLabel: `anonymous:${actor.ip}`, requestId: actor.requestId };
}

/**
 * Writes one audit row inside the caller's transaction (so the change and its record commit together).
 * The transaction-scoped lock orders writers, so each row can hold the hash of the one before.
 */
export async function recordAudit(tx: Db, actor: Actor, at: Date, event: AuditEvent): Promise<void> {
  await recordAuditEvents(tx, actor, at, [event]);
}

/** Many audit rows of one actor at once (an import), chained in order, under one lock. */
export async function recordAuditEvents(tx: Db, actor: Actor, at: Date, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  let previousHash = last?.hash ?? GENESIS_HASH;
  const rows = events.map((event) => {
    const fields: HashedFields = {
      at,
      agencyId: event.agencyId,
      ...actorFields(actor),
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      before: redact(event.before),
      after: redact(event.after),
      previousHash,
    };
    previousHash = hashOf(fields);
    return { ...fields, hash: previousHash };
  });
  // The records take their ids in the order given, which is the chain's order.
  await insertRecords(tx, auditEvents, rows);
}
