import type { Problem } from './types.ts';

/** A failed API call, carrying the RFC 9457 problem the server sent. */
export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.problem = problem;
  }
  get status() {
    return this.problem.status;
  }
  get code() {
    return this.problem.code;
  }
  /** The message for one form field, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((error) => error.field === field)?.message;
  }
}

/** No answer at all: the connection dropped or the server is down. Forms keep what was typed. */
const offline: Problem = {
  type: 'about:blank',
  title: 'No connection',
  status: 0,
  detail: 'Vaka cannot be reached. Check the connection and try again; nothing you typed is lost.',
  code: 'offline',
};

let onSessionEnded: () => void = () => undefined;

/** Called when the server says the session is gone (expired, or ended on another device). */
export function whenSessionEnds(handler: () => void) {
  onSessionEnded = handler;
}

export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(path, {
    method,
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A file as multipart/form-data (field "file"): the same problems as any other call. */
export function uploadFile<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file);
  return send<T>(path, { method: 'POST', headers: { accept: 'application/json' }, body });
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { ...init, credentials: 'same-origin' });
  } catch {
    throw new ProblemError(offline);
  }
  const text = await response.text().catch(() => '');
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.ok) return data as T;
  const problem = isProblem(data)
    ? data
    : // A proxy's HTML error page, or a gateway timeout on a weak link: still a problem, in words.
      { ...offline, status: response.status, code: response.status >= 500 ? 'offline' : 'unknown' };
  if (problem.code === 'unauthenticated' && path !== '/me') onSessionEnded();
  throw new ProblemError(problem);
}

function isProblem(data: unknown): data is Problem {
  return typeof data === 'object' && data !== null && 'status' in data && 'code' in data;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const remove = <T = void>(path: string, body?: unknown) => api<T>('DELETE', path, body);
