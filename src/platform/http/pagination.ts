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

export function decodeCursor(cursor: string | undefined, length: number): (string | number)[] | undefined {
  if (!cursor) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    // falls through to the problem below
  }
  throw invalid('cursor', 'This cursor is not one Vaka gave out.');
}

/** Fetch limit + 1 rows; the extra row only says whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
