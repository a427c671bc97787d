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
  /** The message for one form field, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((error) => error.field === field)?.message;
  }
}

const offline: Problem = {
  type: 'about:blank',
  title: 'No connection',
  status: 0,
  detail: 'Vaka cannot be reached. Check the connection and try again; nothing you typed is lost.',
  code: 'offline',
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ProblemError(offline);
  }
  if (response.status === 204 || response.status === 202) {
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = (data as Problem | undefined) ?? {
      ...offline,
      status: response.status,
      detail: response.statusText,
      code: 'unknown',
    };
    throw new ProblemError(problem);
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const remove = <T = void>(path: string, body?: unknown) => api<T>('DELETE', path, body);
