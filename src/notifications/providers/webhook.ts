import { type Static, Type } from '@sinclair/typebox';
import { signWebhook } from '../../crypto/standard-webhooks.ts';
import { DEFAULT_TIMEOUT_MS, bodyText, httpFailure, request } from './http.ts';
import { ProviderError, type Provider, type SendResult, type WebhookMessage, type ProviderContext } from './types.ts';

/**
 * Posts notifications to an operator's endpoint, signed the Standard Webhooks way
 * (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * headers, the signature an HMAC-SHA256 over `${id}.${timestamp}.${body}`.
 */

export { signWebhook };

export const WebhookOptions = Type.Object({
  url: Type.String({ format: 'uri', pattern: '^https?://', description: 'The endpoint notifications are POSTed to (http or https).' }),
  secret: Type.String({
    // The spec's secrets are 24 to 64 random bytes, base64-encoded after the prefix.
    pattern: '^whsec_[A-Za-z0-9+/]{32,86}={0,2}$',
    description: 'The Standard Webhooks signing secret: whsec_ followed by base64 of 24 to 64 random bytes.',
  }),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000, default: DEFAULT_TIMEOUT_MS })),
  headers: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Extra headers sent with every request.' })),
});

export function webhookProvider(options: Static<typeof WebhookOptions>, context: ProviderContext): Provider<'webhook'> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    channel: 'webhook',
    type: 'webhook',
    name: context.name,
    endpoint: options.url,
    async send(message: WebhookMessage): Promise<SendResult> {
      const body = JSON.stringify(message.payload);
      // The id stays the same across retries so that the receiver can deduplicate; the timestamp
      // (and so the signature) is fresh on every attempt so that it passes replay checks.
      const id = message.deliveryId;
      const timestamp = Math.floor(Date.now() / 1000);
      // Set (not spread) so that an operator's header cannot add to or replace these, whatever its case.
      const headers = new Headers(options.headers);
      headers.set('content-type', 'application/json');
      headers.set('webhook-id', id);
      headers.set('webhook-timestamp', String(timestamp));
      headers.set('webhook-signature', signWebhook(options.secret, id, timestamp, body));
      const response = await request(
        options.url,
        {
          method: 'POST',
          headers,
          // Redirects are not followed: one could carry the signed payload to a host the operator never configured.
          body,
        },
        timeoutMs,
      );
      if (response.ok) {
        await response.discard();
        return { externalId: id };
      }
      const status = response.status;
      if (status >= 300 && status < 400) {
        await response.discard();
        const location = response.headers.get('location');
        throw new ProviderError('permanent', 'redirected', `The webhook endpoint answered ${status}${location ? ` to ${location}` : ''}; redirects are not followed`, { status });
      }
      const detail = await bodyText(response, 512);
      if (status === 410) throw httpFailure('The webhook endpoint', response, detail, 'endpoint_gone');
      if (status === 413) throw httpFailure('The webhook endpoint', response, detail, 'payload_too_large');
      throw httpFailure('The webhook endpoint', response, detail);
    },
  };
}
