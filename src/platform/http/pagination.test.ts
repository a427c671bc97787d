import { expect, test } from 'vitest';
import { cursorPart, decodeCursor, encodeCursor } from './pagination.ts';

const id = '6f1c1c7e-8d4b-4c36-9a55-0c1b8b1f0a01';
const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

test('a cursor Vaka gave out reads back as its parts', () => {
  const at = new Date('2026-12-02T10:11:12.345Z').toISOString();
  expect(decodeCursor(encodeCursor([at, id]), [cursorPart.time, cursorPart.uuid])).toEqual([at, id]);
  expect(decodeCursor(encodeCursor([42]), [cursorPart.serial])).toEqual([42]);
  expect(decodeCursor(undefined, [cursorPart.serial])).toBeUndefined();
});

test('a forged or damaged cursor is a 400 naming the cursor, whatever part is wrong', () => {
  const parts = [cursorPart.text, cursorPart.uuid] as const;
  for (const cursor of [
    'not-a-cursor',
    forged([123, id]),
    forged(['Te Vaerua', 'not-an-id']),
    forged(['Te Vaerua']),
    forged(['Te Vaerua', id, 'extra']),
    forged({ 0: 'Te Vaerua', 1: id }),
    forged(['x'.repeat(501), id]),
  ])
    expect(() => decodeCursor(cursor, [...parts])).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringContaining('cursor') }),
    );
  expect(() => decodeCursor(forged(['yesterday', id]), [cursorPart.time, cursorPart.uuid])).toThrow();
  expect(() => decodeCursor(forged(['7']), [cursorPart.serial])).toThrow();
});
