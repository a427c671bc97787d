import { asc, sql } from 'drizzle-orm';
import { bigserial, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startBareDatabase } from '../testing/start-vaka.ts';
import type { Database } from './client.ts';
import { insertRecords } from './insert-records.ts';

const notes = pgTable('insert_records_notes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ownerId: uuid('owner_id').notNull(),
  title: text('title').notNull(),
  detail: jsonb('detail'),
  tags: text('tags').array(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }),
  priority: integer('priority').notNull().default(3),
});

let database: Database;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ database, close } = await startBareDatabase());
  await database.db.execute(sql`create table insert_records_notes (id bigserial primary key,
    owner_id uuid not null, title text not null, detail jsonb, tags text[], at timestamptz,
    priority integer not null default 3)`);
});
afterAll(async () => {
  await close?.();
});

test('records keep their order (serial ids follow it), their types, and a left-out column its default', async () => {
  const at = new Date('2026-12-02T10:11:12.345Z');
  const owner = '6f1c1c7e-8d4b-4c36-9a55-0c1b8b1f0a01';
  const records = Array.from({ length: 2_500 }, (_, n) => ({
    ownerId: owner,
    title: n === 7 ? `O'Brien "quoted" \\ ${n} ✓ ۱` : `note ${n}`,
    detail: n === 7 ? { nested: { list: [1, 'two', null] } } : null,
    tags: n === 7 ? ['a', 'b c'] : null,
    at: n === 7 ? at : null,
  }));
  await database.db.transaction((tx) => insertRecords(tx, notes, records));
  const rows = await database.db.select().from(notes).orderBy(asc(notes.id));
  expect(rows.map((row) => row.title)).toEqual(records.map((record) => record.title));
  expect(rows[7]).toMatchObject({
    ownerId: owner,
    detail: { nested: { list: [1, 'two', null] } },
    tags: ['a', 'b c'],
    at,
    priority: 3,
  });
  expect(rows[8]).toMatchObject({ detail: null, tags: null, at: null });
});

test('a record that breaks a constraint fails the statement and stores nothing', async () => {
  const before = await database.db.$count(notes);
  await expect(
    insertRecords(database.db, notes, [
      { ownerId: '6f1c1c7e-8d4b-4c36-9a55-0c1b8b1f0a01', title: 'fine' },
      { ownerId: '6f1c1c7e-8d4b-4c36-9a55-0c1b8b1f0a01' } as never,
    ]),
  ).rejects.toThrow();
  expect(await database.db.$count(notes)).toBe(before);
});
