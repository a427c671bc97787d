import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { GENESIS_HASH, hashOf } from './record.ts';
import { auditEvents } from './tables.ts';

export type ChainReport = { rows: number; firstBroken: { id: number; reason: string } | null };

/** Walks the whole trail in id order, in batches, recomputing each hash and each link. */
export async function verifyAuditChain(db: Db, batchSize = 5_000): Promise<ChainReport> {
  let previousHash = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    if (batch.length === 0) return { rows, firstBroken: null };
    for (const row of batch) {
      rows += 1;
      if (row.previousHash !== previousHash) {
        return {
          rows,
          firstBroken: {
            id: row.id,
            reason: 'does not link to the row before it (a row was removed or inserted)',
          },
        };
      }
      const expected = hashOf({
        at: row.at,
        agencyId: row.agencyId,
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        action: row.action,
        entity: row.entity,
        entityId: row.entityId,
        before: row.before,
        after: row.after,
        requestId: row.requestId,
        previousHash: row.previousHash,
      });
      if (row.hash !== expected)
        return {
          rows,
          firstBroken: { id: row.id, reason: 'its content does not match its hash (it was changed)' },
        };
      previousHash = row.hash;
      lastId = row.id;
    }
  }
}
