import { createHmac, timingSafeEqual } from 'node:crypto';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ParleyError, invalid } from '../errors.ts';
import { Shape, answers } from '../http/contract.ts';
import type { App } from '../http/instance.ts';
import type { EmailReplySettings } from './email-reply-settings.ts';
import { type InboundMail, type InboundMailDesk, type InboundOutcome, addressOf, refusal } from './inbound-mail.ts';
import { htmlAsText, isAutomatic, readRawMail } from './mail-reading.ts';

/** How far a Mailgun signature's timestamp may be from now. */
const MAILGUN_SKEW_SECONDS = 15 * 60;

const Posted = Shape({
  status: Type.Literal('posted'),
  conversationId: Type.String(),
  messageId: Type.String(),
  created: Type.Boolean({ description: 'false: this email (by its Message-ID) was posted before, and nothing new was written.' }),
});
const tags = ['reply by email'];
const refusedFor = 'A refused email (a reply address that is forged, unknown or expired, a sender who is not the participant, an automatic reply, nothing above the quote, too large) answers 406 with the refusal\'s code: neither SendGrid nor Mailgun send it again. A reply that cannot be stored just now answers 503, which both retry.';

/** Fields of a form (multipart or url-encoded): the first value of each name; file parts are read and dropped. */
async function formFields(request: FastifyRequest, maxBytes: number): Promise<Record<string, string>> {
  if (typeof request.body === 'string') return Object.fromEntries(new URLSearchParams(request.body));
  if (!request.isMultipart()) {
    throw new ParleyError('unsupported_media_type', 'form_required', 'Post the email as multipart/form-data or application/x-www-form-urlencoded, as the mail provider does.');
  }
  const fields: Record<string, string> = {};
  let total = 0;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      for await (const chunk of part.file) total += (chunk as Buffer).length;
      if (part.file.truncated) total = maxBytes + 1;
    } else if (typeof part.value === 'string') {
      total += part.value.length;
      fields[part.fieldname] ??= part.value;
    }
    if (total > maxBytes) throw new ParleyError('payload_too_large', 'mail_too_large', `The email is larger than the ${maxBytes} bytes this Parley takes (PARLEY_REPLY_MAX_BYTES).`);
  }
  return fields;
}

function send(reply: FastifyReply, outcome: InboundOutcome) {
  if (outcome.ok) return reply.code(200).send({ status: 'posted' as const, conversationId: outcome.conversationId, messageId: outcome.messageId, created: outcome.created });
  if (outcome.temporary) return reply.code(503).header('Retry-After', '60').send({ error: { code: outcome.code, message: outcome.message } });
  return reply.code(406).send({ error: { code: outcome.code, message: outcome.message } });
}

/** Unfolded header fields of a raw header block, by lower-cased name (the first of each). */
function headerBlock(raw: string | undefined): (name: string) => string | undefined {
  const map = new Map<string, string>();
  for (const line of (raw ?? '').replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!map.has(name)) map.set(name, line.slice(colon + 1).trim());
    }
  }
  return (name) => map.get(name);
}

function json(value: string | undefined): unknown {
  try {
    return value === undefined ? undefined : JSON.parse(value);
  } catch {
    return undefined;
  }
}

const safeEqual = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Replies by email through a mail provider's inbound webhook: SendGrid Inbound Parse and Mailgun
 * routes. Public (the providers hold no API key of ours), each trusted through its own proof:
 * basic-auth credentials in SendGrid's URL, Mailgun's HMAC signature. Both hand the email to the
 * same desk as the SMTP listener.
 */
export async function inboundWebhookRoutes(app: App, { settings, inbound }: { settings: EmailReplySettings; inbound?: InboundMailDesk }) {
  const maxBytes = settings.maxBytes;
  await app.register(multipart, { limits: { fieldSize: maxBytes, fileSize: maxBytes, parts: 200, fields: 100 } });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
  const notConfigured = (what: string, variable: string) =>
    new ParleyError('not_found', 'inbound_webhook_not_configured', `Replies through ${what} are not set up on this Parley; set PARLEY_REPLY_DOMAIN and ${variable}.`);
  /** Mailgun tokens seen within the signature window: a captured signature cannot be posted again. */
  const seenTokens = new Map<string, number>();

  app.post(
    '/email-replies/sendgrid',
    {
      config: { access: 'provider_signed' },
      bodyLimit: maxBytes,
      schema: {
        operationId: 'receiveSendgridInboundReply',
        tags,
        summary: 'SendGrid Inbound Parse webhook: a reply to a reply address, posted into its conversation',
        description: `Called by SendGrid, not by API clients. Set the Inbound Parse URL of PARLEY_REPLY_DOMAIN to https://user:password@<Parley>/email-replies/sendgrid with the credentials of PARLEY_REPLY_SENDGRID_AUTH; wrong or missing: 401 and nothing is written. Takes the parsed form (to, from, text, html, envelope, headers) or the raw MIME ("email" field). ${refusedFor}`,
        security: [],
        consumes: ['multipart/form-data', 'application/x-www-form-urlencoded'],
        response: answers({ 200: Posted }, [401, 404, 406, 413, 415], { public: true }),
      },
    },
    async (request, reply) => {
      if (!settings.sendgridAuth || !inbound) throw notConfigured('SendGrid Inbound Parse', 'PARLEY_REPLY_SENDGRID_AUTH');
      const given = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!given || !safeEqual(Buffer.from(given, 'base64').toString('utf8'), settings.sendgridAuth)) {
        reply.header('WWW-Authenticate', 'Basic realm="parley-email-replies"');
        throw new ParleyError('unauthenticated', 'invalid_credentials', 'Put the user and password of PARLEY_REPLY_SENDGRID_AUTH into the Inbound Parse URL.');
      }
      const form = await formFields(request, maxBytes);
      const envelope = json(form.envelope) as { to?: unknown; from?: unknown } | undefined;
      const to = Array.isArray(envelope?.to) ? envelope.to.filter((t): t is string => typeof t === 'string') : [];
      const envelopeFrom = typeof envelope?.from === 'string' ? envelope.from : undefined;
      let mail: InboundMail;
      if (form.email) {
        const raw = await readRawMail(form.email, { from: envelopeFrom, to }).catch(() => undefined);
        if (!raw) return send(reply, refusal('malformed_mail'));
        mail = raw;
      } else {
        if (form.from === undefined || (form.text === undefined && form.html === undefined)) {
          throw invalid('missing_field', 'The Inbound Parse post needs from and text (or html), or the raw email in "email".');
        }
        const header = headerBlock(form.headers);
        mail = {
          recipients: to.length ? to : (form.to ?? '').split(',').flatMap((a) => addressOf(a) ?? []),
          from: addressOf(form.from),
          messageId: header('message-id'),
          text: form.text ?? (await htmlAsText(form.html!)),
          automatic: isAutomatic(header, envelopeFrom),
        };
      }
      return send(reply, await inbound.receive(mail, 'sendgrid'));
    },
  );

  app.post(
    '/email-replies/mailgun',
    {
      config: { access: 'provider_signed' },
      bodyLimit: maxBytes,
      schema: {
        operationId: 'receiveMailgunInboundReply',
        tags,
        summary: 'Mailgun route webhook: a reply to a reply address, posted into its conversation',
        description: `Called by Mailgun, not by API clients: a route matching PARLEY_REPLY_DOMAIN with forward("https://<Parley>/email-replies/mailgun"). Authenticated by the signature, timestamp and token fields (HMAC-SHA256 of timestamp and token with PARLEY_REPLY_MAILGUN_SIGNING_KEY); a wrong signature, a timestamp more than 15 minutes off or a token used before: 403 and nothing is written. Takes the parsed form (recipient, sender, from, body-plain, message-headers) or raw MIME (body-mime). ${refusedFor}`,
        security: [],
        consumes: ['multipart/form-data', 'application/x-www-form-urlencoded'],
        response: answers({ 200: Posted }, [403, 404, 406, 413, 415], { public: true }),
      },
    },
    async (request, reply) => {
      const key = settings.mailgunSigningKey;
      if (!key || !inbound) throw notConfigured('Mailgun routes', 'PARLEY_REPLY_MAILGUN_SIGNING_KEY');
      const form = await formFields(request, maxBytes);
      const { timestamp = '', token = '', signature = '' } = form;
      const forbidden = (message: string) => new ParleyError('forbidden', 'invalid_signature', message);
      if (!timestamp || !token || !signature) throw forbidden('The post is not signed: timestamp, token and signature are needed.');
      if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > MAILGUN_SKEW_SECONDS) throw forbidden('The signed timestamp is missing, too old or in the future.');
      const expected = createHmac('sha256', key).update(timestamp + token).digest('hex');
      if (!safeEqual(expected, signature.toLowerCase())) throw forbidden('The signature does not verify with PARLEY_REPLY_MAILGUN_SIGNING_KEY.');
      const now = Date.now();
      for (const [seen, at] of seenTokens) if (at < now - 2 * MAILGUN_SKEW_SECONDS * 1000) seenTokens.delete(seen);
      if (seenTokens.has(token)) throw forbidden('This signature was used before; a replayed post is not taken.');
      seenTokens.set(token, now);

      let mail: InboundMail;
      if (form['body-mime']) {
        const raw = await readRawMail(form['body-mime'], { from: form.sender, to: form.recipient ? [form.recipient] : [] }).catch(() => undefined);
        if (!raw) return send(reply, refusal('malformed_mail'));
        mail = raw;
      } else {
        if (form.from === undefined || form['body-plain'] === undefined) throw invalid('missing_field', 'The route post needs from and body-plain, or the raw email in body-mime.');
        const pairs = json(form['message-headers']);
        const headers = new Map<string, string>();
        if (Array.isArray(pairs)) for (const p of pairs) if (Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string' && !headers.has(p[0].toLowerCase())) headers.set(p[0].toLowerCase(), p[1]);
        mail = {
          recipients: (form.recipient ?? '').split(',').map((r) => r.trim()).filter(Boolean),
          from: addressOf(form.from),
          messageId: headers.get('message-id') ?? form['Message-Id'],
          text: form['body-plain'],
          automatic: isAutomatic((name) => headers.get(name), form.sender),
        };
      }
      const outcome = await inbound.receive(mail, 'mailgun');
      // A post that could not be stored may come again with the same token.
      if (!outcome.ok && outcome.temporary) seenTokens.delete(token);
      return send(reply, outcome);
    },
  );
}
