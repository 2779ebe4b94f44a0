/**
 * The one error type services throw. `code` is machine-readable and stable;
 * `message` is a sentence a person can act on.
 */
export type ErrorKind =
  | 'invalid_data'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

const statusByKind: Record<ErrorKind, number> = {
  invalid_data: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export class ParleyError extends Error {
  readonly status: number;

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ParleyError';
    this.status = statusByKind[kind];
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new ParleyError('invalid_data', code, message, details);
export const notFound = (what: string) => new ParleyError('not_found', `${what}_not_found`, `No ${what.replace(/_/g, ' ')} with that id exists, or you cannot see it.`);
export const forbidden = (code: string, message: string) => new ParleyError('forbidden', code, message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new ParleyError('conflict', code, message, details);
export const unauthenticated = (code: string, message: string) => new ParleyError('unauthenticated', code, message);
