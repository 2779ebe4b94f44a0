import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ParleyError, notFound } from '../../errors.ts';
import { Shape, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import type { ProvidersConfig } from '../providers/registry.ts';
import type { Tracking } from './delivery-tracking.ts';
import { parseSendGridEvents, verifySendGridSignature } from './sendgrid-events.ts';
import { parseTwilioStatus, verifyTwilioSignature } from './twilio-status.ts';

const MAX_SKEW_SECONDS = 10 * 60;

function entry(config: ProvidersConfig, channel: 'email' | 'sms', type: string, name: string) {
  const found = config[channel]?.find((e) => e.type === type && (e.name ?? e.type) === name);
  if (!found) throw notFound('provider');
  return found;
}

const unauthenticated = (message: string) => new ParleyError('unauthenticated', 'invalid_signature', message);

/**
 * Status callbacks from providers. They are public (providers cannot hold our credentials) and
 * trusted only through the provider's signature over the raw body. Registered in their own
 * plugin so that the raw-body parsers apply here only.
 */
export async function callbackRoutes(app: App, { config, tracking }: { config: ProvidersConfig; tracking: Tracking }) {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const params = Type.Object({ provider: Type.String({ maxLength: 64 }) });
  const tags = ['provider callbacks'];
  // Answered with 401 invalid_signature when the signature is missing, stale or wrong; 404 for a provider not configured for callbacks.
  const response = answers({ 200: Shape({ received: Type.Integer({ description: 'Events in the body.' }), matched: Type.Integer({ description: 'Events that matched a delivery.' }) }) }, [404, 413, 415]);

  app.post<{ Params: { provider: string } }>(
    '/callbacks/sendgrid/:provider',
    {
      config: { access: 'provider_signed' },
      schema: {
        operationId: 'receiveSendGridEvents',
        tags,
        summary: 'SendGrid Event Webhook (signed with ECDSA)',
        description:
          'Called by SendGrid, not by API clients: no bearer token. Authenticated by the Event Webhook signature: X-Twilio-Email-Event-Webhook-Signature (ECDSA over the timestamp and the raw body, verified with the provider entry\'s eventWebhookPublicKey) and X-Twilio-Email-Event-Webhook-Timestamp (at most 10 minutes off). Missing, stale or wrong: 401 invalid_signature.',
        security: [],
        params,
        response,
      },
    },
    async (request, reply) => {
      const options = entry(config, 'email', 'sendgrid', request.params.provider);
      const key = options.eventWebhookPublicKey as string | undefined;
      if (!key) throw notFound('provider');
      const signature = header(request, 'x-twilio-email-event-webhook-signature');
      const timestamp = header(request, 'x-twilio-email-event-webhook-timestamp');
      const raw = request.body as Buffer;
      if (!signature || !timestamp || !Buffer.isBuffer(raw)) throw unauthenticated('The event webhook signature headers are missing.');
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) throw unauthenticated('The event webhook timestamp is too old or in the future.');
      if (!verifySendGridSignature(key, raw, signature, timestamp)) throw unauthenticated('The event webhook signature does not verify.');
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ParleyError('invalid_data', 'malformed_json', 'The body is not valid JSON.');
      }
      let events;
      try {
        events = parseSendGridEvents(body);
      } catch (err) {
        throw new ParleyError('invalid_data', 'invalid_events', (err as Error).message);
      }
      const matched = await tracking.providerEvents('email', events);
      return reply.code(200).send({ received: events.length, matched });
    },
  );

  app.post<{ Params: { provider: string } }>(
    '/callbacks/twilio/:provider',
    {
      config: { access: 'provider_signed' },
      schema: {
        operationId: 'receiveTwilioStatus',
        tags,
        summary: 'Twilio message status callback (X-Twilio-Signature)',
        description:
          "Called by Twilio, not by API clients: no bearer token. Authenticated by X-Twilio-Signature (HMAC-SHA1 with the account's auth token over the configured statusCallbackUrl and the form parameters). Missing or wrong: 401 invalid_signature.",
        security: [],
        params,
        response,
      },
    },
    async (request, reply) => {
      const options = entry(config, 'sms', 'twilio', request.params.provider);
      const base = options.statusCallbackUrl as string | undefined;
      // Twilio signs callbacks with the account's auth token, never with an API key secret.
      const token = options.authToken as string | undefined;
      if (!base || !token) throw notFound('provider');
      const signature = header(request, 'x-twilio-signature');
      if (!signature || typeof request.body !== 'string') throw unauthenticated('The X-Twilio-Signature header is missing.');
      const form = Object.fromEntries(new URLSearchParams(request.body));
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const url = `${base.split('?')[0]}${query}`;
      if (!verifyTwilioSignature(token, url, form, signature)) throw unauthenticated('The X-Twilio-Signature does not verify.');
      const deliveryId = new URL(url).searchParams.get('deliveryId') ?? undefined;
      const event = parseTwilioStatus(form, deliveryId);
      const matched = event ? await tracking.providerEvents('sms', [event]) : 0;
      return reply.code(200).send({ received: event ? 1 : 0, matched });
    },
  );
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
