import type { FastifyRequest } from 'fastify';
import { invalid } from './problems.ts';

// PostgreSQL cannot store NUL in text, and a lone UTF-16 surrogate has no UTF-8 form: either one in
// any body, query or path would fail deep in a handler as a database error. They are refused before
// validation, naming the field, for every route at once.
const message = 'This text holds a character that cannot be stored (NUL or a lone surrogate).';

const unstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();
// A key with such a character is named with it replaced, so the problem itself stays readable.
const readable = (key: string) => key.replaceAll('\u0000', '\\0').toWellFormed();

/** The path of the first string, or key, holding NUL or a lone surrogate; undefined if none. */
export function findUnstorableText(value: unknown, prefix: string): string | undefined {
  // A loop, not recursion: a body nested ten thousand deep must not overflow the stack.
  const pending: [unknown, string][] = [[value, prefix]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (unstorable(current)) return path;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${readable(key)}` : readable(key);
      if (unstorable(key)) return childPath;
      pending.push([child, childPath]);
    }
  }
  return undefined;
}

/** preValidation hook: a 400 naming the field, as the validation's own problems do. */
export async function refuseUnstorableText(request: FastifyRequest) {
  const field =
    findUnstorableText(request.params, 'params') ??
    findUnstorableText(request.query, 'querystring') ??
    findUnstorableText(request.body, '');
  if (field !== undefined) throw invalid(field || 'body', message);
}
