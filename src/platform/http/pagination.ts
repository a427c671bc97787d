import { z } from 'zod';
import { invalid } from './problems.ts';

// Cursor pagination (ARCHITECTURE.md "Server"): the cursor is opaque to clients and stable under inserts.
export const PageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type Page<T> = { items: T[]; nextCursor: string | null };

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What a cursor's parts may be. Each is checked, so a forged or damaged cursor is a 400 naming the
 * cursor, not a database error: a name or title, an id, a moment, an audit event's number.
 */
export const cursorPart = {
  text: z.string().max(500),
  uuid: z.uuid(),
  time: z.iso.datetime(),
  serial: z.number().int().positive(),
};

export function decodeCursor<const Parts extends [z.ZodType, ...z.ZodType[]]>(
  cursor: string | undefined,
  parts: Parts,
): z.infer<z.ZodTuple<Parts, null>> | undefined {
  if (!cursor) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // falls through to the problem below
  }
  const read = z.tuple(parts).safeParse(values);
  if (read.success) return read.data;
  throw invalid('cursor', 'This cursor is not one Vaka gave out.');
}

/** Fetch limit + 1 rows; the extra row only says whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
