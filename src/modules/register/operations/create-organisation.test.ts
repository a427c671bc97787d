import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rowsOf } from '../../../platform/db/client.ts';
import { agencyWithAdministrator, memberWithRole } from '../../../platform/testing/agencies.ts';
import type { Client } from '../../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../../platform/testing/start-vaka.ts';
import { registerModule } from '../index.ts';

let vaka: TestVaka;
let coordinator: Client;

beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
});
afterAll(() => vaka.close());

/**
 * Runs `work` while inserts into organisations wait, until `waiters` sessions wait on a lock, so
 * concurrent creates have all got as far as they can before any inserts: the race made certain,
 * not left to timing. PGlite is one connection that runs one transaction at a time, and no other
 * session can hold a table lock: there the requests simply go together, which shows the lock's SQL
 * runs on PGlite and the answers are the same; only the server can show the race.
 */
async function withInsertsHeld<T>(waiters: number, work: () => Promise<T>): Promise<T> {
  const { db, database } = vaka.platform;
  if (database.mode === 'embedded') return work();
  let result: Promise<T> | undefined;
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table organisations in exclusive mode`);
    result = work();
    result.catch(() => {});
    for (let waiting = 0; waiting < waiters;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const found = await db.execute(sql`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`);
      waiting = rowsOf<{ n: number }>(found)[0]!.n;
    }
  });
  return result!;
}

test('three identical creates at once register one organisation; the other two are told of it', async () => {
  const profile = {
    legalName: 'Manihiki Pearl Farmers Association',
    kind: 'community-group',
    focusAreas: [],
    populations: [],
    placeIds: [],
    identifiers: [],
    contacts: [],
  };
  const create = () => coordinator.post('/api/v1/register/organisations', profile);

  const replies = await withInsertsHeld(3, () => Promise.all([create(), create(), create()]));

  expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  const registered = replies.find((r) => r.status === 201)!.body;
  for (const refused of replies.filter((r) => r.status === 409)) {
    expect(refused.body.code).toBe('possible-duplicate');
    expect(refused.body.candidates.map((c: { id: string }) => c.id)).toEqual([registered.id]);
  }
  const stored = await vaka.platform.db.execute(
    sql`select count(*)::int as n from organisations where legal_name = ${profile.legalName}`,
  );
  expect(rowsOf<{ n: number }>(stored)[0]!.n).toBe(1);
});
