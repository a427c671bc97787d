import { randomUUID } from 'node:crypto';

// A JSON Schema as the OpenAPI document gives it (Zod 4 through fastify-type-provider-zod).
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
};

export type BodyHints = {
  /** Real ids (or other values) by property name: `organisationId`, `memberIds`, `version`... */
  values: Record<string, unknown>;
  /** Today, for dates (the test clock's). */
  today: string;
};

/**
 * A small, valid request body for a schema: its required properties (and any optional one a hint
 * names), with real ids where a hint names the property, the first value of an enum, the minimum of
 * a number, today for a date and one item in an array. Good enough that a route which forgot its
 * permission check answers 2xx instead of hiding behind a 400.
 */
export function validBody(schema: JsonSchema, hints: BodyHints, name = ''): unknown {
  if (name in hints.values) return hints.values[name];
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) {
    const notNull = choices.find((choice) => choice.type !== 'null') ?? choices[0]!;
    return validBody(notNull, hints, name);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => validBody(part, hints, name)));
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return objectOf(schema, hints);
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        validBody(schema.items ?? {}, hints, singular(name)),
      );
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
    case 'boolean':
      return true;
    case 'string':
      return stringOf(schema, hints);
    default:
      return schema.default ?? null;
  }
}

function objectOf(schema: JsonSchema, hints: BodyHints) {
  const required = new Set(schema.required ?? []);
  const body: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {}))
    if (required.has(key) || key in hints.values) body[key] = validBody(property, hints, key);
  return body;
}

function stringOf(schema: JsonSchema, hints: BodyHints): string {
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return hints.today;
    case 'date-time':
      return `${hints.today}T09:00:00.000Z`;
    case 'email':
      return 'matrix@example.org';
    case 'uri':
      return 'https://example.org/matrix';
  }
  const text = schema.pattern ? matching(schema.pattern) : 'Security matrix';
  const least = schema.minLength ?? 1;
  const most = schema.maxLength ?? Math.max(least, text.length);
  return text.padEnd(least, '.').slice(0, Math.max(least, Math.min(most, text.length)));
}

/** A word that fits a pattern of the usual kinds: a slug, a code in capitals, digits. */
function matching(pattern: string): string {
  const fits = ['matrix', 'MATRIX', 'NZD', '123456', 'Security matrix'].find((word) =>
    new RegExp(pattern).test(word),
  );
  return fits ?? 'matrix';
}

/** `memberIds` → `memberId`, so an array's items find the same hint as a single value would. */
const singular = (name: string) => (name.endsWith('s') ? name.slice(0, -1) : name);
