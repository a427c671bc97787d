// RFC 9457 problem details. Each code maps to one status in one exhaustive switch (STYLE.md, from Twenty).
export type ProblemCode =
  | 'invalid-request'
  | 'invalid-json'
  | 'unauthenticated'
  | 'invalid-credentials'
  | 'second-factor-required'
  | 'invalid-link'
  | 'forbidden'
  | 'second-factor-setup-required'
  | 'session-required'
  | 'cross-origin-refused'
  | 'demonstration-only'
  | 'not-found'
  | 'method-not-allowed'
  | 'conflict'
  | 'possible-duplicate'
  | 'stale-version'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'too-many-requests'
  | 'too-many-attempts'
  | 'internal-error'
  | 'database-unavailable';

export type FieldError = { field: string; message: string };

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  requestId?: string;
  errors?: FieldError[];
  current?: unknown;
  retryAfterSeconds?: number;
  [extension: string]: unknown;
};

export function statusOf(code: ProblemCode): number {
  switch (code) {
    case 'invalid-request':
    case 'invalid-json':
      return 400;
    case 'unauthenticated':
    case 'invalid-credentials':
    case 'second-factor-required':
      return 401;
    case 'forbidden':
    case 'second-factor-setup-required':
    case 'session-required':
    case 'cross-origin-refused':
    case 'demonstration-only':
      return 403;
    case 'not-found':
    case 'invalid-link':
      return 404;
    case 'method-not-allowed':
      return 405;
    case 'conflict':
    case 'possible-duplicate':
    case 'stale-version':
      return 409;
    case 'payload-too-large':
      return 413;
    case 'unsupported-media-type':
      return 415;
    case 'too-many-requests':
    case 'too-many-attempts':
      return 429;
    case 'internal-error':
      return 500;
    case 'database-unavailable':
      return 503;
  }
}

const titles: Record<ProblemCode, string> = {
  'invalid-request': 'The request is not valid',
  'invalid-json': 'The request body is not valid JSON',
  unauthenticated: 'Sign in first',
  'invalid-credentials': 'The e-mail or password is wrong',
  'second-factor-required': 'A second-factor code is needed',
  'invalid-link': 'This link is not valid any more',
  forbidden: 'You may not do this',
  'second-factor-setup-required': 'Set up a second factor first',
  'session-required': 'Sign in to do this',
  'cross-origin-refused': 'Request from another site refused',
  'demonstration-only': 'Only a demonstration Vaka does this',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'possible-duplicate': 'This may already be in the register',
  'stale-version': 'Someone changed this record meanwhile',
  'payload-too-large': 'The request is too large',
  'unsupported-media-type': 'Unsupported content type',
  'too-many-requests': 'Too many requests',
  'too-many-attempts': 'Too many attempts',
  'internal-error': 'Something went wrong on our side',
  'database-unavailable': 'The database cannot be reached',
};

/** An error a route or operation throws on purpose; the error handler turns it into a problem response. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly errors: FieldError[] | undefined;
  readonly current: unknown;
  readonly retryAfterSeconds: number | undefined;
  /** RFC 9457 extension members, such as the duplicate candidates of a 409. */
  readonly extensions: Record<string, unknown>;

  constructor(
    code: ProblemCode,
    detail?: string,
    extra: {
      errors?: FieldError[];
      current?: unknown;
      retryAfterSeconds?: number;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(detail ?? titles[code]);
    this.code = code;
    this.errors = extra.errors;
    this.current = extra.current;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.extensions = extra.extra ?? {};
  }

  get status(): number {
    return statusOf(this.code);
  }

  toBody(requestId: string): ProblemBody {
    const body: ProblemBody = {
      ...this.extensions,
      type: `https://vaka.app/problems/${this.code}`,
      title: titles[this.code],
      status: this.status,
      detail: this.message,
      code: this.code,
      requestId,
    };
    if (this.errors) body.errors = this.errors;
    if (this.current !== undefined) body.current = this.current;
    if (this.retryAfterSeconds !== undefined) body.retryAfterSeconds = this.retryAfterSeconds;
    return body;
  }
}

export const notFound = (what = 'This record') =>
  new Problem('not-found', `${what} does not exist or is not yours to see.`);
export const forbidden = (detail?: string) => new Problem('forbidden', detail);
export const invalid = (field: string, message: string) =>
  new Problem('invalid-request', `${field}: ${message}`, { errors: [{ field, message }] });
/** A stale write: 409 carrying the current record, so the client can show it and nothing is lost. */
export const staleVersion = (current: unknown) =>
  new Problem(
    'stale-version',
    'Someone changed this record after you opened it. Review the current version.',
    {
      current,
    },
  );
