import pg from 'pg';
import { afterAll, afterEach, expect } from 'vitest';

// A vitest setup file (decision 0022): a query sent on a pg connection that is still running one
// fails the test. A transaction is one connection, so a Promise.all on a `tx` does this; pg 8 only
// warns, and only from the third query on, and pg 9 will refuse. Only the server mode uses pg.

type QueryText = string | { text?: string } | undefined;
type PgClient = {
  pipeline?: boolean;
  _activeQuery?: { text?: string } | null;
  _queryQueue?: { text?: string }[];
};

const overlaps: string[] = [];
const short = (query: QueryText) =>
  String(typeof query === 'string' ? query : query?.text)
    .replace(/\s+/g, ' ')
    .slice(0, 200);
const testName = () => expect.getState().currentTestName ?? '(outside a test: a hook or a job)';

const probe = new pg.Client() as unknown as PgClient;
if (!Array.isArray(probe._queryQueue) || !('_activeQuery' in probe))
  throw new Error('pg no longer keeps _queryQueue and _activeQuery: update one-query-at-a-time.ts.');

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: PgClient, ...args: unknown[]) {
  const running = [this._activeQuery, ...(this._queryQueue ?? [])].filter((q) => q != null);
  if (!this.pipeline && running.length > 0)
    overlaps.push(
      `${testName()}\n    sent:    ${short(args[0] as QueryText)}\n    running: ${short(running[0])}`,
    );
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

// pg's own warning, in case it comes by a way the wrapper above does not see.
process.on('warning', (warning) => {
  if (warning.message.includes('already executing a query'))
    overlaps.push(`${testName()}\n    pg: ${warning.message}`);
});

function failOnOverlaps() {
  if (overlaps.length === 0) return;
  const found = overlaps.splice(0);
  throw new Error(
    `A query went to a connection that was running another one (${found.length} times). Inside a transaction ` +
      `send them one after another (together() in platform/db, decision 0022). First ones:\n  ` +
      found.slice(0, 3).join('\n  '),
  );
}

afterEach(failOnOverlaps);
afterAll(failOnOverlaps);
