import { Type } from '@sinclair/typebox';
import type { Logger } from 'pino';
import { ParleyError, notFound } from '../../errors.ts';
import { Shape, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import type { ProvidersConfig } from '../providers/registry.ts';
import type { ServiceWindows } from '../whatsapp/service-windows.ts';
import type { Tracking } from './delivery-tracking.ts';
import type { InboundSms } from './inbound-sms.ts';
import { parseWhatsAppWebhook, verifyWhatsAppSignature } from './whatsapp-webhook.ts';

function entry(config: ProvidersConfig, name: string) {
  const found = config.whatsapp?.find((e) => e.type === 'whatsapp' && (e.name ?? e.type) === name);
  if (!found) throw notFound('provider');
  return found;
}

/**
 * The WhatsApp Business webhook of one configured provider: Meta's verification request (GET)
 * and its event notifications (POST): message statuses update deliveries, customers' messages
 * open their 24-hour window, and STOP or START sent on WhatsApp stops or restarts WhatsApp
 * messages to that number. Public; trusted only through X-Hub-Signature-256.
 */
export async function whatsAppRoutes(
  app: App,
  { config, tracking, windows, inbound, log }: { config: ProvidersConfig; tracking: Tracking; windows: ServiceWindows; inbound: InboundSms; log: Logger },
) {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const params = Type.Object({ provider: Type.String({ maxLength: 64 }) });
  const tags = ['provider callbacks'];

  app.get<{ Params: { provider: string }; Querystring: Record<string, string | undefined> }>(
    '/callbacks/whatsapp/:provider',
    {
      config: { access: 'provider_signed' },
      schema: {
        operationId: 'verifyWhatsAppWebhook',
        tags,
        summary: 'WhatsApp webhook verification request (hub.challenge)',
        description:
          "Called by Meta when the webhook is set up in the app dashboard, not by API clients. With hub.mode=subscribe and the provider entry's verifyToken as hub.verify_token, answers hub.challenge as it came; a wrong token: 403 invalid_verify_token.",
        security: [],
        params,
        querystring: Type.Object(
          {
            'hub.mode': Type.String({ maxLength: 32 }),
            'hub.verify_token': Type.String({ maxLength: 256 }),
            'hub.challenge': Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: { description: 'hub.challenge', content: { 'text/plain': { schema: Type.String() } } }, ...answers({}, [403, 404], { public: true }) },
      },
    },
    async (request, reply) => {
      const token = entry(config, request.params.provider).verifyToken as string | undefined;
      if (!token) throw notFound('provider');
      const q = request.query;
      if (q['hub.mode'] !== 'subscribe' || q['hub.verify_token'] !== token) {
        throw new ParleyError('forbidden', 'invalid_verify_token', "hub.mode must be subscribe and hub.verify_token the provider's verifyToken.");
      }
      return reply.code(200).type('text/plain').send(q['hub.challenge']);
    },
  );

  app.post<{ Params: { provider: string } }>(
    '/callbacks/whatsapp/:provider',
    {
      config: { access: 'provider_signed' },
      schema: {
        operationId: 'receiveWhatsAppEvents',
        tags,
        summary: 'WhatsApp webhook: message statuses and inbound messages (X-Hub-Signature-256)',
        description:
          "Called by Meta, not by API clients: no bearer token. Authenticated by X-Hub-Signature-256 (sha256= and an HMAC-SHA256 of the raw body keyed with the provider entry's appSecret); missing or wrong: 401 invalid_signature and nothing is written. Statuses (sent, delivered, read, failed) update the delivery with that wamid; each inbound message opens its number's 24-hour customer-service window; STOP and START stop and restart WhatsApp messages to the number.",
        security: [],
        params,
        response: answers(
          {
            200: Shape({
              received: Type.Integer({ description: 'Statuses in the body.' }),
              matched: Type.Integer({ description: 'Statuses that matched a delivery.' }),
              inbound: Type.Integer({ description: 'Messages from customers in the body.' }),
            }),
          },
          [404, 413, 415],
        ),
      },
    },
    async (request, reply) => {
      const options = entry(config, request.params.provider);
      const secret = options.appSecret as string | undefined;
      if (!secret) throw notFound('provider');
      const signature = request.headers['x-hub-signature-256'];
      const raw = request.body;
      if (typeof signature !== 'string' || !Buffer.isBuffer(raw)) throw new ParleyError('unauthenticated', 'invalid_signature', 'The X-Hub-Signature-256 header is missing.');
      if (!verifyWhatsAppSignature(secret, raw, signature)) throw new ParleyError('unauthenticated', 'invalid_signature', 'The X-Hub-Signature-256 does not verify.');
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ParleyError('invalid_data', 'malformed_json', 'The body is not valid JSON.');
      }
      let parsed;
      try {
        parsed = parseWhatsAppWebhook(body);
      } catch (err) {
        throw new ParleyError('invalid_data', 'invalid_events', (err as Error).message);
      }
      const now = new Date();
      // A customer's message opens the window from when it was sent, never from a time to come.
      await windows.recordInbound(parsed.inbound.map((m) => ({ address: m.address, at: m.at > now ? now : m.at })));
      for (const m of parsed.inbound) {
        const outcome = await inbound.receive(m.address, m.text, request.params.provider, 'whatsapp');
        if (outcome.keyword) log.info({ keyword: outcome.keyword, changed: outcome.changed }, 'WhatsApp keyword');
      }
      const matched = await tracking.providerEvents('whatsapp', parsed.events);
      return reply.code(200).send({ received: parsed.events.length, matched, inbound: parsed.inbound.length });
    },
  );
}
