import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ParleyError, notFound } from '../../errors.ts';
import { Shape, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { v7 } from '../../uuid.ts';
import type { ProvidersConfig } from '../providers/registry.ts';
import { vonageProvider } from '../providers/vonage.ts';
import type { InboundSms } from './inbound-sms.ts';
import { verifyTwilioSignature } from './twilio-status.ts';
import { VONAGE_SIGNATURE_METHODS, type VonageSignatureMethod, verifyVonageSignature } from './vonage-signature.ts';

const MAX_SKEW_SECONDS = 10 * 60;
const E164 = /^\+[1-9][0-9]{6,14}$/;

/** A request that does not carry the provider's signature changes nothing: 403, as Twilio's own SDK middleware answers. */
const refused = (message: string) => new ParleyError('forbidden', 'invalid_signature', message);

function entry(config: ProvidersConfig, type: string, name: string) {
  const found = config.sms?.find((e) => e.type === type && (e.name ?? e.type) === name);
  if (!found) throw notFound('provider');
  return found;
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => XML_ENTITIES[c]!);

/** TwiML: one reply message, or none. */
export function twiml(reply: string | undefined): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${reply ? `<Message>${xmlEscape(reply)}</Message>` : ''}</Response>`;
}

/**
 * Inbound SMS: what people text to our numbers, forwarded by Twilio and Vonage. Public (the
 * providers hold none of our credentials) and trusted only through the provider's signature.
 */
export async function inboundSmsRoutes(app: App, { config, inbound, publicUrl, log }: { config: ProvidersConfig; inbound: InboundSms; publicUrl: string; log: Logger }) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const params = Type.Object({ provider: Type.String({ maxLength: 64 }) });
  const tags = ['provider callbacks'];

  app.post<{ Params: { provider: string } }>(
    '/callbacks/twilio/:provider/inbound',
    {
      config: { access: 'provider_signed' },
      schema: {
        operationId: 'receiveTwilioInboundSms',
        tags,
        summary: 'Twilio inbound SMS webhook: STOP, START and HELP (X-Twilio-Signature)',
        description:
          "Called by Twilio, not by API clients: no bearer token. Set it as the number's (or messaging service's) incoming message webhook: PARLEY_PUBLIC_URL/callbacks/twilio/{provider}/inbound. Authenticated by X-Twilio-Signature (HMAC-SHA1 with the account's auth token over that URL and the form parameters); missing or wrong: 403 invalid_signature and nothing changes. Answers TwiML: the confirmation of a first STOP or START, the HELP text, or nothing.",
        security: [],
        params,
        response: { 200: { description: 'TwiML', content: { 'text/xml': { schema: Type.String() } } }, ...answers({}, [403, 404, 413, 415], { public: true }) },
      },
    },
    async (request, reply) => {
      const options = entry(config, 'twilio', request.params.provider);
      const token = options.authToken as string | undefined;
      if (!token) throw notFound('provider');
      const signature = header(request, 'x-twilio-signature');
      if (!signature || typeof request.body !== 'string') throw refused('The X-Twilio-Signature header is missing.');
      const form = Object.fromEntries(new URLSearchParams(request.body));
      if (!verifyTwilioSignature(token, `${publicUrl}${request.url}`, form, signature)) throw refused('The X-Twilio-Signature does not verify.');
      const from = form.From ?? '';
      if (!E164.test(from)) return reply.code(200).type('text/xml').send(twiml(undefined));
      const outcome = await inbound.receive(from, form.Body, `twilio:${request.params.provider}`);
      return reply.code(200).type('text/xml').send(twiml(outcome.reply));
    },
  );

  app.post<{ Params: { provider: string } }>(
    '/callbacks/vonage/:provider/inbound',
    {
      config: { access: 'provider_signed' },
      schema: {
        operationId: 'receiveVonageInboundSms',
        tags,
        summary: 'Vonage inbound SMS webhook: STOP, START and HELP (signed, sig parameter)',
        description:
          "Called by Vonage, not by API clients: no bearer token. Set it as the number's inbound webhook (POST, form or JSON) with signed webhooks on. Authenticated by the `sig` parameter made with the provider entry's signatureSecret and signatureMethod (md5hash, md5, sha1, sha256 or sha512) over the other parameters, and a `timestamp` at most 10 minutes off; missing, stale or wrong: 403 invalid_signature and nothing changes. Replies (a first STOP or START, HELP) are sent through the same Vonage account.",
        security: [],
        params,
        response: answers(
          { 200: Shape({ keyword: Type.Union([Type.Literal('stop'), Type.Literal('start'), Type.Literal('help'), Type.Null()]), replied: Type.Boolean() }) },
          [403, 404, 413, 415],
          { public: true },
        ),
      },
    },
    async (request, reply) => {
      const options = entry(config, 'vonage', request.params.provider);
      const secret = options.signatureSecret as string | undefined;
      const method = (options.signatureMethod as VonageSignatureMethod | undefined) ?? 'md5hash';
      if (!secret || !VONAGE_SIGNATURE_METHODS.includes(method)) throw notFound('provider');
      const form = readParams(request);
      if (!form || !form.sig) throw refused('The request is not signed: the sig parameter is missing.');
      if (!(Math.abs(Date.now() / 1000 - Number(form.timestamp)) <= MAX_SKEW_SECONDS)) throw refused('The signed timestamp is missing, too old or in the future.');
      if (!verifyVonageSignature(secret, method, form)) throw refused('The sig parameter does not verify.');
      const from = `+${(form.msisdn ?? '').replace(/^\+/, '')}`;
      if (!E164.test(from)) return reply.code(200).send({ keyword: null, replied: false });
      const outcome = await inbound.receive(from, form.text, `vonage:${request.params.provider}`);
      let replied = false;
      if (outcome.reply) {
        try {
          const sender = vonageProvider(options as never, { name: request.params.provider, log });
          const id = v7();
          await sender.send({ deliveryId: id, requestId: id, to: from, text: outcome.reply });
          replied = true;
        } catch (err) {
          // The keyword is taken either way; Vonage would only send the webhook again.
          log.warn({ err: (err as Error).message }, 'sending the SMS keyword reply through Vonage failed');
        }
      }
      return reply.code(200).send({ keyword: outcome.keyword, replied });
    },
  );
}

/** Vonage posts its parameters form-encoded or as JSON (every value a string). */
function readParams(request: FastifyRequest): Record<string, string> | undefined {
  if (typeof request.body !== 'string') return undefined;
  if ((request.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      const value: unknown = JSON.parse(request.body);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    } catch {
      return undefined;
    }
  }
  return Object.fromEntries(new URLSearchParams(request.body));
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
