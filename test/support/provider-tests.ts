import { createServer } from 'node:net';
import pino from 'pino';
import { expect, it } from 'vitest';
import { type EmailMessage, ProviderError } from '../../src/notifications/providers/types.ts';
import type { HttpResponse } from '../../src/notifications/providers/http.ts';
import { listen } from './fakes/http.ts';

/** What the provider adapter tests share; each provider's own behaviour stays in its test. */

const log = pino({ level: 'silent' });

/** The context a provider is made with, named `name`, logging nothing. */
export const providerContext = (name: string) => ({ name, log });

/** The email the email adapters' tests send: both parts, one tag. */
export const emailMessage: EmailMessage = {
  deliveryId: '0b6a3c1e-1d2f-4c3b-9a8e-7f6d5c4b3a21',
  requestId: 'req_42',
  to: 'buyer@example.com',
  subject: 'Your order shipped',
  text: 'It is on its way.',
  html: '<p>It is on its way.</p>',
  tags: { notification_type: 'order_shipped' },
};

/** Asserts that `promise` rejects with a ProviderError and returns it. */
export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** How a failure should be classified: the ProviderError fields a test checks. */
export type Classification = Partial<Pick<ProviderError, 'kind' | 'code' | 'status' | 'retryAfterMs' | 'invalidToken'>>;

/** Asserts the classification: `expected`, with invalidToken false and no retryAfterMs unless `expected` says otherwise. */
export function expectClassified(error: ProviderError, expected: Classification): void {
  expect(error).toMatchObject({ invalidToken: false, ...expected });
  if (!('retryAfterMs' in expected)) expect(error.retryAfterMs).toBeUndefined();
}

/** One test per case: `send(answer)` scripts the fake's answer and sends; it fails classified as expected. */
export function itClassifies<A>(cases: readonly (readonly [A, Classification])[], send: (answer: A) => Promise<unknown>): void {
  it.each(cases)('classifies %o', async (answer, expected) => {
    expectClassified(await failure(send(answer)), expected);
  });
}

/** A base URL on 127.0.0.1 where nothing listens: bound, then released. */
export async function refusedUrl(protocol = 'http'): Promise<string> {
  const server = createServer();
  const url = await listen(server, protocol);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

/** A canned HTTP answer, for tests that replace the transport (`http.send`) to see where an adapter sends. */
export function httpAnswer(status: number, body = '', headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    text: async () => body,
    json: async () => JSON.parse(body),
    discard: async () => {},
  };
}
