import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBareDatabase } from '../testing/start-vaka.ts';
import { together, type Database } from './client.ts';

// Decision 0022. On a server, the setup file one-query-at-a-time.ts fails these tests if the reads
// inside the transaction overlap on its connection.
let database: Database;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ database, close } = await startBareDatabase());
});
afterAll(async () => {
  await close?.();
});

const reads = (db: Database['db']) => [1, 2, 3, 4].map((n) => () => db.execute(sql`select ${n}::int as n`));
const numbers = (results: unknown[]) => results.map((r) => (r as { rows: { n: number }[] }).rows[0]!.n);

test('reads on the pool come back in the order they were given', async () => {
  expect(numbers(await together(database.db, reads(database.db)))).toEqual([1, 2, 3, 4]);
});

test('reads inside a transaction go one after another on its connection, in order', async () => {
  const results = await database.db.transaction((tx) => together(tx, reads(tx)));
  expect(numbers(results)).toEqual([1, 2, 3, 4]);
});

test('a read that fails fails the whole, inside a transaction too', async () => {
  const failing = database.db.transaction((tx) =>
    together(tx, [() => tx.execute(sql`select 1`), () => tx.execute(sql`select * from no_such_table`)]),
  );
  await expect(failing).rejects.toThrow();
});
