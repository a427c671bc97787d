import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerOrganisation } from '../../modules/partnerships/testing/organisations.ts';
import { modules } from '../../modules.ts';
import { agencyWithAdministrator, memberWithRole, TEST_PASSWORD } from '../testing/agencies.ts';
import { signedIn, type Client } from '../testing/api.ts';
import { csoUserOf } from '../testing/cso-users.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

/*
 * Bad input must never be a 5xx. Every operation of the OpenAPI document is sent malformed bodies,
 * parameters and content types, as an agency administrator and as a CSO administrator, with real
 * ids in its path where the seeding below could make them so that requests reach the handlers.
 * The cases are enumerated, not random, so every run sends the same requests in the same order.
 */

type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema };
type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body: Schema | undefined;
  multipart: boolean;
};
type Actor = { name: string; email: string; client: Client };
type Case = {
  label: string;
  params?: Record<string, string>;
  query?: string;
  payload?: string | Buffer;
  contentType?: string;
};

let vaka: TestVaka;
let actors: Actor[];
const ids = new Map<string, string>();
const failures: string[] = [];
let sent = 0;

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
// Raw bytes in a URL: %00 is NUL, %ED%A0%80 the UTF-8 form of a lone surrogate, %FF no UTF-8 at all.
const urlValues = ['a%00b', '%ED%A0%80', '%FF', 'x'.repeat(5000), '0000-01-01', '10000-01-01'];
const queryValues = [...urlValues, '-1', '1e999'];
// Letters from a seeded generator: a long string that does not compress, as a repeated one would,
// so it reaches the limits of an index row; the same letters on every run.
function seededLetters(length: number, seed = 18): string {
  let state = seed;
  let text = '';
  while (text.length < length) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    text += String.fromCharCode(97 + (state % 26));
  }
  return text;
}
const HUGE = seededLetters(20_000);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const wrongShapes: [string, unknown][] = [
  ['array', [NUL]],
  ['object', { a: NUL }],
  ['null', null],
];
const textValues: [string, unknown][] = [
  ['NUL', NUL],
  ['lone surrogate', SURROGATE],
  ['huge string', HUGE],
  ['number', 1e308],
];
const dateValues: [string, unknown][] = [
  ['year 0000', '0000-01-01'],
  ['year 0000 time', '0000-01-01T00:00:00Z'],
  ['year 10000', '+010000-01-01T00:00:00Z'],
  ['year 9999 end', '9999-12-31T23:59:59-12:00'],
];
const numberValues: [string, unknown][] = [
  ['huge number', 1e308],
  ['beyond 64 bits', 2 ** 64],
  ['negative', -1],
  ['fraction', 1.5],
  ['NUL', NUL],
];

/** The bad values worth trying where a value of this kind belongs. */
function badValuesFor(good: unknown): [string, unknown][] {
  if (typeof good === 'number') return [...numberValues, ...wrongShapes];
  if (typeof good === 'string' && /^\d{4}-\d\d-\d\d/.test(good))
    return [...textValues, ...dateValues, ...wrongShapes];
  if (typeof good === 'string' && /^[0-9a-f]{8}-/.test(good))
    return [...textValues, ['unknown id', UNKNOWN_ID], ...wrongShapes];
  if (typeof good === 'string') return [...textValues, ...wrongShapes];
  if (Array.isArray(good))
    return [
      ['NUL', NUL],
      ['object', {}],
      ['many', Array.from({ length: 5_000 }, () => NUL)],
    ];
  return [['NUL', NUL], ...wrongShapes];
}

beforeAll(async () => {
  vaka = await startVaka({ modules, env: { REQUESTS_PER_MINUTE: '1000000' } });
  const agency = await agencyWithAdministrator(vaka, 'Ministry of Fuzzing', 'admin@fuzz.test');
  const organisationId = await registerOrganisation(agency.admin, 'Fuzz Island Youth Council');
  const { cso } = await csoUserOf(vaka, organisationId, 'cso@fuzz.test');
  await memberWithRole(vaka, agency.admin, 'coordinator@fuzz.test', 'partnership-coordinator');
  const users = (await agency.admin.get('/api/v1/users')).body.items as { id: string; email: string }[];
  ids.set('/api/v1/users', users.find((u) => u.email === 'coordinator@fuzz.test')?.id ?? '');
  ids.set('organisationId', organisationId);
  ids.set('agencyId', agency.agencyId);
  actors = [
    { name: 'agency administrator', email: 'admin@fuzz.test', client: agency.admin },
    { name: 'CSO administrator', email: 'cso@fuzz.test', client: cso },
  ];
}, 300_000);
afterAll(() => vaka?.close());

test('no malformed request to any operation is answered with a 5xx', async () => {
  const started = Date.now();
  const spec = (await vaka.app.inject({ url: '/api/openapi.json' })).json();
  const operations = listOperations(spec);
  await seed(operations);
  for (const operation of operations) {
    for (const actor of actors) {
      for (const fuzzCase of casesFor(operation)) await send(actor, operation, fuzzCase);
      await stayingSignedIn(actor);
    }
  }
  // eslint-disable-next-line no-console -- the count and the time are the fuzz's report
  console.log(
    `fuzz: ${sent} requests to ${operations.length} operations in ${Math.round((Date.now() - started) / 1000)} s; ${failures.length} answered 5xx`,
  );
  expect(failures, failures.join('\n')).toEqual([]);
}, 600_000);

function listOperations(spec: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const content = (operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)
        ?.content;
      const body = content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters as Parameter[] | undefined) ?? [],
        body,
        multipart: !body && method !== 'get' && method !== 'delete',
      });
    }
  }
  // Deletions and signing out last, so they do not take away what the rest of the run reaches.
  const last = (o: Operation) => (o.method === 'DELETE' ? 1 : 0);
  return operations.sort((a, b) => last(a) - last(b));
}

// Routes whose valid call would end the fuzzing actor's session or set the Vaka up again.
const neverSeeded = /\/(setup|demonstration-data|session|password-reset|accept|second-factor|sign-up|merge)/;

/** Makes one record of each kind it can by posting example bodies, so path ids are real. */
async function seed(operations: Operation[]) {
  const [admin] = actors;
  if (!admin) return;
  const creations = operations
    .filter((o) => o.method === 'POST' && o.body && !neverSeeded.test(o.path))
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  // Two rounds, as some records need another's id first.
  for (let round = 0; round < 2; round++) {
    for (const operation of creations) {
      const collection = operation.path.replace(/\/$/, '');
      if (ids.has(collection)) continue;
      const url = fillPath(operation.path, {});
      const reply = await admin.client.post(url, example(operation.body ?? {}, 'body'));
      const id = (reply.body as { id?: unknown } | undefined)?.id;
      if (reply.status < 300 && (typeof id === 'string' || typeof id === 'number'))
        ids.set(collection, String(id));
    }
    for (const operation of operations.filter((o) => o.method === 'GET' && !o.path.endsWith('}'))) {
      const collection = operation.path.replace(/\/$/, '');
      if (ids.has(collection) || operation.path.includes('{')) continue;
      const reply = await admin.client.get(operation.path);
      const first = (reply.body as { items?: { id?: unknown }[] } | undefined)?.items?.[0]?.id;
      if (typeof first === 'string') ids.set(collection, first);
    }
  }
}

/** The path with each parameter a real id where one is known, else a well-formed unknown one. */
function fillPath(path: string, given: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (whole, name: string, offset: number) => {
    if (given[name] !== undefined) return given[name];
    const collection = path.slice(0, offset).replace(/\/$/, '');
    const known = ids.get(collection) ?? ids.get(name) ?? byName[name];
    return known ?? UNKNOWN_ID;
  });
}

const byName: Record<string, string> = {
  taxonomy: 'kind',
  code: 'community-group',
  entity: 'organisation',
  version: '1',
  token: 'not-a-token',
  get partnershipId() {
    return ids.get('/api/v1/partnerships') ?? '';
  },
};

/** A body that passes the schema as far as a schema alone can say; optional fields only if `all`. */
function example(schema: Schema, name: string, all = false): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative) return example(alternative.find((s) => s.type !== 'null') ?? {}, name, all);
  if (schema.allOf?.[0]) return example(schema.allOf[0], name, all);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([key]) => all || schema.required?.includes(key))
          .map(([key, value]) => [key, example(value, key, all)]),
      );
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, all ? 1 : 0) }, () =>
        example(schema.items ?? {}, name, all),
      );
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      // Never true by chance: `requireSecondFactor: true` would lock the fuzzing administrator out.
      return /^acknowledge/.test(name);
    case 'string':
      return exampleString(schema, name);
    default:
      return null;
  }
}

const stringCandidates = [
  'Fuzz',
  'en',
  'NZD',
  '+682 20000',
  'fuzz@example.test',
  'https://example.test/',
  'FZ1',
];

function exampleString(schema: Schema, name: string): string {
  switch (schema.format) {
    case 'uuid':
      return idFor(name);
    case 'date':
      return '2026-12-01';
    case 'date-time':
      return '2026-12-01T10:00:00Z';
    case 'email':
      return `${name.toLowerCase()}@example.test`;
    case 'uri':
      return 'https://example.test/';
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const fits = stringCandidates.find((candidate) => pattern.test(candidate));
    if (fits) return fits;
  }
  if (/currency/i.test(name)) return 'NZD';
  if (/language/i.test(name)) return 'en';
  return 'Fuzz'.padEnd(schema.minLength ?? 0, 'x');
}

/** A real id for a body field such as `policyId`: the first record of the collection it names. */
function idFor(name: string): string {
  const word = name.replace(/Ids?$/, '').toLowerCase();
  if (word === 'organisation' || word === 'umbrella') return ids.get('organisationId') ?? '';
  if (word === 'user' || word === 'member') return ids.get('/api/v1/users') ?? '';
  for (const [collection, id] of ids) {
    const last = collection.split('/').pop() ?? '';
    if (word.length > 2 && last.replace(/-/g, '').startsWith(word.slice(0, -1))) return id;
  }
  return ids.get('organisationId') ?? '';
}

function casesFor(operation: Operation): Case[] {
  const cases: Case[] = [{ label: 'as described' }];
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    for (const value of urlValues)
      cases.push({ label: `path ${parameter.name}`, params: { [parameter.name]: value } });
  }
  for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
    for (const value of queryValues)
      cases.push({ label: `query ${parameter.name}`, query: `${parameter.name}=${value}` });
    cases.push({ label: `query ${parameter.name} twice`, query: `${parameter.name}=a&${parameter.name}=b` });
  }
  cases.push({ label: 'query NUL name', query: 'a%00b=1' });
  if (operation.method === 'GET' || operation.method === 'DELETE') return cases;
  cases.push(...wholeBodies());
  if (operation.multipart) cases.push(...multipartBodies());
  if (operation.body) cases.push(...fieldBodies(operation.body));
  return cases;
}

function wholeBodies(): Case[] {
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const json = (label: string, payload: string): Case => ({
    label,
    payload,
    contentType: 'application/json',
  });
  return [
    json('empty object', '{}'),
    json('array for an object', '[{}]'),
    json('null', 'null'),
    json('a string', '"a"'),
    json('a number', '1e999'),
    json('deeply nested', deep),
    json('deeply nested object', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`),
    json('broken JSON', '{"a":'),
    json('empty body', ''),
    json('NUL key', JSON.stringify({ [NUL]: 1 })),
    json('surrogate key', JSON.stringify({ [SURROGATE]: 1 })),
    { label: 'text/plain', payload: 'hello', contentType: 'text/plain' },
    { label: 'form', payload: 'a=b', contentType: 'application/x-www-form-urlencoded' },
    { label: 'xml', payload: '<a/>', contentType: 'application/xml' },
    { label: 'multipart without boundary', payload: 'x', contentType: 'multipart/form-data' },
  ];
}

function multipartBodies(): Case[] {
  const boundary = 'fuzzboundary';
  const type = `multipart/form-data; boundary=${boundary}`;
  const part = (disposition: string, bytes = 'hello') =>
    `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/plain\r\n\r\n${bytes}\r\n--${boundary}--\r\n`;
  return [
    { label: 'multipart garbage', payload: 'not multipart at all', contentType: type },
    {
      label: 'multipart cut short',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhel`,
      contentType: type,
    },
    { label: 'multipart no parts', payload: `--${boundary}--\r\n`, contentType: type },
    {
      label: 'multipart NUL filename',
      payload: part(`form-data; name="file"; filename="${NUL}.pdf"`),
      contentType: type,
    },
    {
      label: 'multipart surrogate filename',
      payload: part(`form-data; name="file"; filename="${SURROGATE}.pdf"`),
      contentType: type,
    },
    {
      label: 'multipart huge filename',
      payload: part(`form-data; name="file"; filename="${'x'.repeat(10_000)}.txt"`),
      contentType: type,
    },
    { label: 'multipart field only', payload: part('form-data; name="note"'), contentType: type },
    {
      label: 'multipart empty file',
      payload: part('form-data; name="file"; filename="a.txt"', ''),
      contentType: type,
    },
    { label: 'multipart empty boundary', payload: 'x', contentType: 'multipart/form-data; boundary=' },
    {
      label: 'multipart long boundary',
      payload: 'x',
      contentType: `multipart/form-data; boundary=${'b'.repeat(300)}`,
    },
    {
      label: 'multipart no disposition',
      payload: `--${boundary}\r\n\r\nhello\r\n--${boundary}--\r\n`,
      contentType: type,
    },
  ];
}

/** The example body with one field at a time made bad, at the top level and one level down. */
function fieldBodies(schema: Schema): Case[] {
  const base = example(schema, 'body');
  const full = example(schema, 'body', true);
  const cases: Case[] = [
    { label: 'example body', payload: JSON.stringify(base), contentType: 'application/json' },
  ];
  for (const fieldPath of fieldPaths(full)) {
    for (const [label, value] of badValuesFor(valueAt(full, fieldPath))) {
      const payload = JSON.stringify(withValue(base, fieldPath, value));
      cases.push({ label: `${fieldPath.join('.')} ${label}`, payload, contentType: 'application/json' });
    }
  }
  return cases;
}

function fieldPaths(value: unknown, depth = 0): (string | number)[][] {
  if (depth > 1 || value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.slice(0, 1).map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [
    [key],
    ...fieldPaths(child, depth + 1).map((rest) => [key, ...rest]),
  ]);
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((inner, key) => (inner as Record<string | number, unknown>)[key], value);
}

function withValue(base: unknown, path: (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const copy = (
    Array.isArray(base) || (base === undefined && typeof head === 'number')
      ? [...((base as unknown[] | undefined) ?? [])]
      : { ...(base as object) }
  ) as Record<string | number, unknown>;
  copy[head] = withValue(copy[head], rest, value);
  return copy;
}

async function send(actor: Actor, operation: Operation, fuzzCase: Case) {
  const query = fuzzCase.query ? `?${fuzzCase.query}` : '';
  const url = fillPath(operation.path, fuzzCase.params ?? {}) + query;
  const cookie = actor.client.cookie();
  const options: InjectOptions = {
    method: operation.method as InjectOptions['method'],
    url,
    headers: {
      ...(operation.method === 'GET' ? {} : { origin: 'http://localhost:80' }),
      ...(cookie ? { cookie } : {}),
      ...(fuzzCase.contentType ? { 'content-type': fuzzCase.contentType } : {}),
    },
    ...(fuzzCase.payload === undefined ? {} : { payload: fuzzCase.payload }),
  };
  sent++;
  const reply = await vaka.app.inject(options);
  if (reply.statusCode < 500) return;
  const payload = String(fuzzCase.payload ?? '').slice(0, 200);
  failures.push(
    `${reply.statusCode} ${operation.method} ${url.slice(0, 200)} as ${actor.name} (${fuzzCase.label}) payload ${payload}`,
  );
}

/** A case may have signed the actor out (the example body of DELETE /session does): sign in again. */
async function stayingSignedIn(actor: Actor) {
  const me = await actor.client.get('/api/v1/me');
  if (me.status === 200) return;
  actor.client = await signedIn(vaka.app, actor.email, TEST_PASSWORD);
}
