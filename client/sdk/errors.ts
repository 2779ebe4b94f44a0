/**
 * An error answer from Parley: `status` is the HTTP status (0 when Parley could not be
 * reached), `code` is machine-readable and stable, `message` is a sentence for a person.
 */
export class ParleyApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ParleyApiError';
  }

  /** Worth trying again unchanged: Parley unreachable, or a server-side failure. */
  get transient(): boolean {
    return this.status === 0 || this.status === 408 || this.status >= 500;
  }
}

/** Refusals of a send as the REST API words them with 403; the socket's `error` event carries no status. */
const forbiddenCodes = new Set(['message_type_not_allowed', 'not_a_participant', 'operator_only', 'buyer_only', 'creator_not_participant']);

/**
 * The HTTP status the same refusal has over REST, for an `error` event of the socket (which
 * carries the code only): so that a send refused on either path throws the same error.
 */
export function statusForCode(code: string): number {
  if (code.endsWith('_not_found')) return 404;
  if (code === 'rate_limited') return 429;
  if (code === 'internal_error') return 500;
  if (code === 'message_exists') return 409;
  if (forbiddenCodes.has(code)) return 403;
  return 400;
}
