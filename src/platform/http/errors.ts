import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { Problem, type FieldError, type ProblemCode } from './problems.ts';

// Fastify's own error codes, mapped to ours so every error leaves as a problem document.
const fastifyCodes: Record<string, ProblemCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_REQ_FILE_TOO_LARGE: 'payload-too-large',
  FST_FILES_LIMIT: 'payload-too-large',
  FST_PARTS_LIMIT: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-request',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported-media-type',
};

// A lost or refused database connection is a 503: the client may retry, and nothing was half-written.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: string; message?: string; cause?: unknown };
  if (candidate.code && unavailableCodes.has(candidate.code)) return true;
  const message = candidate.message ?? '';
  if (
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed/i.test(
      message,
    )
  )
    return true;
  return candidate.cause ? isDatabaseUnavailable(candidate.cause) : false;
}

type DatabaseError = { code?: string; detail?: string; cause?: unknown };

/** The PostgreSQL error under Drizzle's wrapper, when the error came from the database. */
function databaseErrorOf(error: unknown): DatabaseError | undefined {
  for (let current = error as DatabaseError | undefined, depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current;
    current = current.cause as DatabaseError | undefined;
  }
  return undefined;
}

// Columns that scope a unique key rather than being what the person chose.
const scopeColumns = new Set(['agency_id', 'organisation_id', 'partnership_id']);
const camelCase = (column: string) =>
  column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * A unique key's violation (23505): two requests at once got past the operation's own check, or no
 * operation checks. It is a 409 naming the fields PostgreSQL names in "Key (agency_id, name)=(...)";
 * the values themselves are not repeated back.
 */
function uniqueViolation(error: DatabaseError): Problem {
  const columns = /Key \(([^)]*)\)/.exec(error.detail ?? '')?.[1]?.split(/,\s*/) ?? [];
  const named = columns
    .map((c) => c.replace(/^lower\(/, '').replace(/::.*$/, ''))
    .filter((c) => !scopeColumns.has(c));
  const fields = (named.length > 0 ? named : columns).map(camelCase);
  const message = 'Another record already has this value.';
  const errors = fields.length > 0 ? fields.map((field) => ({ field, message })) : undefined;
  const detail = errors ? errors.map((e) => `${e.field}: ${e.message}`).join('; ') : message;
  return new Problem('conflict', detail, errors ? { errors } : {});
}

// fastify-type-provider-zod turns each Zod issue into one of these: keyword is the issue code.
type ValidationItem = {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[] };
};

function fieldErrors(items: ValidationItem[], context: string | undefined): FieldError[] {
  const prefix = context && context !== 'body' ? `${context}.` : '';
  return items.flatMap((item) => {
    const keys = item.params?.keys;
    if (item.keyword === 'unrecognized_keys' && keys) {
      return keys.map((key) => ({ field: `${prefix}${key}`, message: 'This field is not allowed here.' }));
    }
    const path = (item.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    return [{ field: `${prefix}${path}` || context || 'body', message: item.message ?? 'Not valid.' }];
  });
}

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrors(error.validation as ValidationItem[], error.validationContext);
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new Problem('invalid-request', detail, { errors });
  }
  if (isResponseSerializationError(error)) return new Problem('internal-error');
  if (isDatabaseUnavailable(error))
    return new Problem(
      'database-unavailable',
      'The database cannot be reached just now. Try again in a moment.',
    );
  const databaseError = databaseErrorOf(error);
  if (databaseError?.code === '23505') return uniqueViolation(databaseError);
  const fastifyError = error as FastifyError;
  const mapped = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped)
    return new Problem(
      mapped,
      mapped === 'payload-too-large'
        ? 'The request is larger than this endpoint accepts.'
        : fastifyError.message,
    );
  if (fastifyError.statusCode === 429)
    return new Problem('too-many-requests', 'Too many requests. Wait a little and try again.');
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new Problem('invalid-request', fastifyError.message);
  }
  return new Problem('internal-error');
}

/** One error handler: 5xx details go to the log, never to the client (STYLE.md, from fastify/demo). */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  if (problem.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(Math.ceil(problem.retryAfterSeconds)));
  if (problem.code === 'database-unavailable') reply.header('retry-after', '5');
  return reply.code(problem.status).type('application/problem+json').send(problem.toBody(request.id));
}
