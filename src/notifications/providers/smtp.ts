import { type Static, Type } from '@sinclair/typebox';
import nodemailer, { type NodemailerError } from 'nodemailer';
import { type EmailMessage, type Provider, ProviderError, type SendResult, type ProviderContext, messageIdFor, senderDomain } from './types.ts';

export const SmtpOptions = Type.Object({
  host: Type.String({ minLength: 1 }),
  port: Type.Integer({ minimum: 1, maximum: 65_535 }),
  /** Implicit TLS; default true on port 465 only. Otherwise STARTTLS is used when the server offers it. */
  secure: Type.Optional(Type.Boolean()),
  /** Fail rather than send in clear text when the server does not offer STARTTLS. */
  requireTLS: Type.Optional(Type.Boolean()),
  auth: Type.Optional(Type.Object({ user: Type.String({ minLength: 1 }), pass: Type.String() }, { additionalProperties: false })),
  /** An address, or "Name <address>". */
  from: Type.String({ minLength: 3 }),
  /** Pooled connections kept open to the server; default 5. */
  maxConnections: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  /** Bounds connecting, the greeting, and each wait for a reply. */
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
  /**
   * DKIM signing: on whenever a private key is configured (here, or PARLEY_DKIM_PRIVATE_KEY for
   * every SMTP provider without its own); `false` turns it off for this provider. The domain
   * defaults to the sender's, the selector to "parley".
   */
  dkim: Type.Optional(
    Type.Union([
      Type.Object(
        { domainName: Type.Optional(Type.String({ minLength: 1 })), keySelector: Type.Optional(Type.String({ minLength: 1 })), privateKey: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
      Type.Literal(false),
    ]),
  ),
});

/** The DKIM settings nodemailer signs with, or undefined when none is configured. */
export function dkimFor(options: Pick<Static<typeof SmtpOptions>, 'dkim' | 'from'>): { domainName: string; keySelector: string; privateKey: string; headerFieldNames: string } | undefined {
  if (!options.dkim) return undefined;
  return {
    domainName: options.dkim.domainName ?? senderDomain(options.from),
    keySelector: options.dkim.keySelector ?? 'parley',
    privateKey: options.dkim.privateKey,
    headerFieldNames: SIGNED_FIELDS,
  };
}

/** nodemailer's default list of signed fields, plus List-Unsubscribe-Post: RFC 8058 wants both one-click fields signed. */
const SIGNED_FIELDS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:Content-ID:Content-Description:' +
  'Resent-Date:Resent-From:Resent-Sender:Resent-To:Resent-Cc:Resent-Message-ID:In-Reply-To:References:' +
  'List-Id:List-Help:List-Unsubscribe:List-Unsubscribe-Post:List-Subscribe:List-Post:List-Owner:List-Archive';

const CONNECTION_ERRORS = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

/** SMTP submission through a nodemailer connection pool. */
export function smtpProvider(options: Static<typeof SmtpOptions>, { name, log }: ProviderContext): Provider<'email'> {
  const timeouts = options.timeoutMs ? { connectionTimeout: options.timeoutMs, greetingTimeout: options.timeoutMs, socketTimeout: options.timeoutMs } : {};
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    // The pool re-sends a message whose connection dropped; retries are the dispatcher's job.
    maxRequeues: 0,
    host: options.host,
    port: options.port,
    secure: options.secure ?? options.port === 465,
    requireTLS: options.requireTLS,
    auth: options.auth,
    dkim: dkimFor(options),
    ...timeouts,
  });
  // An 'error' event nobody listens to would crash the process.
  transport.on('error', (err: Error) => log.warn({ err: { message: err.message } }, 'smtp pool error'));

  return {
    channel: 'email',
    type: 'smtp',
    name,
    endpoint: `${(options.secure ?? options.port === 465) ? 'smtps' : 'smtp'}://${options.host}:${options.port}`,
    async send(message: EmailMessage): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.replyTo && { replyTo: message.replyTo }),
          messageId: messageIdFor(message.deliveryId, options.from),
          headers: { ...message.headers, 'X-Parley-Delivery-Id': message.deliveryId },
        });
        return { externalId: info.messageId };
      } catch (err) {
        throw classifySmtpError(err as NodemailerError);
      }
    },
    async close() {
      transport.close();
    },
  };
}

/** Maps a nodemailer failure to retryable/permanent by its SMTP reply code or its connection error code. */
export function classifySmtpError(err: NodemailerError): ProviderError {
  const code = err.code ?? '';
  const responseCode = err.responseCode;
  const message = `SMTP ${err.command ? `${err.command} ` : ''}failed: ${err.message}`;
  const status = responseCode;

  // 530 authentication required / 535 credentials rejected come with EAUTH or on MAIL FROM.
  if (code === 'EAUTH' || code === 'ENOAUTH' || responseCode === 530 || responseCode === 535) {
    return new ProviderError('permanent', 'unauthorized', message, { status });
  }
  if (responseCode && responseCode >= 400 && responseCode < 600) {
    // 503 is "bad sequence of commands": a session problem, not a verdict on the message.
    if (responseCode < 500 || responseCode === 503) return new ProviderError('retryable', 'deferred', message, { status });
    return new ProviderError('permanent', aboutRecipient(err) ? 'invalid_address' : 'rejected', message, { status });
  }
  if (code === 'ETIMEDOUT') return new ProviderError('retryable', 'timeout', message);
  if (CONNECTION_ERRORS.has(code)) return new ProviderError('retryable', 'connection_failed', message);
  return new ProviderError('retryable', 'smtp_error', message);
}

/**
 * A permanent reply to RCPT TO about the mailbox itself: the enhanced status code says 5.1.x
 * (bad destination mailbox, system or syntax), or, without one, the reply is 550/551/553.
 * 5.7.x policy rejections and 552 (mailbox full) are not the address's fault.
 */
function aboutRecipient(err: NodemailerError): boolean {
  if (err.command !== 'RCPT TO') return false;
  const enhanced = /^\d{3}[ -](\d)\.(\d{1,3})\.\d{1,3}\b/.exec(err.response ?? '');
  if (enhanced) return enhanced[2] === '1';
  return err.responseCode === 550 || err.responseCode === 551 || err.responseCode === 553;
}
